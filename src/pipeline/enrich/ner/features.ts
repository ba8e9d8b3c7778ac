// Features of one token for the entity tagger: the word, its shape, affixes, neighbours, gazetteer
// membership and the previous tag (a first-order structured perceptron, Collins 2002, decoded by Viterbi).
import type { Gazetteer } from '../gazetteer.ts';
import { wordClasses } from './clusters.ts';
import { remembered } from '../../normalize/index.ts';

// Shapes are computed per distinct word and cached: they are the tagger's hottest path.
const shapes = remembered((w: string): [string, string] => {
  let long = '';
  let short = '';
  let run = 0;
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    run = long.endsWith(c) ? run + 1 : 1;
    if (run <= 2) long += c;
    if (!short.endsWith(c)) short += c;
  }
  return [long, short];
}, 50_000);

export function shape(w: string): string {
  return shapes(w)[0];
}

export function shortShape(w: string): string {
  return shapes(w)[1];
}

const NUM = /^\d/;

const ACRONYM = /^\p{Lu}{2,4}$/u;

/**
 * The lexical key of a word: lower case, except that an all-capitals acronym is spelt dotted. Lower-
 * casing alone makes "US" the pronoun "us" and "WHO" the pronoun "who"; dotted, "US" shares what the
 * training text (which writes "U.S.") learned about the country, as its word class does.
 */
export function lexKey(w: string): string {
  return ACRONYM.test(w) ? w.toLowerCase().split('').join('.') + '.' : w.toLowerCase();
}

/** The word's [fine, mid, coarse] classes, looked up once per distinct word (each token asks three times). */
const classesOf = remembered((w: string): readonly [string, string, string] | undefined => wordClasses().get(lexKey(w)));

export const norm = remembered((w: string): string => (NUM.test(w) ? (/^\d{4}$/.test(w) ? '!YEAR' : '!DIGITS') : lexKey(w)));

/** Features of the word alone (cacheable per distinct word). */
export function localFeatures(w: string, gaz: Gazetteer, lower: ReadonlySet<string>): string[] {
  const lw = w.toLowerCase();
  const f: string[] = ['b', 'w=' + norm(w), 'sh=' + shortShape(w), 'shl=' + shape(w)];
  if (lw !== w && !ACRONYM.test(w) && lower.has(lw)) f.push('lc');
  if (w.length > 2) f.push('p3=' + lw.slice(0, 3), 's3=' + lw.slice(-3), 's2=' + lw.slice(-2));
  if (w.length > 4) f.push('s4=' + lw.slice(-4));
  if (gaz.places.has(lw)) f.push('gaz=place');
  if (gaz.demonyms.has(lw)) f.push('gaz=demonym');
  if (gaz.placeWords.has(lw)) f.push('gaz=placeword');
  if (gaz.taggerOrgs.has(lw.replace(/\./g, ''))) f.push('gaz=org');
  if (gaz.orgWords.has(lw)) f.push('gaz=orgword');
  if (gaz.titleWords.has(lw)) f.push('gaz=title');
  const c = classesOf(w);
  if (c) f.push('c=' + c[0], 'cm=' + c[1], 'cc=' + c[2]);
  else if (/\p{L}/u.test(w)) f.push('c=none');
  return f;
}

export const OFFSETS = [-2, -1, 1, 2] as const;

/** Features contributed by word `x` standing at offset `d` from the tagged word (cacheable per word). */
export function neighbourFeatures(x: string, d: number, gaz: Gazetteer): string[] {
  if (d === -2) return ['w-2=' + norm(x)];
  if (d === 2) return ['w+2=' + norm(x)];
  const c = classesOf(x);
  if (d === -1) {
    const f = ['w-1=' + norm(x), 'sh-1=' + shortShape(x), 'cm-1=' + (c?.[1] ?? '-')];
    if (gaz.titleWords.has(x.toLowerCase())) f.push('gaz-1=title');
    return f;
  }
  const f = ['w+1=' + norm(x), 'sh+1=' + shortShape(x), 'cm+1=' + (c?.[1] ?? '-')];
  if (gaz.placeWords.has(x.toLowerCase()) && /^\p{Lu}/u.test(x)) f.push('gaz+1=placeword');
  return f;
}

export function wordAt(words: string[], i: number): string {
  return i < 0 ? '<s>' : i >= words.length ? '</s>' : words[i]!;
}

/**
 * Names of the pair features. pairFeatures spells them from the words; the tagger (tagger.ts emissions)
 * looks up the same names once per word pair and per word, so both must come from here.
 */
export const pairName = {
  prev: (prevNorm: string, wNorm: string): string => 'w-1|w=' + prevNorm + '|' + wNorm,
  next: (wNorm: string, nextNorm: string): string => 'w|w+1=' + wNorm + '|' + nextNorm,
  shapes: (prev: string, w: string, next: string): string => 'sh-1|sh|sh+1=' + prev + '|' + w + '|' + next,
  first: 'first',
  firstLower: 'first|lc',
  regime: (regime: string): string => 'rg=' + regime,
  regimeShape: (regime: string, shape: string): string => 'rg|sh=' + regime + '|' + shape,
  regimeLower: (regime: string): string => 'rg|lc=' + regime,
};

/** Does word `w` take 'first|lc' when it opens the sentence, 'rg|lc=' in a sentence of a case regime? */
export function lowerCaseFacts(w: string, lower: ReadonlySet<string>): { first: boolean; regime: boolean } {
  const lw = w.toLowerCase();
  const regime = lw !== w && lower.has(lw);
  return { first: regime && !ACRONYM.test(w), regime };
}

/**
 * Features joining the word with its neighbours. `lower` holds words the training text used in lower
 * case: a capitalised first word that is one ("Council meets", "Get out") is more likely capitalised
 * for its position than for being a name, which the word's own weights cannot tell.
 */
export function pairFeatures(words: string[], i: number, lower: ReadonlySet<string>, regime = ''): string[] {
  const w = words[i]!;
  const prev = wordAt(words, i - 1);
  const next = wordAt(words, i + 1);
  const f = [pairName.prev(norm(prev), norm(w)), pairName.next(norm(w), norm(next)), pairName.shapes(shortShape(prev), shortShape(w), shortShape(next))];
  const lc = lowerCaseFacts(w, lower);
  if (i === 0) {
    f.push(pairName.first);
    if (lc.first) f.push(pairName.firstLower);
  }
  if (regime) {
    // In a shouted, Title Case or all-lower-case sentence a capital says little: the word's shape and
    // whether it is a common lower-case word weigh apart from ordinary sentences.
    f.push(pairName.regime(regime), pairName.regimeShape(regime, shortShape(w)));
    if (lc.regime) f.push(pairName.regimeLower(regime));
  }
  return f;
}

/**
 * The case regime of a sentence: 'U' shouted (most words in capitals), 'T' Title Case (most words
 * capitalised), 'L' no capital at all (tweets), '' ordinary.
 */
export function caseRegime(words: readonly string[]): string {
  let letters = 0, upper = 0, cap = 0;
  for (const w of words) {
    const c = asciiCase(w);
    if (c === NOT_ASCII) {
      if (!/^\p{L}/u.test(w)) continue;
      letters++;
      if (w.length > 1 && !/\p{Ll}/u.test(w)) upper++;
      else if (/^\p{Lu}/u.test(w)) cap++;
      continue;
    }
    if (c === NO_LETTER) continue;
    letters++;
    if (w.length > 1 && c === NO_LOWER) upper++;
    else if (c !== LOWER_FIRST) cap++;
  }
  if (letters < 3) return '';
  if (upper >= 0.6 * letters) return 'U';
  if (upper + cap >= 0.6 * letters) return 'T';
  return upper + cap === 0 ? 'L' : '';
}

// What caseRegime reads of an ASCII word without its regexes (it runs on every sentence, most words ASCII).
const NOT_ASCII = 0, NO_LETTER = 1, LOWER_FIRST = 2, LOWER_IN = 3, NO_LOWER = 4;

/**
 * NOT_ASCII: a character above U+007F (read by the regexes); NO_LETTER: does not start with a letter; LOWER_FIRST:
 * starts with a lower-case letter; LOWER_IN: starts with a capital and has a lower-case letter; NO_LOWER: starts
 * with a capital and has none.
 */
function asciiCase(w: string): number {
  const f = w.charCodeAt(0);
  if (!(f < 128)) return NOT_ASCII; // NaN (empty) falls through to the regexes too
  let lower = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) return NOT_ASCII;
    if (c >= 97 && c <= 122) lower = true;
  }
  if (f >= 97 && f <= 122) return LOWER_FIRST;
  if (!(f >= 65 && f <= 90)) return NO_LETTER;
  return lower ? LOWER_IN : NO_LOWER;
}

/** All tag-independent features of every token (training uses this; tagging caches the parts). */
export function staticFeatures(words: string[], gaz: Gazetteer, lower: ReadonlySet<string>): string[][] {
  const regime = caseRegime(words);
  return words.map((w, i) => {
    const f = localFeatures(w, gaz, lower);
    for (const d of OFFSETS) f.push(...neighbourFeatures(wordAt(words, i + d), d, gaz));
    f.push(...pairFeatures(words, i, lower, regime));
    return f;
  });
}

/** Features of the previous tag (first order, so that Viterbi decoding can search over them). */
export function dynamicFeatures(prevTag: string, wNorm: string): string[] {
  return ['t-1=' + prevTag, 't-1|w=' + prevTag + '|' + wNorm];
}

/** Words used in lower case at least `min` times away from the start of a sentence. */
export function lowerCaseWords(sentences: string[][], min = 3): Set<string> {
  const n = new Map<string, number>();
  for (const s of sentences) for (let i = 1; i < s.length; i++) if (/^\p{Ll}+$/u.test(s[i]!)) n.set(s[i]!, (n.get(s[i]!) ?? 0) + 1);
  return new Set([...n].filter(([, c]) => c >= min).map(([w]) => w));
}

/**
 * Is the text around [start, end) (80 characters each side) of ordinary case? Where it is, a capitalised word is a
 * name or opens a sentence; in a line of capitals or Title Case, capitals tell nothing.
 */
export function ordinaryCaseAround(folded: string, start: number, end: number): boolean {
  return caseRegime(folded.slice(Math.max(0, start - 80), end + 80).split(/\s+/)) === '';
}
