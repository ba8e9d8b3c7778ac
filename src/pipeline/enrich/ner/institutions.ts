// Organisations the tagger misses or mistypes, read from the name's own words and the words around it: a name cut
// in two because each half is a name the tagger knows alone (a body named by its kind and the place it serves,
// "University of Texas", "Brampton City Council"; one opening with a nationality, "German Air Force"; "Curling Hall
// of Fame"), and a name typed by what the sentence says it is (listed with organisations, after "the charity", "is
// a Swiss chain of stores"). Each runs on the tagger's mentions and is switched by nerRules (names.ts).
import { aliasKey, gazetteer } from '../gazetteer.ts';
import { wholeWordAt } from '../whole-word.ts';
import { caseRegime } from './features.ts';
import { CENTRE, ORG_HEAD, ORG_KINDS, cased, fullNameParts, personFirstWords, type RawMention } from './names.ts';

/** Words that say which level of government a body serves ("Legislative Assembly", "Supreme Court"), not what it sells. */
const LEVEL = /^(?:Legislative|Supreme|Federal|Provincial|Regional|State|Constitutional|High|District|Municipal|National|General)$/;

/**
 * An organisation's name that says only what kind of body it is ("University", "Army", "Legislative Assembly"):
 * such a name is incomplete without the place after "of". A name that says more is complete and serves the place
 * ("Standard Oil Company" of New York, the "Liberal Party" of Nova Scotia, as newswire annotates them).
 */
function kindOnly(text: string): boolean {
  const words = text.split(' ').map(cased);
  return ORG_HEAD.test(words.at(-1)!) && words.length <= 2 && (words.length === 1 || LEVEL.test(words[0]!));
}

/**
 * "University" + "of" + "Texas", "Army" + "of the" + "Potomac": a body named by its kind alone, then "of" and a
 * place, is one organisation. Not "of" another organisation: newswire (GMB) names "International Committee" and
 * "Red Cross" apart.
 */
export function joinKindOf(folded: string, ms: RawMention[]): void {
  ms.sort((a, b) => a.start - b.start);
  for (let i = ms.length - 2; i >= 0; i--) {
    const a = ms[i]!, b = ms[i + 1]!;
    if (a.type !== 'ORG' || b.type !== 'LOC') continue;
    if (!/^ (?:of|OF)(?: (?:the|THE))? $/.test(folded.slice(a.end, b.start)) || !kindOnly(a.text)) continue;
    if (gazetteer().demonyms.has(aliasKey(b.text))) continue;
    ms.splice(i, 2, { type: 'ORG', start: a.start, end: b.end, text: folded.slice(a.start, b.end) });
  }
}

/** Bodies a city or region has of its own ("Brampton City Council", "Lahore High Court"): the place is part of the name. */
const LOCAL_BODY = /^(?:Council|Court|Police|University|College|Assembly|Authority|Board|Commission|Hospital|Museum|Library|Airport|Port)$/;

/**
 * "Brampton" + "City Council": a city or region named right before a body of its own is part of the body's name,
 * as a country is of its state institutions (mergeCountryOrgs in index.ts). Not a country: "Pakistan" + "Muslim
 * League" names a country and a party.
 */
export function joinLocalBodies(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  ms.sort((a, b) => a.start - b.start);
  for (let i = ms.length - 2; i >= 0; i--) {
    const a = ms[i]!, b = ms[i + 1]!;
    if (a.type !== 'LOC' || b.type !== 'ORG' || folded.slice(a.end, b.start) !== ' ' || !LOCAL_BODY.test(cased(b.text.slice(b.text.lastIndexOf(' ') + 1)))) continue;
    const place = gaz.places.get(aliasKey(a.text));
    if (place !== undefined && (gaz.countries.has(place) || gaz.demonyms.has(aliasKey(a.text)))) continue;
    ms.splice(i, 2, { type: 'ORG', start: a.start, end: b.end, text: folded.slice(a.start, b.end) });
  }
}

/**
 * "Robert C. Byrd" + "National Aerospace Education Center", "Emil Touma" + "Institute for Palestinian Studies": a
 * person's full name written right before an organisation the tagger found is the person it is named after, part of
 * its name.
 */
export function joinNamedAfter(folded: string, ms: RawMention[]): void {
  ms.sort((a, b) => a.start - b.start);
  for (let i = ms.length - 2; i >= 0; i--) {
    const a = ms[i]!, b = ms[i + 1]!;
    if (a.type !== 'PER' || b.type !== 'ORG' || !/\s/.test(a.text) || folded.slice(a.end, b.start) !== ' ') continue;
    const words = b.text.split(/\s+/);
    if (!words.some((w) => ORG_HEAD.test(w) || CENTRE.test(w))) continue;
    ms.splice(i, 2, { type: 'ORG', start: a.start, end: b.end, text: folded.slice(a.start, b.end) });
  }
}

/**
 * "German" + "Air Force", "Bulgarian" + "Academy of Sciences": a nationality written right before an organisation
 * the tagger found is part of its name. Not before a state body named by its kind ("Iranian Foreign Ministry"),
 * which newswire annotates apart (GMB does).
 */
const STATE_KIND = /^(?:Ministry|Department|Embassy|Government|Cabinet|Foreign|Interior|Defen[cs]e|Finance|Justice|Police|Parliament|Court|Office|Agency|Consulate)$/;
export function joinDemonymOrgs(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'ORG' || !/\s/.test(m.text)) continue;
    const before = /(\p{Lu}[\p{Ll}]+) $/u.exec(folded.slice(Math.max(0, m.start - 30), m.start));
    if (!before || !gaz.demonyms.has(before[1]!.toLowerCase())) continue;
    if (m.text.split(' ').some((w) => STATE_KIND.test(w))) continue;
    const start = m.start - before[1]!.length - 1;
    for (let j = ms.length - 1; j >= 0; j--) if (j !== i && ms[j]!.start < m.start && ms[j]!.end > start) { ms.splice(j, 1); if (j < i) i--; }
    ms[i] = { type: 'ORG', start, end: m.end, text: folded.slice(start, m.end) };
  }
}

/**
 * "Fuji Heavy Industries and Honda": a one-word name the tagger read as a place, listed with an organisation and
 * known to no gazetteer as a place, is an organisation: lists join things of one kind. Not a person so read: a
 * company's founder is listed with it ("Microsoft and Gates"), and GMB, wikigold and BTC lose by it.
 */
export function listedWithOrgs(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  ms.sort((a, b) => a.start - b.start);
  const joins = (x: RawMention, y: RawMention) => /^(?:,? and |, )$/.test(folded.slice(x.end, y.start));
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'LOC' || /\s/.test(m.text) || gaz.places.has(aliasKey(m.text))) continue;
    const prev = ms[i - 1], next = ms[i + 1];
    if ((prev?.type === 'ORG' && joins(prev, m)) || (next?.type === 'ORG' && joins(m, next))) ms[i] = { ...m, type: 'ORG' };
  }
}

/**
 * A kind of organisation in lower case right before a name, or naming it ("the charity Oxfam", "the groups X and
 * Y", "a new party called X", "a mission known as X"): the name is the organisation's. For a name the tagger read
 * as a place no gazetteer knows; one it read as a person only after "called" or "known as" (orgByContext in
 * index.ts reads the plain "the band X" already).
 */
const KIND_BEFORE = new RegExp(String.raw`(?<![\p{L}-])(?:${ORG_KINDS}|group|movement|militia|mission|alliance|coalition|faction|organi[sz]ation)s?( (?:called|named|known as))? $`, 'u');
export function kindBeforeName(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  ms.sort((a, b) => a.start - b.start);
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'LOC' && m.type !== 'PER') continue;
    // The second of a pair ("the groups X and Y") reads the words before the first.
    const prev = ms[i - 1];
    const lead = prev && prev.type === 'ORG' && folded.slice(prev.end, m.start) === ' and ' ? prev.start : m.start;
    const before = KIND_BEFORE.exec(folded.slice(Math.max(0, lead - 40), lead));
    if (!before || (m.type === 'PER' && !before[1]) || gaz.places.has(aliasKey(m.text))) continue;
    ms[i] = { ...m, type: 'ORG' };
  }
}

/**
 * "the Hockey Hall of Fame", "Rock and Roll Hall of Fame", "the Hollywood Walk of Fame": the words before "Hall of
 * Fame" (or "Walk of Fame") that name its field or place.
 */
const HALL_OF_FAME = /(?<![\p{L}\p{N}])((?:\p{Lu}[\p{L}'’.-]*|and|AND|&) ){0,5}(?:(?:Hall|Walk) of Fame|(?:HALL|WALK) OF FAME)(?![\p{L}\p{N}])/gu;

/**
 * "the College Football Hall of Fame": one organisation, not a hall (a person's or a place's name to the tagger)
 * and "Fame" (a place). A walk of fame is a place, whole ("Hollywood Walk of Fame", not "Hollywood" and "Fame").
 */
export function hallsOfFame(folded: string, ms: RawMention[]): void {
  // (The pattern may start at any capital: most texts have no hall of fame to look for.)
  if (!/(?:Hall|Walk) of Fame|(?:HALL|WALK) OF FAME/.test(folded)) return;
  for (const m of folded.matchAll(HALL_OF_FAME)) {
    let text = m[0];
    // A sentence's opening word ("The", "In") is no part of the name; nor a dangling "and".
    text = text.replace(/^(?:(?:The|THE|In|IN|At|AT|and|AND|&) )+/, '');
    // "the Hall of Fame" alone names none in particular.
    if (/^(?:Hall|HALL|Walk|WALK) /.test(text)) continue;
    const start = m.index! + m[0].length - text.length, end = m.index! + m[0].length;
    const inside = ms.filter((x) => x.start < end && x.end > start);
    if (inside.some((x) => x.start < start || x.end > end)) continue;
    // A line in capitals or Title Case capitalises any words before it ("WE WENT TO THE HALL OF FAME"): there, only
    // where the tagger found a name in it.
    const lineStart = folded.lastIndexOf('\n', start) + 1, lineEnd = folded.indexOf('\n', end);
    if (!inside.length && caseRegime(folded.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).split(/\s+/)) !== '') continue;
    for (const x of inside) ms.splice(ms.indexOf(x), 1);
    ms.push({ type: /(?:Walk|WALK) (?:of|OF) (?:Fame|FAME)$/.test(text) ? 'LOC' : 'ORG', start, end, text });
  }
}

/**
 * "Bilka is a Danish chain of stores", "Caloi was a bicycle maker": what a name is said to be, in the sentence's
 * verb, says its type as an apposition does (ORG_APPOS); only a kind of organisation within a few words.
 */
const ORG_COPULA = new RegExp(String.raw`^ (?:is|was|has been|remains) (?:now )?(?:the|a|an) (?:(?:world|country|nation|\p{Lu}[\p{L}.]+) ?['’]s )?(?:(?!of\b)[\p{L}\d-]+ ){0,3}(?:${ORG_KINDS}|(?:container|shipping) line)\b`, 'u');
export function orgCopula(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if ((m.type !== 'PER' && m.type !== 'LOC') || gaz.places.has(aliasKey(m.text))) continue;
    if (ORG_COPULA.test(folded.slice(m.end, m.end + 80))) ms[i] = { ...m, type: 'ORG' };
  }
}

/** After a name and its possessive, what a publication or a research house puts out ("The Verge's Stadia review"). */
const OUTLET_WORK = /^ ?['’]s? (?:[\p{L}\d-]+ ){0,2}(?:review|reviews|report|reporting|analysis|investigation|survey|poll|coverage|editorial|podcast|newsletter|editors?|reporters?|journalists?|readers)\b/u;
/**
 * Before a name, the work it is the source of ("analysis from Poynter", "tests by Digital Foundry"), or its analysts
 * (not its reporters: "told reporters at Pittodrie" names a ground).
 */
const OUTLET_SOURCE = /(?<![\p{L}-])(?:analysis|data|research|figures|estimates|reporting|tests|(?:a|the) (?:report|survey|poll|study|review)|analysts at) (?:from |by |of )?(?:the )?$/u;

/**
 * "According to The Verge's Stadia review", "analysis from Poynter", "the performance analysts at Digital Foundry": a
 * name whose review, report or analysts the text cites is a publication or a research house, not a place (no gazetteer
 * knows it as one), nor a person (of no one the text names in full: "Mueller's report" follows "Robert Mueller").
 */
export function citedOutlets(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const people = fullNameParts(ms);
  const outlets = new Set<string>();
  for (const m of ms) {
    if (m.type === 'LOC' ? gaz.places.has(aliasKey(m.text)) : m.type !== 'PER' || /\s/.test(m.text) || people.has(m.text.toLowerCase())) continue;
    if (OUTLET_WORK.test(folded.slice(m.end, m.end + 50)) || OUTLET_SOURCE.test(folded.slice(Math.max(0, m.start - 40), m.start))) outlets.add(m.text);
  }
  if (!outlets.size) return;
  // The outlet wherever the text names it: one name, one type.
  for (let i = 0; i < ms.length; i++) if ((ms[i]!.type === 'LOC' || ms[i]!.type === 'PER') && outlets.has(ms[i]!.text)) ms[i] = { ...ms[i]!, type: 'ORG' };
}

/**
 * "Pepsi, Coca-Cola, Costco and Winnebago", "Astrobotic, Deep Space Systems, Draper, Firefly Aerospace": a name read
 * as a person's between two organisations of one list (a comma before it and a comma or "and" after, or the other way
 * round) is an organisation; a person named alone beside one company ("Microsoft and Gates") is not so read, nor a
 * name opening with a given name ("Google, Larry Page and Amazon").
 */
export function amidListedOrgs(folded: string, ms: RawMention[]): void {
  ms.sort((a, b) => a.start - b.start);
  const sep = (x: RawMention, y: RawMention) => /^(?:, | and |, and )$/.test(folded.slice(x.end, y.start));
  const people = fullNameParts(ms.filter((m) => !isListed(m)));
  function isListed(m: RawMention): boolean {
    const i = ms.indexOf(m), prev = ms[i - 1], next = ms[i + 1];
    return m.type === 'PER' && !!prev && !!next && prev.type === 'ORG' && next.type === 'ORG' && sep(prev, m) && sep(m, next) &&
      (folded.slice(prev.end, m.start) === ', ' || folded.slice(m.end, next.start) === ', ');
  }
  // A surname the text uses for a person named in full elsewhere stays a person.
  // So does a name that opens with a given name, or whose last word the text uses alone for a person ("Google, Larry
  // Page and Amazon … Page said").
  const count = (w: string) => [...wholeWordAt(folded, w)].length;
  const stays = (m: RawMention) => /\s/.test(m.text)
    ? personFirstWords().has(m.text.split(/\s+/)[0]!.toLowerCase()) || count(m.text.slice(m.text.lastIndexOf(' ') + 1)) > count(m.text)
    : people.has(m.text.toLowerCase());
  const listed = new Set(ms.filter(isListed).filter((m) => !stays(m)).map((m) => m.text));
  // The organisation wherever the text names it: one name, one type.
  for (let i = 0; i < ms.length; i++) if (ms[i]!.type === 'PER' && listed.has(ms[i]!.text)) ms[i] = { ...ms[i]!, type: 'ORG' };
}
