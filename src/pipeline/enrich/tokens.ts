// Word and punctuation tokens with offsets, tokenised the way newswire NER corpora are (possessive
// 's split off, "U.S." and "Mr." kept whole), so that the tagger sees at run time what it saw in training.
// Runs on typography-folded text of the same length, so offsets hold in the original.

export interface Token {
  text: string;
  start: number;
  end: number;
}

const ABBREV = /^(?:mr|mrs|ms|dr|prof|sr|jr|st|mt|gen|col|lt|sgt|capt|cmdr|adm|gov|sen|rep|rev|hon|pres|inc|ltd|co|corp|bros|dept|no|vs|jan|feb|mar|apr|aug|sep|sept|oct|nov|dec)$/i;

// "U.S.-led" and "25-year-old" stay one token as in newswire corpora (a modifier, not a mention of the
// place; a number's hyphenated compound, so "Apr" in a mangled score "06-Apr" is not a name).
const TOKEN_RE =
  /(?:\p{L}\.){2,}(?:-\p{L}+)*|\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|m|bn|k)?(?:-[\p{L}\p{N}]+)*|[\p{L}\p{M}\p{N}]+(?:[-'][\p{L}\p{M}\p{N}]+)*|'s\b|--+|\S/gu;

/** Tokens of `text` (which should be typography-folded so quotes and dashes are ASCII). */
export function tokenizeWords(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = from;
  for (let m = TOKEN_RE.exec(text); m && m.index < to; m = TOKEN_RE.exec(text)) {
    let t = m[0].length > to - m.index ? m[0].slice(0, to - m.index) : m[0];
    let start = m.index;
    // "Iraq's" → "Iraq" + "'s" like the treebank convention.
    const poss = /^(.+)'s$/i.exec(t);
    if (poss && !/^(?:let|it|that|what|he|she|there|here|who)'s$/i.test(t)) {
      out.push({ text: poss[1]!, start, end: start + poss[1]!.length });
      start += poss[1]!.length;
      t = t.slice(poss[1]!.length);
    }
    let end = start + t.length;
    // Keep the period of a known abbreviation ("Mr.", "Gen.", "Corp.").
    if (text[end] === '.' && end < to && (ABBREV.test(t) || isInitial(text, t, end))) { t += '.'; end++; TOKEN_RE.lastIndex = end; }
    out.push({ text: t, start, end });
  }
  return out;
}

/** "George W. Bush": a single capital letter with a period, followed by a capitalised word, is an initial. */
function isInitial(text: string, t: string, end: number): boolean {
  return /^\p{Lu}$/u.test(t) && /^\.\s\p{Lu}/u.test(text.slice(end, end + 3));
}

/**
 * "AT&T", "PG&E", "S&P" as one token: capitals joined by "&" with no space. The tokeniser splits them, as the
 * tagger's training text did not (its model has learnt nothing of such a token, so the entity tagger keeps the
 * split and mends the name after), but a keyphrase made of "T" or "E" names nothing.
 */
export function joinAmpersandNames(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!, amp = tokens[i + 1], b = tokens[i + 2];
    if (amp && b && amp.text === '&' && a.end === amp.start && amp.end === b.start && CAPITALS.test(a.text) && CAPITALS.test(b.text)) {
      out.push({ text: a.text + '&' + b.text, start: a.start, end: b.end });
      i += 2;
    } else out.push(a);
  }
  return out;
}

const CAPITALS = /^\p{Lu}{1,4}$/u;
