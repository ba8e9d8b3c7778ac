// Features of one token for the entity tagger: the word, its shape, affixes, neighbours, gazetteer
// membership and the two previous tags (greedy left-to-right decoding, as in the averaged perceptron
// taggers of Collins 2002 / Honnibal's "textblob-aptagger").
import type { Gazetteer } from '../gazetteer.ts';

// Shapes are computed per distinct word and cached: they are the tagger's hottest path.
const shapeCache = new Map<string, [string, string]>();

function shapes(w: string): [string, string] {
  let r = shapeCache.get(w);
  if (r) return r;
  let long = '';
  let short = '';
  let run = 0;
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    run = long.endsWith(c) ? run + 1 : 1;
    if (run <= 2) long += c;
    if (!short.endsWith(c)) short += c;
  }
  r = [long, short];
  if (shapeCache.size > 50_000) shapeCache.clear();
  shapeCache.set(w, r);
  return r;
}

export function shape(w: string): string {
  return shapes(w)[0];
}

function shortShape(w: string): string {
  return shapes(w)[1];
}

const NUM = /^\d/;

const normCache = new Map<string, string>();

export function norm(w: string): string {
  let n = normCache.get(w);
  if (n === undefined) {
    n = NUM.test(w) ? (/^\d{4}$/.test(w) ? '!YEAR' : '!DIGITS') : w.toLowerCase();
    if (normCache.size > 100_000) normCache.clear();
    normCache.set(w, n);
  }
  return n;
}

/** Features of the word alone (cacheable per distinct word). */
export function localFeatures(w: string, gaz: Gazetteer): string[] {
  const lw = w.toLowerCase();
  const f: string[] = ['b', 'w=' + norm(w), 'sh=' + shortShape(w), 'shl=' + shape(w)];
  if (w.length > 2) f.push('p3=' + lw.slice(0, 3), 's3=' + lw.slice(-3), 's2=' + lw.slice(-2));
  if (w.length > 4) f.push('s4=' + lw.slice(-4));
  if (gaz.places.has(lw)) f.push('gaz=place');
  if (gaz.demonyms.has(lw)) f.push('gaz=demonym');
  if (gaz.placeWords.has(lw)) f.push('gaz=placeword');
  if (gaz.orgs.has(lw.replace(/\./g, ''))) f.push('gaz=org');
  if (gaz.orgWords.has(lw)) f.push('gaz=orgword');
  if (gaz.titleWords.has(lw)) f.push('gaz=title');
  return f;
}

export const OFFSETS = [-2, -1, 1, 2] as const;

/** Features contributed by word `x` standing at offset `d` from the tagged word (cacheable per word). */
export function neighbourFeatures(x: string, d: number, gaz: Gazetteer): string[] {
  if (d === -2) return ['w-2=' + norm(x)];
  if (d === 2) return ['w+2=' + norm(x)];
  if (d === -1) {
    const f = ['w-1=' + norm(x), 'sh-1=' + shortShape(x)];
    if (gaz.titleWords.has(x.toLowerCase())) f.push('gaz-1=title');
    return f;
  }
  const f = ['w+1=' + norm(x), 'sh+1=' + shortShape(x)];
  if (gaz.placeWords.has(x.toLowerCase()) && /^\p{Lu}/u.test(x)) f.push('gaz+1=placeword');
  return f;
}

export function wordAt(words: string[], i: number): string {
  return i < 0 ? '<s>' : i >= words.length ? '</s>' : words[i]!;
}

/** Features joining the word with its neighbours. */
export function pairFeatures(words: string[], i: number): string[] {
  const w = words[i]!;
  const prev = wordAt(words, i - 1);
  const next = wordAt(words, i + 1);
  const f = ['w-1|w=' + norm(prev) + '|' + norm(w), 'w|w+1=' + norm(w) + '|' + norm(next),
    'sh-1|sh|sh+1=' + shortShape(prev) + '|' + shortShape(w) + '|' + shortShape(next)];
  if (i === 0) f.push('first');
  return f;
}

/** All tag-independent features of token i (training uses this; tagging caches the parts). */
export function staticFeatures(words: string[], i: number, gaz: Gazetteer): string[] {
  const f = localFeatures(words[i]!, gaz);
  for (const d of OFFSETS) f.push(...neighbourFeatures(wordAt(words, i + d), d, gaz));
  f.push(...pairFeatures(words, i));
  return f;
}

export function dynamicFeatures(prevTag: string, prev2Tag: string, wNorm: string): string[] {
  return ['t-1=' + prevTag, 't-2|t-1=' + prev2Tag + '|' + prevTag, 't-1|w=' + prevTag + '|' + wNorm];
}
