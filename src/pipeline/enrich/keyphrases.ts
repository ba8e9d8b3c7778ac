// Keyphrase ranking in the PositionRank family (Florescu & Caragea 2017). Candidates are noun phrases of
// one to four words (adjectives and nouns ending in a noun, from the `wink-pos-tagger` part-of-speech
// tagger); a random walk over the co-occurrence graph of their words, biased toward words seen early and
// often, scores the words; a phrase scores by its words, its frequency and its first position.
// Hand-written because the npm keyword tools are frequency counters (keyword-extractor,
// retext-keywords) or RAKE, which rank far below this class on news. Languages other than English
// (no tagger) take runs of non-stop words as candidates.
import posTagger from 'wink-pos-tagger';
import { stemmer } from 'stemmer';
import type { Span } from '../normalize/index.ts';
import { STOPWORDS, stopwordsFor } from './stopwords.ts';
import { tokenizeWords } from './tokens.ts';

export interface Keyphrase {
  phrase: string;
  /** Porter stems, space-joined: the identity used to merge variants. */
  stem: string;
  score: number;
  count: number;
  first: number;
}

// Chosen on the 500N-KPCrowd and Inspec runs of scripts/eval-keyphrases.ts (docs/benchmarks.md has the
// grid): phrase score = word scores / sqrt(length), so a phrase needs strong words to beat its head noun;
// log frequency (weight 2) and first position weigh in as PositionRank does.
const WINDOW = 10;
const DAMPING = 0.85;
const MAX_WORDS = 4;
const TF_WEIGHT = 2;
const POSITION_WEIGHT = 0.2;
const LENGTH_EXP = 0.5;

let tagger: ReturnType<typeof posTagger> | null = null;
const NOUN = /^NNP?S?$/;
const ADJ = /^JJ[RS]?$/;

const contentCache = new Map<string, boolean>();

function isContent(w: string): boolean {
  let c = contentCache.get(w);
  if (c === undefined) {
    c = isContentWord(w);
    if (contentCache.size > 100_000) contentCache.clear();
    contentCache.set(w, c);
  }
  return c;
}

function isContentWord(w: string): boolean {
  if (!/\p{L}/u.test(w)) return false;
  if (/^\p{Lu}{2,}$/u.test(w) || /^(?:\p{Lu}\.)+$/u.test(w)) return true; // US, U.S., NATO
  const lw = w.toLowerCase();
  if (STOPWORDS.has(lw) || lw.length < 2) return false;
  return !/^(?:'s|-)$/.test(lw);
}

const stemCache = new Map<string, string>();

/** Porter stem of a lower-case word, cached (the stemmer's regexes are costly). */
export function stemWord(w: string): string {
  let s = stemCache.get(w);
  if (s === undefined) {
    s = stemmer(w);
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(w, s);
  }
  return s;
}

export function stemOf(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/\s+/)
    .map((w) => stemWord(w.replace(/\./g, '')))
    .join(' ');
}

/** One token of the text: its surface, its stem (null when it cannot be in a phrase) and its kind. */
interface Tok { surface: string; stem: string | null; noun: boolean }

/** Tokens of each sentence; English ones tagged (nouns and adjectives that are no stop words keep a stem). */
function tokensOf(folded: string, sentences: Span[], foreign: Set<string> | null, english: boolean): Tok[][] {
  const out: Tok[][] = [];
  for (const s of sentences) {
    const words = tokenizeWords(folded, s.start, s.end).map((t) => t.text);
    if (!words.length) continue;
    const toks: Tok[] = [];
    if (english) {
      tagger ??= posTagger();
      // A shouted sentence (a wire headline) is tagged in lower case: in capitals every word looks a name.
      const letters = words.filter((w) => /\p{L}/u.test(w));
      const shouted = letters.length >= 3 && letters.filter((w) => !/\p{Ll}/u.test(w)).length >= 0.8 * letters.length;
      const tagged = tagger.tagRawTokens(shouted ? words.map((w) => w.toLowerCase()) : words);
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const pos = tagged[i]?.pos ?? '';
        const acronym = !shouted && /^\p{Lu}[\p{Lu}.]+$/u.test(w) && /\p{Lu}.*\p{Lu}/u.test(w);
        const proper = !shouted && pos.startsWith('NNP') && /^\p{Lu}/u.test(w);
        const noun = NOUN.test(pos) || acronym;
        const ok = (noun || ADJ.test(pos)) && /\p{L}/u.test(w) && (proper || acronym || isContent(w));
        toks.push({ surface: w, stem: ok ? stemWord(w.toLowerCase().replace(/\./g, '')) : null, noun: ok && noun });
      }
    } else {
      for (const w of words) {
        const ok = isContent(w) && !foreign?.has(w.toLowerCase());
        toks.push({ surface: w, stem: ok ? stemWord(w.toLowerCase().replace(/\./g, '')) : null, noun: ok });
      }
    }
    out.push(toks);
  }
  return out;
}

/** Noun phrases: maximal runs of phrase words ending in a noun, at most MAX_WORDS (the head end kept). */
function chunks(toks: Tok[]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < toks.length) {
    if (toks[i]!.stem === null) { i++; continue; }
    let j = i;
    while (j < toks.length && toks[j]!.stem !== null) j++;
    let end = j;
    while (end > i && !toks[end - 1]!.noun) end--;
    if (end > i) out.push([Math.max(i, end - MAX_WORDS), end]);
    i = j;
  }
  return out;
}

/**
 * The ranking methods over the same candidates: ours, and the two baselines the evaluation runs beside
 * it (TextRank: an unbiased walk with a window of 2, phrases by the sum of their words; FirstPhrases:
 * candidates in text order).
 */
export type KeyphraseMethod = 'positionrank' | 'textrank' | 'firstphrases';

export function rankKeyphrases(folded: string, sentences: Span[], limit = 15, language: string | null = null, method: KeyphraseMethod = 'positionrank'): Keyphrase[] {
  const textrank = method === 'textrank';
  const english = !language || language === 'en';
  const foreign = english ? null : stopwordsFor(language);
  const sents = tokensOf(folded, sentences, foreign, english);
  // The walk runs over the phrase words in text order (PositionRank's filtered sequence).
  const ids = new Map<string, number>();
  const bias: number[] = [];
  const seq: number[] = [];
  let pos = 0;
  for (const toks of sents) {
    for (const t of toks) {
      pos++;
      if (t.stem === null) continue;
      let id = ids.get(t.stem);
      if (id === undefined) { id = ids.size; ids.set(t.stem, id); bias.push(0); }
      bias[id]! += 1 / pos;
      seq.push(id);
    }
  }
  const n = ids.size;
  if (!n) return [];
  const score = walk(n, seq, textrank ? bias.map(() => 1) : bias, textrank ? 2 : WINDOW);
  // Candidates: each noun phrase. A head noun that also stands alone as a phrase counts its uses inside
  // longer ones ("coalition" in "ruling coalition"); one that never stands alone is no candidate (adding
  // those measured Inspec 24.6 → 22.5 for KPCrowd +0.3).
  const cands = new Map<string, Keyphrase & { len: number }>();
  const add = (toks: Tok[], a: number, b: number, at: number) => {
    let key = toks[a]!.stem!;
    for (let k = a + 1; k < b; k++) key += ' ' + toks[k]!.stem!;
    const c = cands.get(key);
    if (c) { c.count++; return; }
    cands.set(key, { phrase: toks.slice(a, b).map((t) => t.surface).join(' '), stem: key, score: 0, count: 1, first: at, len: b - a });
  };
  let at = 0;
  const heads: [Tok[], number, number][] = [];
  for (const toks of sents) {
    for (const [a, b] of chunks(toks)) {
      add(toks, a, b, at + a);
      if (!textrank && b - a > 1) heads.push([toks, b - 1, at + b - 1]);
    }
    at += toks.length;
  }
  for (const [toks, h, pos] of heads) {
    const c = cands.get(toks[h]!.stem!);
    if (c) { c.count++; c.first = Math.min(c.first, pos); }
  }
  const total = Math.max(1, at);
  if (method === 'firstphrases') return [...cands.values()].sort((a, b) => a.first - b.first).slice(0, limit).map(({ len: _l, ...c }) => c);
  const ranked = [...cands.values()].map(({ len, ...c }) => {
    const words = c.stem.split(' ').reduce((t, w) => t + score[ids.get(w)!]!, 0);
    if (textrank) return { ...c, score: words };
    return { ...c, score: (words / len ** (1 - LENGTH_EXP)) * (1 + TF_WEIGHT * Math.log(c.count)) * (1 + POSITION_WEIGHT * (1 - c.first / total)) };
  });
  ranked.sort((a, b) => b.score - a.score);
  return ranked.slice(0, limit);
}

/** Biased PageRank over the co-occurrence graph of `seq` (word ids within WINDOW positions). */
function walk(n: number, seq: number[], bias: number[], window: number): Float64Array {
  const adj: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < seq.length; i++) {
    const x = seq[i]!;
    for (let j = i + 1; j < Math.min(seq.length, i + window); j++) {
      const y = seq[j]!;
      if (y === x) continue;
      adj[x]!.set(y, (adj[x]!.get(y) ?? 0) + 1);
      adj[y]!.set(x, (adj[y]!.get(x) ?? 0) + 1);
    }
  }
  const bsum = bias.reduce((s, x) => s + x, 0);
  const p = bias.map((x) => x / bsum);
  // Adjacency in flat arrays (CSR) with weights pre-divided by the source's out-weight.
  const offs = new Int32Array(n + 1);
  for (let x = 0; x < n; x++) offs[x + 1] = offs[x]! + adj[x]!.size;
  const to = new Int32Array(offs[n]!);
  const wt = new Float64Array(offs[n]!);
  const dangling = new Uint8Array(n);
  for (let x = 0; x < n; x++) {
    let total = 0;
    for (const w of adj[x]!.values()) total += w;
    if (!total) dangling[x] = 1;
    let k = offs[x]!;
    for (const [y, w] of adj[x]!) { to[k] = y; wt[k] = w / total; k++; }
  }
  let score = Float64Array.from(p);
  let next = new Float64Array(n);
  for (let it = 0; it < 30; it++) {
    for (let x = 0; x < n; x++) next[x] = (1 - DAMPING) * p[x]!;
    for (let x = 0; x < n; x++) {
      const sx = DAMPING * score[x]!;
      if (dangling[x]) { next[x]! += sx; continue; }
      for (let k = offs[x]!; k < offs[x + 1]!; k++) next[to[k]!]! += sx * wt[k]!;
    }
    let delta = 0;
    for (let x = 0; x < n; x++) delta += Math.abs(next[x]! - score[x]!);
    [score, next] = [next, score];
    if (delta < 1e-5) break;
  }
  return score;
}
