// Extractive summary: sentences scored by position, centrality (cosine to the document's word
// centroid) and overlap with the title, picked greedily with maximal marginal relevance so that no
// two say the same thing, then shown in document order.
import { stemWord } from './keyphrases.ts';
import { STOPWORDS } from './stopwords.ts';
import { isBylineSentence, isSignOffSentence } from './dateline.ts';

export interface SummarySentence {
  text: string;
  /** Index of the document the sentence comes from (0 for one article). */
  doc: number;
  /** Position of the sentence in its document (0-based). */
  index: number;
  /** Number of sentences in its document. */
  of: number;
}

type Vec = Map<string, number>;

function vectorOf(text: string): Vec {
  const v: Vec = new Map();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (STOPWORDS.has(w) || w.length < 2) continue;
    const s = stemWord(w);
    v.set(s, (v.get(s) ?? 0) + 1);
  }
  return v;
}

function cosine(a: Vec, b: Vec): number {
  let dot = 0, na = 0, nb = 0;
  for (const [k, x] of a) { na += x * x; const y = b.get(k); if (y) dot += x * y; }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * A line of a page that is no sentence of prose makes a poor summary line, taken only when nothing better is
 * left: a label or credits line ("Portion Fix Containers: 1 Green, 1 Red, 1 tsp.", "Tested by: John Milbank RRP:
 * £23.99"), a bracketed title ("<The Palace: Tale of Jang Noksu>"), a line opening with a dash, or one with no
 * sentence's end, or a quotation's paragraph without its speaker. Words in capitals are counted only in scripts that have them.
 */
export function readsAsProse(text: string): boolean {
  // An emoji or symbol after the full stop ("… on KLOOK! 🙂") does not unmake a sentence.
  const t = text.replace(/[\s\p{So}\p{Sk}\p{Emoji_Presentation}\u200d\ufe0f]+$/u, '').trim();
  if (!/^["“‘'(\p{L}\p{N}$€£]/u.test(t)) return false;
  if (!/[.!?…。！？؟]["”’')\]]*$/u.test(t)) return false;
  // A sentence opening a quotation it does not close, or closing one it did not open, is a piece of a
  // longer one ("He is renowned for …): someone's words cut from their speaker.
  if ((/^["“]/u.test(t) || /["”][.!?…]?$/u.test(t)) && unbalancedQuotes(t)) return false;
  let lower = 0;
  let upper = 0;
  for (const w of t.split(/\s+/)) {
    const c = openingCase(w);
    if (c === 1) lower++;
    else if (c === 2) upper++;
  }
  return lower + upper < 4 || lower * 3 >= lower + upper;
}

function unbalancedQuotes(t: string): boolean {
  let straight = 0;
  let open = 0;
  let close = 0;
  for (const ch of t) {
    if (ch === '"') straight++;
    else if (ch === '“') open++;
    else if (ch === '”') close++;
  }
  return straight % 2 === 1 || open !== close;
}

const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;

/**
 * 1 when the word opens with a lower-case letter, 2 with a capital, after an opening quote or bracket if any
 * (what /^["“‘(]?\p{Ll}/u and /^["“‘(]?\p{Lu}/u test); 0 otherwise. By character code for ASCII letters: it
 * runs on every word of every sentence.
 */
function openingCase(w: string): number {
  const f = w.charCodeAt(0);
  const i = f === 34 || f === 0x201c || f === 0x2018 || f === 40 ? 1 : 0;
  if (i >= w.length) return 0;
  const c = w.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : 0;
  const ch = String.fromCodePoint(w.codePointAt(i)!);
  return LOWER.test(ch) ? 1 : UPPER.test(ch) ? 2 : 0;
}

export interface SummaryOptions {
  sentences?: number;
  title?: string;
  /** Weight of redundancy against relevance in MMR (0..1). */
  lambda?: number;
}

/** Indices (into `sentences`) of the chosen sentences, in reading order. */
export function pickSummary(sentences: SummarySentence[], opts: SummaryOptions = {}): number[] {
  const k = Math.max(1, opts.sentences ?? 3);
  // Who wrote, reported and edited it ("By …", "(Reporting by …; Editing by …)") is no part of what it says.
  const credit = sentences.map((s) => isSignOffSentence(s.text) || isBylineSentence(s.text));
  if (sentences.length <= k) return sentences.flatMap((_, i) => (credit[i] ? [] : [i]));
  const vecs = sentences.map((s) => vectorOf(s.text));
  const centroid: Vec = new Map();
  for (const v of vecs) for (const [w, x] of v) centroid.set(w, (centroid.get(w) ?? 0) + Math.min(x, 1));
  // Words that appear once in the whole text say little about what it is about.
  for (const [w, x] of centroid) if (x < 2) centroid.delete(w);
  const title = opts.title ? vectorOf(opts.title) : null;
  const score = sentences.map((s, i) => {
    const words = s.text.split(/\s+/).length;
    if (words < 6 || credit[i]) return 0;
    const position = 1 / Math.sqrt(s.index + 1);
    const central = cosine(vecs[i]!, centroid);
    const titled = title ? cosine(vecs[i]!, title) : 0;
    const lengthPenalty = words > 60 ? 0.7 : 1;
    return (0.55 * position + 0.35 * central + 0.2 * titled) * lengthPenalty * (readsAsProse(s.text) ? 1 : 0.2);
  });
  const lambda = opts.lambda ?? 0.7;
  const chosen: number[] = [];
  while (chosen.length < k) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < sentences.length; i++) {
      if (chosen.includes(i) || score[i] === 0) continue;
      const redundancy = chosen.reduce((m, j) => Math.max(m, cosine(vecs[i]!, vecs[j]!)), 0);
      if (redundancy > 0.6) continue; // near-repeats (the same sentence from another outlet)
      const mmr = lambda * score[i]! - (1 - lambda) * redundancy;
      if (mmr > bestScore) { bestScore = mmr; best = i; }
    }
    if (best < 0) break;
    chosen.push(best);
  }
  return chosen.sort((a, b) => sentences[a]!.doc - sentences[b]!.doc || a - b);
}
