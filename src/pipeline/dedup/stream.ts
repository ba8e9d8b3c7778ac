// Dedup over a stream of texts held in memory: what `lede dedup` and the bench run.
import { findCopy, type CopyMatch } from './detect.ts';
import { fingerprintText, type CopyRule, type TextFingerprint } from './fingerprint.ts';
import { MemoryDedupIndex } from './memory.ts';

/** Candidates checked per text (those sharing most anchors). */
export const CANDIDATES = 24;

export interface StreamPlacement {
  /** Index (0-based, stream order) of the first text of the article this one belongs to. */
  article: number;
  /** Null when the text starts a new article. */
  match: CopyMatch<number> | null;
  fingerprint: TextFingerprint;
}

export class DedupStream {
  readonly index = new MemoryDedupIndex();
  private seen = 0;

  constructor(private readonly rule?: CopyRule) {}

  /** Places the next text of the stream: a copy of an earlier article, or a new article. */
  place(text: string, published: number | null = null): StreamPlacement {
    const n = this.seen++;
    const fingerprint = fingerprintText(text);
    const match = fingerprint.shingles ? findCopy(fingerprint, this.index.lookup(fingerprint, CANDIDATES), this.rule) : null;
    const article = match ? match.key : n;
    if (fingerprint.shingles) this.index.add(article, fingerprint, published);
    return { article, match, fingerprint };
  }
}
