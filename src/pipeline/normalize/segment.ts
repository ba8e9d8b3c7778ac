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
      push(out, text, start, para.start + endInPara);
      start = para.start + endInPara;
    }
    push(out, text, start, para.end);
  }
  return out;
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
  for (const m of text.normalize('NFKC').replace(/\u0130/g, 'I').toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu)) out.push(m[0]);
  return out;
}
