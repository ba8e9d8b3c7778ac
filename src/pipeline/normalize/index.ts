// normalize: the one text model shared by dedup, stories and enrich.
import { cleanWhitespace, foldTypography } from './typography.ts';
import { detectLanguage } from './language.ts';
import { splitParagraphs, splitSentences, type Span } from './segment.ts';

export { foldTypography, foldTypographyKeepOffsets, cleanWhitespace } from './typography.ts';
export { splitParagraphs, splitSentences, tokenize, words, forEachWord, type Span } from './segment.ts';
export { detectLanguage, englishShare, iso3Codes, settleLanguage } from './language.ts';
export { remembered } from './memo.ts';

export interface NormalizedText {
  /** Display text: NFC, whitespace cleaned, typography kept. */
  text: string;
  /** Comparison text: typography folded. */
  folded: string;
  paragraphs: Span[];
  sentences: Span[];
  language: string | null;
}

export function normalizeText(input: string): NormalizedText {
  const text = cleanWhitespace(input.normalize('NFC'));
  return {
    text,
    folded: foldTypography(text),
    paragraphs: splitParagraphs(text),
    sentences: splitSentences(text),
    language: detectLanguage(text),
  };
}
