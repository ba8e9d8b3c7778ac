// How one outlet's copy of an article differs from the article's original: paragraphs dropped (the
// lede, the end) or added (an update at the end), numbers changed, paragraphs reworded, quotation marks
// flattened, quotes left without their speaker, page furniture added. Only what the texts show: two
// copies with the same words in the same order differ in nothing, whatever their typography.
import type { Difference, NumberChange, VersionDigest } from '../../domain/analysis.ts';
import { findNumbers } from '../enrich/index.ts';
import { foldTypography } from '../normalize/index.ts';
import { alignParagraphs, excerpt, hasPhrase, paragraphsOf, phraseKey, wordLine, wordsOf } from './text.ts';

export interface CopyText {
  text: string;
  /** When it was published (else fetched), ms since epoch. */
  at: number;
  digest: VersionDigest;
}

export function compareCopy(original: CopyText, copy: CopyText): Difference[] {
  const refParas = paragraphsOf(original.text);
  const copyParas = paragraphsOf(copy.text);
  const refWords = refParas.map(wordsOf);
  const copyWords = copyParas.map(wordsOf);
  const { pairs, onlyRef, onlyOther } = alignParagraphs(refWords, copyWords);
  const out: Difference[] = [];

  // What it lacks: the opening paragraph, the closing ones, others.
  const lastRef = pairs.length ? pairs[pairs.length - 1]![0] : -1;
  const firstRef = pairs.length ? pairs[0]![0] : refParas.length;
  const leading = onlyRef.filter((i) => i < firstRef);
  const trailing = pairs.length ? onlyRef.filter((i) => i > lastRef) : [];
  const middle = onlyRef.filter((i) => !leading.includes(i) && !trailing.includes(i));
  if (pairs.length && leading.includes(0)) out.push({ kind: 'dropped-lede', text: excerpt(refParas[0]!) });
  const dropped = [...leading.filter((i) => i !== 0), ...middle];
  if (dropped.length) out.push({ kind: 'dropped-paragraphs', count: dropped.length, first: excerpt(refParas[dropped[0]!]!) });
  if (trailing.length) out.push({ kind: 'truncated', count: trailing.length });

  // What it adds: paragraphs after the original's end (an update when published later), or elsewhere.
  const lastOther = pairs.length ? pairs[pairs.length - 1]![1] : -1;
  const after = pairs.length ? onlyOther.filter((j) => j > lastOther) : [];
  const elsewhere = onlyOther.filter((j) => !after.includes(j));
  if (after.length && copy.at > original.at) out.push({ kind: 'adds-update', count: after.length, first: excerpt(copyParas[after[0]!]!) });
  const added = after.length && copy.at > original.at ? elsewhere : onlyOther;
  if (added.length) out.push({ kind: 'adds-paragraphs', count: added.length, first: excerpt(copyParas[added[0]!]!) });

  // Kept paragraphs that changed: numbers first, then any other words.
  const changes: NumberChange[] = [];
  let reworded = 0;
  for (const [i, j] of pairs) {
    const a = refWords[i]!;
    const b = copyWords[j]!;
    if (a.length === b.length && a.every((w, k) => w === b[k])) continue;
    const numberChanges = changedNumbers(refParas[i]!, copyParas[j]!);
    changes.push(...numberChanges);
    const isNumber = (w: string) => /^\d/.test(w);
    const x = a.filter((w) => !isNumber(w));
    const y = b.filter((w) => !isNumber(w));
    if (!numberChanges.length || x.length !== y.length || x.some((w, k) => w !== y[k])) reworded++;
  }
  if (changes.length) out.push({ kind: 'numbers-differ', changes });
  if (reworded) out.push({ kind: 'reworded', count: reworded });

  const flattened = flattenedQuotes(pairs.map(([i, j]) => [refParas[i]!, copyParas[j]!]));
  if (flattened.length) out.push({ kind: 'flattened-quotes', count: flattened.length, example: flattened[0]! });
  const unattributed = unattributedQuotes(original.digest, copy.digest, copy.text);
  if (unattributed.length) out.push({ kind: 'unattributed-quotes', quotes: unattributed });

  if (copy.digest.furniture.length && !original.digest.furniture.length) out.push({ kind: 'adds-furniture', items: copy.digest.furniture });
  return out.length ? out : [{ kind: 'verbatim' }];
}

interface Num { text: string; value: number; unit: string | null }

function numbersIn(text: string): Num[] {
  const folded = foldTypography(text);
  return findNumbers(folded).map((n) => ({ text: n.text.trim(), value: n.value, unit: n.unit ?? wordAfter(folded, n.end) }));
}

/** What a bare number counts: the next word when it is a noun-like word ("2,500 troops"). */
function wordAfter(text: string, at: number): string | null {
  const w = /^\s+(?:additional\s+|more\s+|new\s+|extra\s+)?([\p{L}]{3,})/u.exec(text.slice(at, at + 40))?.[1]?.toLowerCase() ?? null;
  return w && !/^(?:and|the|for|from|with|that|which|who|was|were|are|has|had|have|per|than|this|these|those|its|their)$/.test(w) ? w : null;
}

/**
 * Numbers that differ between two versions of one paragraph, paired in order: the longest common run
 * of equal values is kept, and what differs between kept ones is paired one to one.
 */
export function changedNumbers(refParagraph: string, copyParagraph: string): NumberChange[] {
  const a = numbersIn(refParagraph);
  const b = numbersIn(copyParagraph);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    lcs[i]![j] = a[i]!.value === b[j]!.value ? 1 + lcs[i + 1]![j + 1]! : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: NumberChange[] = [];
  let gapA: Num[] = [];
  let gapB: Num[] = [];
  const flush = () => {
    for (let k = 0; k < Math.min(gapA.length, gapB.length); k++) out.push({ from: gapA[k]!.text, to: gapB[k]!.text, unit: gapA[k]!.unit ?? gapB[k]!.unit });
    gapA = [];
    gapB = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i]!.value === b[j]!.value) { flush(); i++; j++; }
    else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) gapA.push(a[i++]!);
    else gapB.push(b[j++]!);
  }
  flush();
  return out;
}

const CURLY_QUOTE = /[“«„]([^”»“]{3,300})[”»“]/g;

/**
 * Quotations the original marks with typographic double quotes that the copy carries with the marks
 * flattened to apostrophes or dropped: the words are there, but no longer marked as someone's words.
 * Returns the quoted words, one per flattened quotation.
 */
function flattenedQuotes(pairs: [string, string][]): string[] {
  const out: string[] = [];
  for (const [ref, copy] of pairs) {
    const folded = foldTypography(copy);
    for (const m of ref.matchAll(CURLY_QUOTE)) {
      const inner = foldTypography(m[1]!).trim();
      const at = folded.indexOf(inner);
      if (at < 0) continue;
      const before = folded.slice(0, at).trimEnd().slice(-1);
      if (before !== '"') out.push(m[1]!.trim());
    }
  }
  return out;
}

/**
 * Quotes the copy carries (found by its words) whose speaker the original names and the copy does not:
 * no speaker at all, or only a short form of a name the copy never gives in full (the full name was in a
 * paragraph the copy dropped).
 */
function unattributedQuotes(original: VersionDigest, copy: VersionDigest, copyText: string): { text: string; speaker: string | null; original: string }[] {
  const line = wordLine(copyText);
  const byKey = new Map(copy.quotes.map((q) => [phraseKey(q.text), q]));
  const out: { text: string; speaker: string | null; original: string }[] = [];
  for (const q of original.quotes) {
    if (!q.speaker || !hasPhrase(line, q.text)) continue;
    const theirs = byKey.get(phraseKey(q.text));
    if (!theirs) continue;
    if (theirs.speaker && (phraseKey(theirs.speaker) === phraseKey(q.speaker) || hasPhrase(line, q.speaker))) continue;
    out.push({ text: excerpt(q.text, 120), speaker: theirs.speaker, original: q.speaker });
  }
  return out;
}
