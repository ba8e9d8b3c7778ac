// Bytes of a feed to text: the HTTP charset, the XML declaration and BOMs, corrected when wrong (see
// fetch/charset.ts); an undeclared legacy feed is read in the code page of its <language>.
import { charsetFromContentType, chooseCharset, decodeWith } from '../fetch/charset.ts';

function sniffXmlHead(buf: Buffer): { encoding: string | null; language: string | null } {
  const head = buf.subarray(0, 4096).toString('latin1');
  const decl = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head.replace(/^\uFEFF|^\xEF\xBB\xBF/, ''));
  const language = /<(?:\w+:)?language>\s*([a-zA-Z-]{2,12})\s*</i.exec(head)?.[1] ?? /\bxml:lang\s*=\s*["']([a-zA-Z-]{2,12})["']/i.exec(head)?.[1] ?? null;
  return { encoding: decl?.[1] ?? null, language };
}

export function decodeFeed(body: Buffer | string, contentType: string | null | undefined): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  const { encoding, language } = sniffXmlHead(body);
  const charset = chooseCharset(body, [charsetFromContentType(contentType), encoding], language);
  return decodeWith(body, charset).replace(/^\uFEFF/, '');
}
