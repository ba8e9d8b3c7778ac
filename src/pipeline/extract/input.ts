// What is not an article, decided once for the CLI and ingest: empty input, binary data, and pages whose
// extraction leaves (almost) no text.
import { LedeError } from '../../domain/errors.ts';
import type { ExtractedPage } from '../../domain/types.ts';

/** Less text than this is no article (a stub, an error page, a script-rendered shell). */
export const MIN_ARTICLE_CHARS = 80;

/**
 * Why `bytes` cannot be a page or a text, or null. Text has no NUL bytes and few other control bytes;
 * binary files (images, archives, executables) have many in their first kilobytes.
 */
export function unreadableReason(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 8192);
  if (!head.toString('utf8').trim().replace(/^\uFEFF/, '')) return 'the input is empty';
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'the input is binary data, not a page or a text';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  if (control > head.length * 0.02) return 'the input is binary data, not a page or a text';
  // Invalid UTF-8 in bulk (and no legacy charset a page would declare) is binary too.
  const replaced = (head.toString('utf8').match(/\uFFFD/g) ?? []).length;
  if (replaced > head.length * 0.1 && !/charset|encoding/i.test(head.toString('latin1'))) return 'the input is binary data, not a page or a text';
  return null;
}

/** Throws when an extracted page holds no article. */
export function requireArticle(page: ExtractedPage): ExtractedPage {
  const n = page.text.trim().length;
  if (n < MIN_ARTICLE_CHARS) throw new LedeError('extract_failed', n ? `no article found (only ${n} characters of text)` : 'no article found (no text)');
  return page;
}
