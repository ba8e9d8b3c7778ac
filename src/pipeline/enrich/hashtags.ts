// Hashtags: the article's key places, people and organisations (by mentions, title presence and
// first position) and its top topic keyphrases, each kind capped so that one kind (often places)
// cannot crowd out the rest; variants are merged by canonical name and stem. A tag is what a person
// would pick: never a common word or a stop word of any language (#Light, #Aqui), never a topic the
// body does not write.
import type { Entity } from '../../domain/types.ts';
import { commonWords, isCommonWordForm, isDictionaryWordForm, isStopwordOfAnyLanguage } from './common-words.ts';
import { unigram } from './pos.ts';
import { isBylineCredit, isInBylineNames, isInDateline } from './dateline.ts';
import { aliasKey, gazetteer, withoutDesignators } from './gazetteer.ts';
import { stemOf, type Keyphrase } from './keyphrases.ts';
import { hasWholeWord, proseEdges, wholeWordAt } from './whole-word.ts';

export interface HashtagEntity extends Entity {
  first: number;
  /** Where the first mention ends (its text may differ from the canonical name). */
  firstEnd?: number;
  inTitle: boolean;
  /** How many of its body mentions end where the name does (not cut short before more capitalised words); unset with none. */
  whole?: number;
}

/** Is `long` a longer name that ends in the words of `short` ("Google Stadia" and "Stadia"), case aside? */
export function endsWithName(long: string, short: string): boolean {
  return long.toLowerCase().endsWith(' ' + short.toLowerCase());
}

export function camelCase(phrase: string): string {
  // Arabic hashtags join words with "_" (no case to mark word starts), each without its prefixes.
  if (/[\u0621-\u064A]/.test(phrase)) return phrase.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).join('_');
  return phrase
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (/^\p{Lu}+$/u.test(w) && w.length <= 4 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

// Without a part-of-speech tagger, a topic's head word is judged by its ending and its company:
// adjectives and adverbs by suffix, verbs by a modal or "to" in front of them somewhere in the text.
const ADJECTIVE = /(?:al|ic|ive|ous|ful|less|able|ible|ary|ish|ian|ed|ing|ly|est)$/;
const NOUN = /(?:tion|sion|ment|ness|ity|ism|ship|ance|ence|ure|age|ist|ers|ors)$/;

function looksLikeNoun(phrase: string, folded: string): boolean {
  const head = phrase.toLowerCase().split(' ').at(-1)!;
  if (NOUN.test(head)) return true;
  if (ADJECTIVE.test(head)) return false;
  const esc = head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return !new RegExp(`\\b(?:to|will|would|can|could|should|may|might|must|did|does|do|not|cannot)\\s+${esc}\\b`, 'i').test(folded);
}

/**
 * Adjectives that judge or grade what they qualify rather than say what kind of thing it is ("silly fuss", "extra
 * cash", "real issues", "lowest level", "worst nightmare", "existing tariffs", "dramatic moment"): the phrase names
 * no topic a reader would follow. Kinds stay ("free trade", "fast food", "young people", "mobile phone").
 */
const JUDGEMENT = /^(?:silly|lousy|real|extra|strict|stricter|extraordinary|preventative|good|better|best|bad|worse|worst|great|greater|greatest|huge|massive|big|bigger|biggest|serious|significant|important|major|main|key|various|several|certain|particular|possible|likely|own|whole|entire|vast|enormous|tiny|tremendous|terrible|awful|horrible|wonderful|amazing|incredible|lowest|highest|latest|recent|existing|current|former|previous|dramatic|exact|small|smaller|smallest|average|overall|additional|further|initial|final|unprecedented|epic|vibrant|broad|deep|deeper|potential|actual|typical|usual|unusual|strong|stronger|strongest|weak|weaker|weakest|virtual|sheer|mere|true|simple|clear|obvious|nice|perfect|fine|proper|right|wrong|sure)$/;
/** A number written in words, or a vague count ("thirty", "dozens", "several"), opening a phrase. */
const COUNT_WORD = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|several|many|few|numerous|multiple)(?:-\p{L}+)?$/u;

const CAPS: Record<string, number> = { LOC: 3, PER: 3, ORG: 2, TOPIC: 2 };

const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}&]+$/u;

/** A one-word name tags only when it is a name in this article and not a word ("Light", "Court", "Die"). */
function nameCanTag(name: string, mentions: number, folded: string): boolean {
  const letters = name.replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length < 2) return false;
  if (/\s/.test(name.trim()) || ACRONYM.test(name)) return true;
  const lw = name.toLowerCase();
  if (isStopwordOfAnyLanguage(lw)) return false;
  // A word the article itself writes in lower case is no name here ("Tbsp", "Festival"); a common word
  // is a name only if it recurs as one.
  if (commonWords().has(lw) && mentions < 2) return false;
  if (lw === name) return true; // a script without case (Arabic): nothing to compare
  // (Not inside a web or mail address: "givewell.org".)
  return !hasWholeWord(folded, lw, proseEdges);
}

/** An organisation's name without the designators at its end ("Toyota Motor Corp" → "toyota"). */
function orgConcept(name: string): string {
  return withoutDesignators(name.replace(/[.,]/g, ' ').split(/\s+/).filter(Boolean)).join(' ').toLowerCase();
}

const STYLES = new Set(['Prince', 'Princess', 'King', 'Queen', 'Duke', 'Duchess', 'Pope', 'Emperor', 'Empress', 'Sheikh', 'Sheikha', 'Emir', 'Sultan']);

/**
 * A person known by one name goes by it with the style the article gives them: the tagger keeps titles
 * outside names (newswire convention), so "Prince Andrew" is the person "Andrew" with the role "Prince",
 * but #Andrew alone names nobody. The style is the role's last word, when the text writes it right before
 * the name (a role may also come from an apposition after it).
 */
/** Longer than this, a name's tag is hard to read and to type. */
const LONG_TAG = 20;

/**
 * A name's tag: the name run together, or, for an organisation whose name makes a long tag, the short form in capitals
 * people tag it by (#NCAA, not #NationalCollegiateAthleticAssociation; #IMF, #WHO), where the gazetteer knows one.
 */
function nameTag(e: HashtagEntity, folded: string): string {
  const tag = camelCase(styledName(e, folded));
  const short = e.type === 'ORG' && tag.length > LONG_TAG ? gazetteer().orgAcronyms.get(e.canonical) : undefined;
  return short ? camelCase(short) : tag;
}

function styledName(e: HashtagEntity, folded: string): string {
  if (e.type !== 'PER' || !e.role || /\s/.test(e.canonical)) return e.canonical;
  const style = e.role.split(/\s+/).at(-1)!;
  return STYLES.has(style) && folded.includes(`${style} ${e.canonical}`) ? `${style} ${e.canonical}` : e.canonical;
}

function countStems(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of text.match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? []) {
    const stem = stemOf(w);
    out.set(stem, (out.get(stem) ?? 0) + 1);
  }
  return out;
}

/**
 * Does the body write this topic? As a phrase; in a script without case (Arabic), whose ranker gives
 * words without their attached prefixes ("إطار" for "الإطار"), word by word.
 */
function inBody(phrase: string, body: string): boolean {
  const lower = phrase.toLowerCase();
  if (body.includes(lower)) return true;
  return lower === phrase && !/\p{Script=Latin}/u.test(phrase) && phrase.split(/\s+/).every((w) => body.includes(w));
}

/**
 * A topic tags when a tagger vetted it (English noun phrases; Arabic's own ranker), it is no common word
 * when it is one word, and none of its words is a stop word of any language. Other languages have neither
 * a tagger nor a list of common words here, so their topics are not tagged (#Amor, "agricultores dicen").
 */
function topicCanTag(phrase: string, vetted: boolean): boolean {
  if (!vetted) return false;
  const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length || words.some((w) => isStopwordOfAnyLanguage(w) || w.replace(/[^\p{L}\p{N}]/gu, '').length < 2)) return false;
  if (words.some((w) => /['’]/.test(w))) return false; // "doesn't"
  if (!/^\p{L}/u.test(words[0]!)) return false; // "2.0-liter engine": a measure, not a topic
  if (COUNT_WORD.test(words[0]!)) return false; // "thirty artworks": a count of a plain noun, not a topic
  if (words.length > 1 && JUDGEMENT.test(words[0]!)) return false; // "silly fuss", "worst nightmare": a judgement of a plain noun
  // A short lower-case word is mostly a unit or an abbreviation ("kw", "tsp", "fps"); a one-word topic a
  // dictionary knows in lower case is a plain noun ("artworks", "rabbit"), one concept of many in the text.
  if (words.length > 1) return true;
  // A compound that ends in no noun qualifies, like an adjective ("all-new", "well-known", "seven-year-old");
  // one that ends in a noun may name a thing ("hat-trick").
  const parts = words[0]!.split('-');
  if (parts.length > 1 && !unigram(parts.at(-1)!).pos.startsWith('NN')) return false;
  return !isCommonWordForm(words[0]!) && !isDictionaryWordForm(words[0]!) && words[0]!.length >= 4;
}

/**
 * Words before a name that make it the source the article cites: "according to (a report in) the", "told the",
 * "reported by", "citing", "(an interview|a story) in the", "quoted by".
 */
const CITED_BEFORE = /(?:\baccording to|\breported by|\bciting|\bcited by|\bquoted (?:by|in)|\btold|\b(?:a|an|the) (?:report|story|article|interview|editorial|column|op-ed|investigation|poll|survey) (?:in|by|from|with|for))(?: (?:a|an|the) (?:report|story|article|interview|editorial|investigation|poll|survey) (?:in|by|from|with|for))? (?:the )?$/i;

/** After a name, the close of a clause it is cited for: "…, the Sioux City Journal reported.", "… , Politico reported on Monday". */
const CITED_AFTER = /^\s+(?:reported|reports|said in a report|wrote|first reported)(?:\s+(?:on|late on|earlier on)\s+\p{Lu}\p{Ll}+day|\s+(?:earlier|today|yesterday|last week|this week))?\s*[.,;:)]/u;

/** Is the name at [start, end) cited as the source of what the article reports? */
export function isCitedSource(folded: string, start: number, end: number): boolean {
  return CITED_BEFORE.test(folded.slice(Math.max(0, start - 60), start)) || CITED_AFTER.test(folded.slice(end, end + 60));
}

/**
 * A phrase the article only uses for what people are ("principal meteorologist Scott Strenfel", "Monica de
 * Bolle, a senior fellow at …", "Scott Strenfel, PG&E's principal meteorologist"): a role, not what the
 * article is about.
 */
function isPersonRole(phrase: string, body: string, lowerBody: string, surnames: Set<string>): boolean {
  // (The lower-cased body must keep the body's offsets: true of almost every text, and else no check.)
  if (!surnames.size || !/\s/.test(phrase) || lowerBody.length !== body.length) return false;
  const lower = phrase.toLowerCase();
  let uses = 0;
  for (const at of wholeWordAt(lowerBody, lower)) {
    uses++;
    const after = /^\s+((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]+)/u.exec(body.slice(at + lower.length, at + lower.length + 80))?.[1];
    const before = /(\p{Lu}[\p{L}'’-]+),\s+(?:a|an|the|its|their|\p{Lu}[\p{L}&.-]*(?:\s+\p{Lu}[\p{L}&.-]*)*['’]s)\s+(?:[\p{Ll}-]+\s+)?$/u.exec(body.slice(Math.max(0, at - 60), at))?.[1];
    const named = (after && after.split(/\s+/).some((w) => surnames.has(w))) || (before && surnames.has(before));
    if (!named) return false;
  }
  return uses > 0;
}

export function makeHashtags(entities: HashtagEntity[], keyphrases: Keyphrase[], folded: string, max = 8, min = 3, titleEnd = 0, topicsVetted = true): string[] {
  const textLength = folded.length;
  const body = folded.slice(titleEnd).toLowerCase();
  const gaz = gazetteer();
  type Cand = { tag: string; stem: string; score: number; kind: string; phrase: string; concept?: string };
  const cands: Cand[] = [];
  for (const e of entities) {
    if (e.type !== 'PER' && e.type !== 'ORG' && e.type !== 'LOC') continue;
    if (!nameCanTag(e.canonical, e.mentions, folded)) continue;
    // A name read only as the start of a longer one ("Google Stadia Red Dead" of "… Red Dead Redemption 2") is
    // no name a reader would tag.
    if (e.whole === 0) continue;
    // Where the story was filed and who filed or wrote it is no subject of it ("LONDON (Reuters) - ").
    if (e.mentions === 1 && (isInDateline(folded, e.first) || isBylineCredit(folded, e.first) || isInBylineNames(folded, e.first))) continue;
    // Nor is the outlet the article cites for a fact, named once ("according to a report in the Argus Leader of
    // Sioux Falls", "told the Financial Times"): a source, as a dateline's agency is, not what the story is about.
    if (e.type === 'ORG' && e.mentions === 1 && isCitedSource(folded, e.first, e.firstEnd ?? e.first + e.canonical.length)) continue;
    // A nationality ("Korean") is tagged as its country, if at all, never as itself: a known demonym, or
    // one word with a demonym's ending that is no known place.
    const key = aliasKey(e.canonical);
    if (gaz.demonyms.has(key) || (!/\s/.test(key) && /(?:ean|ian|ese|ish)$/.test(key) && !gaz.places.has(key))) continue;
    const early = 1 - Math.min(1, e.first / Math.max(1, textLength));
    // Cities often stand for their governments ("Washington", "Baghdad"): weigh them below countries.
    const weight = e.type === 'LOC' && !gaz.countries.has(e.canonical) ? 0.6 : 1;
    const score = (e.mentions + (e.inTitle ? 2 : 0) + early) * weight;
    cands.push({ tag: nameTag(e, folded), stem: stemOf(e.canonical), score, kind: e.type, phrase: e.canonical, concept: e.type === 'ORG' ? orgConcept(e.canonical) : undefined });
  }
  const entityStems = new Set(cands.flatMap((s) => s.stem.split(' ')));
  // How often the body writes each word stem: a one-word topic must recur in the body itself. Its count
  // comes with the title's words, and a title word echoed once ("… Arrogance" over "arrogant") is no topic.
  let bodyStems: Map<string, number> | null = null;
  const bodyCount = (stem: string) => {
    bodyStems ??= countStems(body);
    return bodyStems.get(stem) ?? 0;
  };
  const surnames = new Set(entities.filter((e) => e.type === 'PER').map((e) => e.canonical.split(/\s+/).at(-1)!));
  const bodyText = folded.slice(titleEnd);
  for (const k of keyphrases) {
    if (k.stem.split(' ').some((w) => entityStems.has(w))) continue;
    if (/^\p{Lu}/u.test(k.phrase)) continue; // capitalised phrases the tagger did not call names are rarely topics
    if (!topicCanTag(k.phrase, topicsVetted) || !inBody(k.phrase, body)) continue;
    if (!/\s/.test(k.stem) && /\p{Script=Latin}/u.test(k.phrase) && bodyCount(k.stem) < 2) continue;
    if (isPersonRole(k.phrase, bodyText, body, surnames)) continue;
    cands.push({ tag: camelCase(k.phrase.toLowerCase()).replace(/^\p{Ll}/u, (c) => c.toUpperCase()), stem: k.stem, score: 1 + k.count, kind: 'TOPIC', phrase: k.phrase });
  }
  cands.sort((a, b) => b.score - a.score);
  const used: Record<string, number> = {};
  const out: { tag: string; score: number; phrase: string }[] = [];
  const seen = new Set<string>();
  const take = (c: Cand) => {
    const key = c.tag.toLowerCase();
    // One topic per head word: "weekday mornings" and "mornings" are one concept.
    const head = c.kind === 'TOPIC' ? 'head:' + c.stem.split(' ').at(-1) : '';
    // One organisation once: "Toyota" and "Toyota Motor Corp" are one company.
    const concept = c.concept ? 'org:' + c.concept : '';
    if (!c.tag || seen.has(key) || seen.has(c.stem) || seen.has(head) || seen.has(concept)) return false;
    if (head) seen.add(head);
    if (concept) seen.add(concept);
    seen.add(key);
    seen.add(c.stem);
    used[c.kind] = (used[c.kind] ?? 0) + 1;
    out.push({ tag: '#' + c.tag, score: c.score, phrase: c.phrase });
    return true;
  };
  for (const c of cands) {
    if (out.length >= max) break;
    if ((used[c.kind] ?? 0) >= (CAPS[c.kind] ?? 2)) continue;
    // A name seen once and not in the title is too minor to tag.
    if (c.kind !== 'TOPIC' && c.score < 2 && out.length >= min) continue;
    if (c.kind === 'TOPIC' && c.score < 3) continue; // a topic must recur
    if (c.kind === 'TOPIC' && !looksLikeNoun(c.phrase, folded)) continue;
    take(c);
  }
  // A short article may still reach the minimum: names first, then recurring noun topics.
  for (const c of cands) if (out.length < min && c.kind !== 'TOPIC') take(c);
  for (const c of cands) if (out.length < min && c.kind === 'TOPIC' && c.score >= 3 && looksLikeNoun(c.phrase, folded)) take(c);
  // A name that ends another tag's name is that one said short: #Statehouse beside #IndianaStatehouse, #Stadia
  // beside #GoogleStadia. The longer tag holds it.
  return out
    .filter((o) => !out.some((n) => endsWithName(n.phrase, o.phrase)))
    .sort((a, b) => b.score - a.score)
    .map((o) => o.tag);
}
