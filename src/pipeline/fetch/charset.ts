// Turning fetched bytes into text when publishers declare the wrong charset or none. The order follows
// WHATWG (BOM, then HTTP, then the document's own declaration) with two corrections real feeds need: a
// declared UTF-8 that is not UTF-8 falls through to the next declaration, and a declared single-byte
// charset whose bytes are in fact valid multi-byte UTF-8 is read as UTF-8 (legacy text almost never is).
import { isAscii, isUtf8 } from 'node:buffer';

/** The WHATWG name of a charset label, or null when TextDecoder does not know it. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, '')).encoding;
  } catch {
    return null;
  }
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType ? /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType) : null;
  return m ? normalizeCharset(m[2]) : null;
}

export function bomCharset(buf: Uint8Array): { charset: string; length: number } | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/** The legacy Windows code page most text in a language used before UTF-8 (as browsers guess by locale). */
export function legacyCharsetForLanguage(language: string | null | undefined): string {
  const tag = (language ?? '').toLowerCase().trim();
  const lang = tag.split(/[-_]/)[0];
  const table: Record<string, string> = {
    ar: 'windows-1256', fa: 'windows-1256', ur: 'windows-1256',
    ru: 'windows-1251', uk: 'windows-1251', bg: 'windows-1251', sr: 'windows-1251', be: 'windows-1251', mk: 'windows-1251',
    el: 'windows-1253', tr: 'windows-1254', az: 'windows-1254', he: 'windows-1255', yi: 'windows-1255',
    lt: 'windows-1257', lv: 'windows-1257', et: 'windows-1257', vi: 'windows-1258',
    pl: 'windows-1250', cs: 'windows-1250', sk: 'windows-1250', hu: 'windows-1250', ro: 'windows-1250', hr: 'windows-1250', sl: 'windows-1250',
    th: 'windows-874', ja: 'shift_jis', ko: 'euc-kr',
  };
  if (lang === 'zh') return /tw|hk|mo|hant/.test(tag) ? 'big5' : 'gb18030';
  return table[lang] ?? 'windows-1252';
}

const hasNonAscii = (buf: Uint8Array): boolean => !isAscii(buf);

/** True when the bytes are UTF-8 apart from a cut-off last character or rare damaged spots in long text. */
function mostlyUtf8(buf: Uint8Array): boolean {
  if (isUtf8(buf)) return true;
  for (let cut = 1; cut <= 3 && cut < buf.length; cut++) {
    if (buf[buf.length - cut] < 0x80) break;
    if (isUtf8(buf.subarray(0, buf.length - cut))) return true;
  }
  const text = new TextDecoder('utf-8').decode(buf);
  let bad = 0;
  let nonAscii = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) nonAscii++;
  }
  return nonAscii >= 50 && bad <= nonAscii * 0.02;
}

/**
 * Picks the charset of a document: BOM first, then each declaration in order of authority (HTTP header,
 * then the document's own), corrected as described above; undeclared text is UTF-8 when it is valid,
 * else the legacy code page of the language hint.
 */
export function chooseCharset(buf: Uint8Array, declared: (string | null | undefined)[], languageHint?: string | null): string {
  const bom = bomCharset(buf);
  if (bom) return bom.charset;
  const nonAscii = hasNonAscii(buf);
  for (const label of declared) {
    let cs = normalizeCharset(label);
    if (!cs) continue;
    // A document that says UTF-16 but has no BOM and reached us as an ASCII-compatible byte stream is UTF-8 (WHATWG).
    if (cs.startsWith('utf-16') && buf[0] !== 0 && buf[1] !== 0) cs = 'utf-8';
    if (cs === 'utf-8') {
      if (!nonAscii || mostlyUtf8(buf)) return 'utf-8';
      continue;
    }
    if (nonAscii && isUtf8(buf)) return 'utf-8';
    return cs;
  }
  if (!nonAscii || isUtf8(buf)) return 'utf-8';
  return legacyCharsetForLanguage(languageHint);
}

export function decodeWith(buf: Uint8Array, charset: string): string {
  const bom = bomCharset(buf);
  const body = bom && bom.charset === charset ? buf.subarray(bom.length) : buf;
  // Buffer's own UTF-8 decoder gives the same text (U+FFFD for bad bytes) at about twice TextDecoder's speed.
  if (charset === 'utf-8') return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return new TextDecoder(charset).decode(body);
}

/** `<meta charset>` / `<meta http-equiv=content-type>` and `<html lang>` from the head of an HTML page. */
function sniffHtmlHead(buf: Uint8Array): { charset: string | null; lang: string | null } {
  const head = Buffer.from(buf.subarray(0, 4096)).toString('latin1');
  let charset: string | null = null;
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const found = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (!found || (/http-equiv/i.test(tag) && !/content-type/i.test(tag))) continue;
    charset = found[1];
    break;
  }
  const lang = /<html\b[^>]*\blang\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null;
  return { charset, lang };
}

/** Decodes an HTML page: BOM, HTTP charset, `<meta>` charset, then UTF-8 validity and the page's language. */
export function decodeHtml(body: Buffer, contentType: string | null): string {
  const { charset, lang } = sniffHtmlHead(body);
  return decodeWith(body, chooseCharset(body, [charsetFromContentType(contentType), charset], lang));
}
