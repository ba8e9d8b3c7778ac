// Input checks before extraction: an empty page, binary bytes or text with no words is not an article, and
// saying so per input beats printing pages of decoded garbage as one.
import { LedeError } from '../../domain/errors.ts';

/** Throws bad_input when the decoded page cannot hold an article; returns nothing otherwise. */
export function assertReadable(content: string, kind: 'html' | 'text'): void {
  if (!content.trim()) throw new LedeError('bad_input', `empty ${kind === 'html' ? 'page' : 'text'}`);
  const sample = content.slice(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // NUL never appears in text; other C0 controls (bar tab, newlines, form feed) and U+FFFD come from
    // bytes that were not text in the encoding they were decoded with.
    if (c === 0) throw new LedeError('bad_input', 'binary data, not a page');
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) control++;
  }
  if (control / sample.length > 0.02) throw new LedeError('bad_input', 'binary data, not a page');
  const visible = kind === 'html' ? sample.replace(/<[^>]*>?/g, ' ') : sample;
  if (!/\p{L}/u.test(visible) && !/<(?:img|picture|video)\b/i.test(sample)) {
    throw new LedeError('bad_input', `no words in the ${kind === 'html' ? 'page' : 'text'}`);
  }
}
