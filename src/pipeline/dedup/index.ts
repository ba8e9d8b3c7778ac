// dedup: recognises copies of one article across outlets and feeds (see fingerprint.ts for the method).
// Pure cores (fingerprints, the copy decision, canonical choice, URL canonicalisation, content hash) plus
// an in-memory fingerprint index. The dedup step itself is part of placement (../stories/placement.ts),
// which runs over an in-memory index (DedupStream for `lede dedup`) or the store (placeVersion).
export { canonicalizeUrl } from './url.ts';
export {
  fingerprintText, resemblance, isCopy, encodeSignature, decodeSignature, anchorKeys, shingleHashes,
  DEFAULT_COPY_RULE, SHINGLE_WORDS, SKETCH_SIZE,
  type TextFingerprint, type Resemblance, type CopyRule,
} from './fingerprint.ts';
export { findCopy, isMoreComplete, type CopyCandidate, type CopyMatch, type VersionFacts } from './detect.ts';
export { MemoryDedupIndex } from './memory.ts';
export { StoreDedupWindow, dedupWindowOf, type FingerprintLog } from './store-window.ts';
export { contentHash } from './hash.ts';

import type { Fingerprint } from '../../domain/pipeline.ts';
import { anchorKeys, encodeSignature, type TextFingerprint } from './fingerprint.ts';

/** The fingerprint as the store keeps it: anchor keys as bands, the sketch as an opaque signature. */
export function storeFingerprint(fp: TextFingerprint): Fingerprint {
  return { bands: anchorKeys(fp), signature: encodeSignature(fp) };
}
