// Text that every store can keep: the one place where characters that cannot be stored are removed.
// PostgreSQL rejects U+0000 in text and in jsonb (\u0000), SQLite keeps it; lone surrogates become
// invalid UTF-8 on the wire; non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF) and C0 controls other than
// tab, line feed and carriage return are invalid in the XML feeds Lede writes. Removing them once, where
// text enters, makes both backends keep the same text and answer the same query.

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const ANY_UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Any character UNSTORABLE may match, paired surrogates included: one character class, which a text is scanned
 * for several times faster than for the alternatives with lookarounds (every stored string is tested, whole
 * articles included: 1.3 % of ingest's main thread); the exact test runs only when it finds one.
 */
// eslint-disable-next-line no-control-regex
const MAYBE_UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;

/** `s` without NUL, other C0 controls (tab, LF and CR stay), non-characters and lone surrogates. */
export function storable(s: string): string {
  return MAYBE_UNSTORABLE.test(s) && ANY_UNSTORABLE.test(s) ? s.replace(UNSTORABLE, '') : s;
}

/** Query parameters for a store: strings made storable, everything else as it is. */
export function storableParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'string' ? storable(p) : p));
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` fit for one log line: control characters, line separators and lone surrogates written as \uXXXX. */
export function printable(s: string): string {
  return s.replace(CONTROL, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
