// Sparse term vectors (term → weight) and the document frequencies that weight them.

export type TermVector = Map<string, number>;

const PRIOR_DOCS = 20;

/**
 * Smoothed IDF of a term held by `df` of `docs` texts. PRIOR_DOCS pseudo-documents without the term keep a
 * young index (the first articles of a new install) from treating every shared word as worthless; their
 * weight fades as texts arrive.
 */
export const smoothedIdf = (docs: number, df: number): number => Math.log((docs + PRIOR_DOCS) / (df + 0.5));

/** Streaming document frequencies: IDF is estimated from the texts seen so far. */
export class DocumentFrequencies {
  private df = new Map<string, number>();
  docs = 0;

  add(terms: Iterable<string>): void {
    this.docs++;
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  idf(term: string): number {
    return smoothedIdf(this.docs, this.df.get(term) ?? 0);
  }

  /** Keeps memory bounded on long runs: halves every count and forgets terms seen once. */
  decay(): void {
    for (const [t, n] of this.df) {
      if (n <= 1) this.df.delete(t);
      else this.df.set(t, n / 2);
    }
    this.docs /= 2;
  }

  get terms(): number {
    return this.df.size;
  }
}

/** TF-IDF vector of a document (sublinear tf), L2-normalised, its `maxTerms` heaviest terms kept. */
export function documentVector(counts: Map<string, number>, idf: (t: string) => number, maxTerms: number): TermVector {
  const entries: [string, number][] = [];
  for (const [t, n] of counts) {
    const w = (1 + Math.log(n)) * Math.max(idf(t), 0.05);
    entries.push([t, w]);
  }
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = entries.slice(0, maxTerms);
  let norm = 0;
  for (const [, w] of kept) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  return new Map(kept.map(([t, w]) => [t, w / norm]));
}

export function termCounts(terms: string[], titleTerms: string[] = [], titleWeight = 1): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const t of titleTerms) counts.set(t, (counts.get(t) ?? 0) + titleWeight);
  return counts;
}

export function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of s) {
    const v = l.get(t);
    if (v !== undefined) sum += w * v;
  }
  return sum;
}

export function norm(v: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s);
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const d = dot(a, b);
  return d === 0 ? 0 : d / ((norm(a) || 1) * (norm(b) || 1));
}
