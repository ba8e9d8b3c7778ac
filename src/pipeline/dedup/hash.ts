// The content hash of a version: an exact repeat (a re-fetch, a second feed of one outlet) is recognised
// by it without comparing fingerprints.
import { createHash } from 'node:crypto';
import { cleanWhitespace, foldTypography } from '../normalize/index.ts';

/** The hash of the text as compared: typography folded, whitespace collapsed, case ignored. */
export function contentHash(text: string): string {
  return createHash('sha256').update(foldTypography(cleanWhitespace(text.normalize('NFC'))).replace(/\s+/g, ' ').trim().toLowerCase()).digest('hex');
}
