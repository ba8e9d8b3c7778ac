// The text model comparisons share: paragraphs, their words with typography folded (so “curly” and
// 'straight' quotes, dashes and case never count as a difference), and an in-order paragraph alignment.
import { foldTypography } from '../normalize/index.ts';

/** Paragraphs of a stored text (blank-line separated), trimmed, empty ones dropped. */
export function paragraphsOf(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

/** The words of a text as compared: typography folded, lower case, letters and digits only. */
export function wordsOf(text: string): string[] {
  return foldTypography(text).toLowerCase().match(/[\p{L}\p{N}]+(?:[.,'][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Same words in the same order, whatever the typography: the same sentence or paragraph. */
export function sameWords(a: string, b: string): boolean {
  const x = wordsOf(a);
  const y = wordsOf(b);
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

function bigrams(words: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const k = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : words[i]!;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of two paragraphs' word pairs: 1 for the same words, near 0 for unrelated text. */
export function similarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const [k, n] of x) shared += Math.min(n, y.get(k) ?? 0);
  return (2 * shared) / (a.length + b.length);
}

/** Paragraphs this similar are the same paragraph, edited; below it they are different paragraphs. */
export const SAME_PARAGRAPH = 0.5;

export interface Alignment {
  /** Pairs of (reference index, other index), in order. */
  pairs: [number, number][];
  /** Reference paragraphs the other text lacks, and paragraphs only the other text has. */
  onlyRef: number[];
  onlyOther: number[];
}

/**
 * Aligns two texts' paragraphs in order (an edit-distance walk that maximises the similarity of the
 * paired paragraphs): how a copy keeps, drops, adds and edits paragraphs of its original.
 */
export function alignParagraphs(ref: string[][], other: string[][]): Alignment {
  const n = ref.length;
  const m = other.length;
  const sim: number[][] = ref.map((r) => other.map((o) => similarity(r, o)));
  // best[i][j]: the best total similarity aligning ref[i..] with other[j..].
  const best: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i]![j]!;
      const pair = s >= SAME_PARAGRAPH ? s + best[i + 1]![j + 1]! : -1;
      best[i]![j] = Math.max(pair, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  const onlyRef: number[] = [];
  const onlyOther: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = sim[i]![j]!;
    if (s >= SAME_PARAGRAPH && best[i]![j] === s + best[i + 1]![j + 1]!) { pairs.push([i, j]); i++; j++; }
    else if (best[i]![j] === best[i + 1]![j]) onlyRef.push(i++);
    else onlyOther.push(j++);
  }
  while (i < n) onlyRef.push(i++);
  while (j < m) onlyOther.push(j++);
  return { pairs, onlyRef, onlyOther };
}

/** A short excerpt for display: the first sentence or the first `max` characters, at a word boundary. */
export function excerpt(text: string, max = 160): string {
  const first = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  const s = first.length <= max ? first : first.slice(0, max).replace(/\s+\S*$/, '') + '…';
  return s.trim();
}

/** A key under which the same quote or phrase is found again in another text. */
export function phraseKey(text: string): string {
  return wordsOf(text).join(' ');
}

/** A text's words as one searchable line (see hasPhrase). */
export function wordLine(text: string): string {
  return ` ${phraseKey(text)} `;
}

/** Whether the phrase's words appear in order, contiguously, in a wordLine. */
export function hasPhrase(line: string, phrase: string): boolean {
  const n = phraseKey(phrase);
  return n.length > 0 && line.includes(` ${n} `);
}
