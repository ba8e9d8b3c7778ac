// Folding of typographic variants for comparison. Display text keeps the original characters;
// dedup, stories and enrich compare folded text so that “curly” and "straight" quotes match.

import { storable } from '../../domain/text.ts';

const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u02BC': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...', '\u00A0': ' ', '\u2007': ' ', '\u202F': ' ', '\u2009': ' ', '\u200A': ' ', '\u3000': ' ',
  '\u200B': '', '\u200C': '', '\u200D': '', '\uFEFF': '', '\u00AD': '',
  // Arabic-Indic digits and their decimal and thousands separators, so that numbers and facts read them.
  // (Arabic comma, semicolon and question mark stay: facts and summaries quote the folded text.)
  '\u066B': '.', '\u066C': ',',
  ...Object.fromEntries([...'\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669'].map((d, i) => [d, String(i)])),
  ...Object.fromEntries([...'\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9'].map((d, i) => [d, String(i)])),
};
const FOLD_RE = new RegExp('[' + Object.keys(FOLD).join('') + ']', 'g');

/** NFC plus folded quotes, dashes, ellipses and odd spaces. Same length is not guaranteed. */
export function foldTypography(text: string): string {
  return text.normalize('NFC').replace(FOLD_RE, (c) => FOLD[c] ?? c);
}

/**
 * Like foldTypography but keeps every character's offset: each fold maps one character to one
 * character, so offsets computed on the result are valid in the input (enrich needs this).
 */
export function foldTypographyKeepOffsets(text: string): string {
  const folded = text.replace(FOLD_RE, (c) => {
    const f = FOLD[c] ?? c;
    return f.length === 1 ? f : f === '' ? ' ' : c === '\u2026' ? '.' : f[0];
  });
  // Wire copy of the typewriter era and treebank text quote ``so'': two characters become a space and a quote mark,
  // the mark next to the words it quotes.
  return folded.includes('``') || folded.includes("''") ? folded.replace(/``/g, ' "').replace(/''/g, '" ') : folded;
}

/** Collapses runs of spaces within lines and keeps paragraph breaks as one blank line. */
export function cleanWhitespace(text: string): string {
  // Storable last, so that form feeds and vertical tabs have become spaces first.
  return storable(text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00A0]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n'))
    .trim();
}
