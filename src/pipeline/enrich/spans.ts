// Lookups over sorted, non-overlapping spans (sentences) by binary search: long articles have
// thousands of sentences and facts or quotes in each, so a linear scan per lookup would be quadratic.
import type { Span } from '../normalize/index.ts';

export function spanAt(spans: Span[], pos: number): Span | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

/** Marks character ranges as taken; answers whether a range touches a taken one. */
export class RangeMask {
  private bits: Uint8Array;
  constructor(length: number) {
    this.bits = new Uint8Array(length + 1);
  }
  add(start: number, end: number): void {
    this.bits.fill(1, start, end);
  }
  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.bits[i]) return true;
    return false;
  }
}
