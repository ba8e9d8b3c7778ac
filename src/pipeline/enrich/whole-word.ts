// Finding a word or phrase where it stands whole ("iran" in "Iran's", not in "Irani"). Searched with indexOf
// and checked at its edges: a RegExp with Unicode lookbehind built per word scans a long text an order of
// magnitude slower, and hashtags ask this of every candidate.

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Default edges: no letter or digit right before or after. */
const plainEdges = (text: string, start: number, end: number): boolean =>
  !WORD_CHAR.test(text[start - 1] ?? ' ') && !WORD_CHAR.test(text[end] ?? ' ');

/** Edges of a word written in prose: also not inside a web or mail address ("givewell.org", "facebook.com/x"). */
export const proseEdges = (t: string, start: number, end: number): boolean =>
  !/[\p{L}\p{N}./@]/u.test(t[start - 1] ?? ' ') && !/[\p{L}\p{N}@]/u.test(t[end] ?? ' ') && !(t[end] === '.' && /\p{L}/u.test(t[end + 1] ?? ''));

/**
 * Offsets where `word` occurs in `text` (case-sensitive) with edges that `edges` accepts (by default: not
 * inside a longer word).
 */
export function* wholeWordAt(text: string, word: string, edges = plainEdges): Generator<number> {
  if (!word) return;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (edges(text, at, at + word.length)) yield at;
  }
}

/** Whether `word` occurs whole in `text` (case-sensitive). */
export function hasWholeWord(text: string, word: string, edges = plainEdges): boolean {
  return !wholeWordAt(text, word, edges).next().done;
}
