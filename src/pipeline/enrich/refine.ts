// Names checked against the rest of the article after tagging. Many headlines are written in Title Case, so
// the tagger cannot tell its verbs from names ("Iraq's Ruling Coalition to Discuss US Warnings" gives
// "Discuss US"): a Title Case headline's name stands only as far as the body (or the gazetteer) knows it. A name
// that is the tail of a longer one ("Near Eastern Affairs" in "Secretary of State for Near Eastern
// Affairs") is not an organisation of its own. A country written as an acronym is a place ("UK"); a
// month before a number is a date ("Jan 5").
import { commonWords } from './common-words.ts';
import { hasWholeWord } from './whole-word.ts';
import { aliasKey, gazetteer, isNationalityWord } from './gazetteer.ts';
import { MONTHS, WEEKDAYS } from './numbers.ts';
import { COMPASS, isEventWord, nerRules, type RawMention } from './ner/index.ts';
import { cased } from './ner/names.ts';

type NameMention = RawMention & { type: 'PER' | 'ORG' | 'LOC' };

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.&'-]*/gu;

export function refineNames(folded: string, names: RawMention[], titleEnd: number): RawMention[] {
  const gaz = gazetteer();
  const headline = titleEnd > 0 && /\p{L}/u.test(folded.slice(titleEnd)) && isTitleCased(folded.slice(0, titleEnd), folded.slice(titleEnd));
  const bodyKeys = new Map<string, RawMention['type']>();
  for (const m of names) {
    if (m.start < titleEnd) continue;
    const key = aliasKey(m.text);
    if (!bodyKeys.has(key)) bodyKeys.set(key, m.type);
    // Headlines name people by surname ("Musk's and Bezos's firms").
    const surname = m.type === 'PER' ? key.split(' ').at(-1)!.replace(/^(?:al|el|ad|as|ash|an|ar)-/, '') : '';
    if (surname && surname !== key && !bodyKeys.has(surname)) bodyKeys.set(surname, 'PER');
    // And clubs and companies by their first word ("BAYERN" over "Bayern Munich"), unless it is a common word ("Bank").
    const head = nerRules.headlineBodyType && m.type === 'ORG' ? key.split(' ')[0]! : '';
    if (head && head !== key && !bodyKeys.has(head) && !commonWords().has(head)) bodyKeys.set(head, 'ORG');
  }
  // A tail is dropped only when the article never names it on its own and the gazetteer does not know it.
  const standalone = new Set(names.filter((m) => !isTailOfLongerName(folded, m)).map((m) => aliasKey(m.text)));
  const out: RawMention[] = [];
  const sport = nerRules.sportHeading ? SPORT_HEADING.exec(folded.slice(0, titleEnd)) : null;
  const opening = folded.search(/\S/);
  for (const raw of names) {
    let m: RawMention | null = raw;
    if (headline && m.start < titleEnd) m = headlineName(m, bodyKeys);
    else if (nerRules.headlineOpening && titleEnd && m.start === opening) m = withoutOpeningWord(m, bodyKeys, folded.slice(titleEnd));
    if (!m) continue;
    // The heading itself names a sport, nobody ("ICE HOCKEY -").
    if (sport && m.start < sport[0].length) continue;
    if (sport && m.start < titleEnd) m = sportHeadlineTeam(folded, m, gaz);
    const whole = m;
    m = withoutLeadingNoun(m);
    const key = aliasKey(m.text);
    // "Shares of Ford Motor Co": once the noun is cut, "of" before the name is no longer name's "X of" head.
    // So is a market's noun the tagger left out ("Shares of Mitsubishi UFJ Financial Group fell").
    const cut = nerRules.leadingNounTail && ((m !== whole && (MARKET_NOUN.test(whole.text) || (nerRules.leadingNounCased && MARKET_NOUN.test(cased(whole.text))))) ||
      MARKET_NOUN_BEFORE.test(folded.slice(Math.max(0, m.start - 20), m.start)));
    if (m.type === 'ORG' && !cut && !standalone.has(key) && !gaz.orgs.has(key) && isTailOfLongerName(folded, m)) continue;
    if (isDateWord(folded, m)) continue;
    // A capitalised pronoun with its verb ("It'll", "We're") opens a sentence; it names nobody.
    if (nerRules.contractedPronoun && CONTRACTED_PRONOUN.test(m.text)) continue;
    // "PG&E", "AT&T": the tagger reads the capitals before "&"; the name goes on through the ones after.
    const joined = nerRules.ampersandName && /\p{Lu}$/u.test(m.text) ? /^&\p{Lu}{1,3}(?![\p{L}\p{N}])/u.exec(folded.slice(m.end, m.end + 5)) : null;
    if (joined) m = { ...m, end: m.end + joined[0].length, text: m.text + joined[0] };
    // And the capitals after it alone ("T" of "The AT&T deal") are the name read from its start.
    const opened = nerRules.ampersandName && /^\p{Lu}/u.test(m.text) ? /(?<![\p{L}\p{N}])\p{Lu}{1,4}&$/u.exec(folded.slice(Math.max(0, m.start - 5), m.start)) : null;
    if (opened) m = { ...m, start: m.start - opened[0].length, text: opened[0] + m.text };
    if (out.length && m.start < out.at(-1)!.end) continue; // the "E" of a "PG&E" read on
    // "(@SpursOfficial)": a social media handle, not a name written in the text.
    if (nerRules.handleName && /[@#]$/.test(folded.slice(m.start - 1, m.start))) continue;
    // "Palm Beach, Florida": a name before a comma and a state or country is a place in it.
    if (nerRules.placeBeforeRegion && m.type !== 'LOC' && isPlaceInRegion(folded, m, gaz)) m = { ...m, type: 'LOC' };
    out.push(retypeCountry(m, gaz));
  }
  if (nerRules.headlineFromBody && headline && ordinaryBody(folded.slice(titleEnd, titleEnd + 2000))) addHeadlineNames(folded, titleEnd, bodyKeys, out, sport ? sport[0].length : 0);
  return nerRules.compassNationality ? joinCompassNationalities(folded, out, gaz) : out;
}

/**
 * "South Korean tourists", "North American markets": a compass word before a nationality makes one
 * nationality, as newswire annotates it (MISC), not a place "South" beside a "Korean" (enrichDocument's
 * isNationality reads the joined name). The compass word may have been read as a name of its own or not at all.
 */
function joinCompassNationalities(folded: string, names: RawMention[], gaz: ReturnType<typeof gazetteer>): RawMention[] {
  const out: RawMention[] = [];
  for (const m of names) {
    const before = /(?<![\p{L}\p{N}-])(\p{Lu}\p{Ll}+(?:-\p{Ll}+)?) $/u.exec(folded.slice(Math.max(0, m.start - 16), m.start));
    if (!before || !COMPASS.test(before[1]!.toLowerCase()) || !isNationalityWord(m.text, gaz)) { out.push(m); continue; }
    const start = m.start - before[0].length;
    if (out.length && out.at(-1)!.end > start) {
      if (out.at(-1)!.start !== start) { out.push(m); continue; } // the compass word ends a longer name
      out.pop();
    }
    out.push({ ...m, type: 'LOC', start, text: folded.slice(start, m.end) });
  }
  return out;
}

/** A body in ordinary case (a third of its words or more in lower case), whose names' types are worth copying. */
function ordinaryBody(body: string): boolean {
  const words = body.match(/\p{L}+/gu) ?? [];
  return words.length > 0 && words.filter((w) => /^\p{Ll}/u.test(w)).length >= words.length / 3;
}

/**
 * A shouted or Title Case headline's name that the tagger did not find, but that the body names ("SINNER BEATS
 * ALCARAZ" over "Jannik Sinner … Sinner"; truecasing read "sinner" as a word): the longest run of the headline's words
 * that the body names, with the body's type. Words already in a headline mention, and the sport heading, are left.
 */
function addHeadlineNames(folded: string, titleEnd: number, bodyKeys: Map<string, RawMention['type']>, out: RawMention[], from: number): void {
  const words = [...folded.slice(0, titleEnd).matchAll(WORD)].map((w) => ({ start: w.index!, end: w.index! + w[0].length })).filter((w) => w.start >= from);
  const taken = (a: number, b: number) => out.some((m) => m.start < b && m.end > a);
  for (let i = 0; i < words.length; i++) {
    for (let len = Math.min(4, words.length - i); len >= 1; len--) {
      const start = words[i]!.start;
      const end = words[i + len - 1]!.end;
      const text = folded.slice(start, end);
      if (!/^\p{Lu}/u.test(text) || /\n/.test(text) || /^(?:the|a|an)\b/i.test(text) || taken(start, end)) continue;
      // "PARIS MASTERS": a place before an event's word is the event's (ner eventNames).
      const next = words[i + len];
      if (next && isEventWord(folded.slice(next.start, next.end))) continue;
      const type = bodyKeys.get(aliasKey(text));
      if (type !== 'PER' && type !== 'ORG' && type !== 'LOC') continue;
      out.push({ type, start, end, text });
      i += len - 1;
      break;
    }
  }
  out.sort((a, b) => a.start - b.start);
}

/**
 * Title Case or capitals: most words capitalised (a headline in sentence case keeps capitals as
 * informative as a body sentence's, so its names stand on their own).
 */
function isTitleCased(title: string, body: string): boolean {
  const words = title.match(/\p{L}[\p{L}'-]*/gu) ?? [];
  // A shouted headline ("SOCCER - BAYERN HIT FIVE AS DORTMUND SLIP"): its capitals say nothing either.
  if (nerRules.headlineBodyType && words.length >= 3 && !/\p{Ll}/u.test(title)) return true;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  // And a capitalised common word after the first ("Discuss"), or one the body itself writes in lower case
  // ("Royal … Arrogance" over "the British royal"): names alone do not make Title Case.
  const common = words.slice(1).some((w) => /^\p{Lu}\p{Ll}/u.test(w) && (commonWords().has(w.toLowerCase()) || lowerInBody(w, body)));
  return words.length >= 3 && caps >= 0.6 * words.length && common;
}

/** A wire sport heading: "SOCCER - JAPAN GET LUCKY WIN", "CRICKET - ESSEX ON TOP", "Tennis: …". */
const SPORT_HEADING = /^\s*(?:SOCCER|FOOTBALL|CRICKET|TENNIS|GOLF|RUGBY(?: UNION| LEAGUE)?|BASKETBALL|BASEBALL|(?:ICE )?HOCKEY|NFL|NBA|NHL|AMERICAN FOOTBALL|CYCLING|ATHLETICS|MOTOR RACING|MOTORCYCLING|FORMULA ONE|BOXING|SKIING|SWIMMING|VOLLEYBALL|HANDBALL|SNOOKER|HORSE RACING|ROWING|SAILING|SQUASH|BADMINTON|OLYMPICS)\s*(?:-{1,2}|[–—:])\s/i;

/**
 * Under a sport heading a city's name is its club ("SOCCER - BAYERN HIT FIVE AS DORTMUND SLIP"), an
 * organisation by the newswire convention, unless it says where ("… WIN IN ZURICH"); a country's name is its
 * national team and stays the place.
 */
function sportHeadlineTeam(folded: string, m: RawMention, gaz: ReturnType<typeof gazetteer>): RawMention {
  if (m.type !== 'LOC') return m;
  const canon = gaz.places.get(aliasKey(m.text));
  if (canon !== undefined && !gaz.cities.has(canon)) return m;
  if (/\b(?:in|at|to|from|for|of)\s+(?:the\s+)?$/i.test(folded.slice(Math.max(0, m.start - 10), m.start))) return m;
  return { ...m, type: 'ORG' };
}

/** The longest part of a headline name that the body names too (or a known place or organisation). */
function headlineName(m: RawMention, bodyKeys: Map<string, RawMention['type']>): RawMention | null {
  const gaz = gazetteer();
  const words = [...m.text.matchAll(WORD)].map((w) => ({ text: w[0], start: m.start + w.index!, end: m.start + w.index! + w[0].length }));
  for (let len = words.length; len >= 1; len--) {
    for (let a = 0; a + len <= words.length; a++) {
      const start = words[a]!.start;
      const end = words[a + len - 1]!.end;
      const text = m.text.slice(start - m.start, end - m.start);
      const key = aliasKey(text);
      const known = bodyKeys.get(key) ?? (gaz.places.has(key) ? 'LOC' : gaz.orgs.has(key) ? 'ORG' : undefined);
      if (!known) continue;
      // The whole name: in capitals or Title Case the body's type is the better read ("BAYERN HIT FIVE" over a
      // story of "Bayern Munich"'s win: the tagger reads a shouted one-word name as a person).
      if (len === words.length) return nerRules.headlineBodyType && bodyKeys.has(key) && known !== m.type ? { ...m, type: known } : m;
      return { type: known, start, end, text };
    }
  }
  return null;
}

/**
 * A sentence-case headline capitalises its first word whatever it is, and the tagger may join it to the name
 * after it ("House Hitler was born in …"). When the body writes that word in lower case and knows the rest
 * of the name but not the whole, the word is no part of the name.
 */
function withoutOpeningWord(m: RawMention, bodyKeys: Map<string, RawMention['type']>, body: string): RawMention | null {
  // The opening word alone ("Hunter diagnosed with bubonic plague" over "the hunter"): a word, not a name, when
  // the body writes it in lower case and never as a name.
  const key = aliasKey(m.text);
  if (/^\p{Lu}\p{Ll}+$/u.test(m.text) && !bodyKeys.has(key) && lowerInBody(m.text, body) && !gazetteer().places.has(key) && !gazetteer().orgs.has(key)) return null;
  const first = /^(\p{Lu}\p{Ll}+)\s+(?=\p{Lu})/u.exec(m.text);
  if (!first || bodyKeys.has(key) || !lowerInBody(first[1]!, body)) return m;
  const cut = first[0].length;
  const rest = m.text.slice(cut);
  const known = bodyKeys.get(aliasKey(rest));
  return known ? { type: known, start: m.start + cut, end: m.end, text: rest } : m;
}

/** Whether the body writes `word` in lower case somewhere (as a common word, not a name). */
function lowerInBody(word: string, body: string): boolean {
  return hasWholeWord(body, word.toLowerCase());
}

/** "… Secretary of State for Near Eastern Affairs": an organisation name right after a capitalised "X of/for". */
function isTailOfLongerName(folded: string, m: RawMention): boolean {
  return /\p{Lu}[\p{L}.]*\s+(?:of|for)\s+$/u.test(folded.slice(Math.max(0, m.start - 40), m.start));
}

const MONTH_OR_DAY = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/i;

/** "Jan 5": a month or weekday (abbreviation) before a number is a date, not a person. */
function isDateWord(folded: string, m: RawMention): boolean {
  const lw = m.text.toLowerCase();
  if (!MONTH_OR_DAY.test(lw) && !MONTHS.includes(lw) && !WEEKDAYS.includes(lw)) return false;
  return /^\.?\s*\d/.test(folded.slice(m.end, m.end + 4));
}

/** "…, Florida" or "…, Pakistan" right after the name (not "…, Florida's governor"). */
function isPlaceInRegion(folded: string, m: RawMention, gaz: ReturnType<typeof gazetteer>): boolean {
  const region = /^,\s+(\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)?)(?![\p{L}'’-])/u.exec(folded.slice(m.end, m.end + 40));
  if (!region) return false;
  const canon = gaz.places.get(aliasKey(region[1]!));
  return canon !== undefined && !gaz.cities.has(canon) && !gaz.demonyms.has(aliasKey(region[1]!));
}

const CONTRACTED_PRONOUN = /^(?:it|we|i|they|she|he|you|that|there|here|what|who|let)['’](?:ll|re|ve|d|m|s)$/i;

/** A market's noun before a company ("Shares of Ford Motor Co"), unlike "Elders of Zion" or "Acts of Assembly". */
const MARKET_NOUN = /^(?:Shares|Stocks|Bonds|Units|Shareholders|Investors|Customers|Employees|Workers) of /;
/** The same noun and "of" right before a name, as a text ends there. */
const MARKET_NOUN_BEFORE = new RegExp(`(?<![\\p{L}])${MARKET_NOUN.source.slice(1)}$`, 'u');

/**
 * "Shares of Apple Inc fell": a plural common noun and "of" that open a sentence are no part of the
 * name after them (an organisation head such as "Bank of" or "Ministry of" is, and is no common plural).
 */
function withoutLeadingNoun(m: RawMention): RawMention {
  // In a shouted headline or sentence too ("SHARES OF FORD MOTOR CO").
  const lead = /^(\p{Lu}\p{Ll}+s) of (?=\p{Lu})/u.exec(m.text) ?? (nerRules.leadingNounCased ? /^(\p{Lu}+S) OF (?=\p{Lu})/u.exec(m.text) : null);
  if (!lead || !commonWords().has(lead[1]!.toLowerCase()) || /^(?:Affairs|Nations|States|Services|Forces|Industries|Systems|Communications|Studios|Airlines)$/i.test(lead[1]!)) return m;
  const cut = lead[0].length;
  return { ...m, start: m.start + cut, text: m.text.slice(cut) };
}

/** A country's own name or acronym is a place, whatever the tagger said ("UK" as an organisation). */
function retypeCountry(m: RawMention, gaz: ReturnType<typeof gazetteer>): RawMention {
  // Only acronyms: a country's name as a subject is often its team ("Sweden defeated Brazil"), "UK" hardly
  // ever. (Full names of several words as well measured GMB held-out -0.001, wikigold +0.001: not kept.)
  if ((m.type !== 'ORG' && m.type !== 'PER') || !/^(?:\p{Lu}\.?){2,4}$/u.test(m.text)) return m;
  const key = aliasKey(m.text);
  const place = gaz.places.get(key);
  if (!place || !gaz.countries.has(place) || gaz.orgs.has(key) || gaz.demonyms.has(key)) return m;
  return { ...m, type: 'LOC' } as NameMention;
}
