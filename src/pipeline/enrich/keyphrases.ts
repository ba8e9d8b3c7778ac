// Keyphrase ranking in the PositionRank family (Florescu & Caragea 2017): a word co-occurrence graph
// whose random walk is biased toward words seen early and often; a phrase scores by its words, its
// frequency and its first position. Hand-written because the npm keyword tools are frequency counters
// (keyword-extractor, retext-keywords) or RAKE, which rank far below this class on news.
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

// Tuned on the 500N-KPCrowd dev split (scripts/eval-keyphrases.ts); a wide window makes the walk
// reward words that co-occur with many others, which is what news keyphrases do.
const WINDOW = 10;
const DAMPING = 0.85;
const MAX_WORDS = 3;
const TF_WEIGHT = 2;
const POSITION_WEIGHT = 0.2;
const NAME_WEIGHT = 0.4;
const PHRASE_WEIGHT = 0.2;

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

export function rankKeyphrases(folded: string, sentences: Span[], limit = 15, language: string | null = null): Keyphrase[] {
  const foreign = language && language !== 'en' ? stopwordsFor(language) : null;
  // Word sequence with breaks at punctuation and stop words.
  const seq: (string | null)[] = [];
  const surface: string[] = [];
  for (const s of sentences) {
    for (const t of tokenizeWords(folded, s.start, s.end)) {
      if (isContent(t.text) && !foreign?.has(t.text.toLowerCase())) {
        const st = stemWord(t.text.toLowerCase().replace(/\./g, ''));
        seq.push(st);
        surface.push(t.text);
      } else {
        seq.push(null);
        surface.push(t.text);
      }
    }
    seq.push(null);
    surface.push('');
  }
  // Graph over stems: edges between content words within WINDOW positions.
  const ids = new Map<string, number>();
  const bias: number[] = [];
  seq.forEach((w, i) => {
    if (w === null) return;
    if (!ids.has(w)) { ids.set(w, ids.size); bias.push(0); }
    bias[ids.get(w)!]! += 1 / (i + 1);
  });
  const n = ids.size;
  if (!n) return [];
  const adj: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < seq.length; i++) {
    const a = seq[i];
    if (a == null) continue;
    for (let j = i + 1; j < Math.min(seq.length, i + WINDOW); j++) {
      const b = seq[j];
      if (b == null || b === a) continue;
      const x = ids.get(a)!, y = ids.get(b)!;
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
  // Candidates: single words, proper names (runs of capitalised words, "Jane Shepherdson") and
  // phrases that recur often; a word that only ever occurs inside a name is not a candidate itself.
  const cands = new Map<string, Keyphrase & { proper: boolean; inName: number }>();
  // Phrase text and score are filled in later, only for the candidates that survive the filter.
  const add = (a: number, b: number, proper: boolean) => {
    let key = seq[a]!;
    for (let k = a + 1; k < b; k++) key += ' ' + seq[k]!;
    const c = cands.get(key);
    if (c) { c.count++; return; }
    cands.set(key, { phrase: '', stem: key, score: b - a, count: 1, first: a, proper, inName: 0 });
  };
  const isCap = (k: number) => /^\p{Lu}/u.test(surface[k]!);
  let i = 0;
  while (i < seq.length) {
    if (seq[i] == null) { i++; continue; }
    let j = i;
    while (j < seq.length && seq[j] != null) j++;
    for (let a = i; a < j; a++) {
      add(a, a + 1, false);
      for (let b = a + 2; b <= Math.min(j, a + MAX_WORDS); b++) add(a, b, false);
    }
    // Proper names: maximal runs of capitalised words inside the run.
    for (let a = i; a < j; a++) {
      if (!isCap(a)) continue;
      let b = a;
      while (b < j && isCap(b)) b++;
      if (b - a >= 2 && b - a <= 4) {
        const key = (seq.slice(a, b) as string[]).join(' ');
        if (b - a > MAX_WORDS) add(a, b, true);
        const c = cands.get(key);
        if (c) c.proper = true;
        for (let k = a; k < b; k++) { const u = cands.get(seq[k]!); if (u) u.inName++; }
      }
      a = b;
    }
    i = j;
  }
  const total = seq.length;
  const ranked = [...cands.values()]
    .filter((c) => {
      const len = c.score;
      if (len === 1) return c.inName < c.count;
      return c.proper || c.count >= 3;
    })
    .map(({ proper, inName: _n, ...c }) => {
      const len = c.score; // the phrase's length in words, set by add()
      const stems = c.stem.split(' ');
      c.phrase = surface.slice(c.first, c.first + len).join(' ');
      c.score = stems.reduce((t, w) => t + score[ids.get(w)!]!, 0) / len;
      // Names weigh by their mean word; other phrases must recur to compete with single words.
      const kind = len === 1 ? 1 : proper ? NAME_WEIGHT : PHRASE_WEIGHT;
      return { ...c, score: c.score * kind * (1 + TF_WEIGHT * Math.log(c.count)) * (1 + POSITION_WEIGHT * (1 - c.first / total)) };
    });
  ranked.sort((a, b) => b.score - a.score);
  return ranked.slice(0, limit);
}
