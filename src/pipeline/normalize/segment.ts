// Paragraph, sentence and word segmentation with offsets into the given text.
// Hand-written because the JS sentence splitters either drop offsets or split on "U.S." and "Mr.";
// news text needs both right.

export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Paragraphs separated by blank lines (or single newlines when the text has no blank line). */
export function splitParagraphs(text: string): Span[] {
  const sep = /\n\s*\n/.test(text) ? /\n\s*\n/g : /\n/g;
  const out: Span[] = [];
  let last = 0;
  for (const m of text.matchAll(sep)) {
    push(out, text, last, m.index!);
    last = m.index! + m[0].length;
  }
  push(out, text, last, text.length);
  return out;
}

function push(out: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ text: text.slice(start, end), start, end });
}

const ABBREVIATIONS = new Set(
  ('mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp det ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc ltd co corp llc plc bros dept univ assn est approx no nos vol vs etc al fig ft ave blvd rd' +
    ' op ed').split(' '),
);

/** A wire credit and its dash ("(AP) — ", "(Reuters) - ", "(AP) _ "), which only a dateline puts after a stop. */
const DATELINE_CREDIT = /^\([^()\n]{1,40}\)[ \t]*(?:-{1,2}|[–—_])\s/;

/**
 * Sentences with offsets. A period ends a sentence unless it follows a known abbreviation, a single
 * capital (initials, "U.S."), or a number ("3.5"); closing quotes and brackets stay with the sentence.
 */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  for (const para of splitParagraphs(text)) {
    let start = para.start;
    const re = /[.!?\u061F]+["'\u201D\u2019\u00BB)\]]*(?=\s+|$)/g;
    const body = para.text;
    for (const m of body.matchAll(re)) {
      const endInPara = m.index! + m[0].length;
      if (m[0][0] === '.' && m[0].length === 1 && !endsSentence(body, m.index!)) continue;
      // Require the next word to start like a sentence (capital, digit, quote) unless at paragraph end.
      // Arabic has no capitals: any Arabic word may open a sentence (often with و, "and", attached).
      const rest = body.slice(endInPara).trimStart();
      if (rest && !/^["'\u201C\u2018\u00AB(\[]?[\p{Lu}\p{N}\p{Script=Arabic}]/u.test(rest)) continue;
      if (m[0] === '.' && nameGoesOn(body, m.index!, rest)) continue;
      // "PORTLAND, Ore. (AP) — Crews …": a credit and a dash after the stop make it a dateline's, not a sentence's end.
      if (m[0] === '.' && DATELINE_CREDIT.test(rest)) continue;
      push(out, text, start, para.start + endInPara);
      start = para.start + endInPara;
    }
    push(out, text, start, para.end);
  }
  return out;
}

/**
 * "while the ID. SPACE VIZZION may only be a concept": a stop after a word in capitals, in a paragraph of ordinary
 * case, followed by two more words in capitals, is an abbreviation inside a name (a model, a code), not a sentence's
 * end; a sentence of ordinary case rarely opens with two words in capitals right after one closed on another.
 */
function nameGoesOn(body: string, dot: number, rest: string): boolean {
  if (!/(?:^|[^\p{L}\p{N}.])\p{Lu}{2,4}$/u.test(body.slice(Math.max(0, dot - 6), dot))) return false;
  // Two words in capitals go on: one alone may be an acronym opening a sentence ("… at the FBI. NASA said").
  if (!/^\p{Lu}{2,}\s+\p{Lu}{2,}(?![\p{Ll}])/u.test(rest)) return false;
  // Ordinary case: most of the paragraph's words hold a lower-case letter (not a headline or a line in capitals).
  const words = body.match(/\p{L}+/gu) ?? [];
  return words.filter((w) => /\p{Ll}/u.test(w)).length > words.length / 2;
}

function endsSentence(body: string, dot: number): boolean {
  const before = body.slice(Math.max(0, dot - 12), dot);
  const word = /([\p{L}\p{N}]+)$/u.exec(before)?.[1] ?? '';
  if (!word) return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (/^\p{Lu}$/u.test(word)) return false; // initials and U.S., U.N.
  if (/^\p{Script=Arabic}$/u.test(word)) return false; // Arabic abbreviations: "د." (Dr.), "م." (AD)
  if (/^\d+$/.test(word) && /^\d/.test(body[dot + 1] ?? '')) return false;
  return true;
}

/** Word tokens (letters, digits, inner apostrophes and hyphens) with offsets. */
export function tokenize(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019\-.][\p{L}\p{N}]+)*/gu)) {
    out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/**
 * Lower-cased, folded words for comparison (dedup shingles, story vectors). A word keeps its combining
 * marks (Devanagari vowel signs, Arabic harakat), which NFKC cannot always compose; the Turkish dotted
 * capital İ is read as I, since its lower case is i plus a combining dot ("İzmir" is izmir, not i + zmir).
 */
export function words(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, (s, start, end) => out.push(s.slice(start, end)));
  return out;
}

/**
 * words() without the strings: calls `found` with each word's bounds in `s`, the text as words() compares it
 * (NFKC, İ as I, lower case). Dedup hashes the words of every article and has no use for their strings.
 */
export function forEachWord(text: string, found: (s: string, start: number, end: number) => void): void {
  // The words are the matches of /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu, found by a scan of code points classed
  // once each: the regular expression cost ~0.25 µs a word, most of the tokenising every article pays twice
  // (fingerprint and story terms); a test holds the scan to that expression.
  const s = text.normalize('NFKC').replace(/\u0130/g, 'I').toLowerCase();
  let start = -1;
  for (let i = 0; i < s.length;) {
    let cp = s.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        width = 2;
      }
    }
    const c = charClass(cp);
    if (start < 0) {
      if (c === LETTER_OR_NUMBER) start = i;
    } else if (c === OTHER) {
      found(s, start, i);
      start = -1;
    }
    i += width;
  }
  if (start >= 0) found(s, start, s.length);
}

const LETTER_OR_NUMBER = 1, MARK = 2, OTHER = 3;
const LETTER_OR_NUMBER_RE = /^[\p{L}\p{N}]$/u;
const MARK_RE = /^\p{M}$/u;
/** The class of each code point of the Basic Multilingual Plane met so far (0: not yet asked). */
const bmpClass = new Uint8Array(0x10000);

function charClass(cp: number): number {
  if (cp < 0x10000) {
    const known = bmpClass[cp]!;
    if (known !== 0) return known;
    return (bmpClass[cp] = classOf(cp));
  }
  return classOf(cp); // beyond the BMP (rare in news): asked each time
}

function classOf(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return LETTER_OR_NUMBER_RE.test(ch) ? LETTER_OR_NUMBER : MARK_RE.test(ch) ? MARK : OTHER;
}
