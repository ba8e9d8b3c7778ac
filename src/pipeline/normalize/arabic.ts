// Arabic orthographic normalisation and light stemming, one definition shared by search (indexing and
// querying on both store backends), enrichment and story evidence. Hand-written: the npm Arabic stemmers
// are unmaintained or root-extracting (too aggressive for search); this is the "light" approach of
// Larkey et al. (prefix clitics only), which is what news search needs.

/** One Arabic letter (the Arabic block's letters, not its digits or punctuation). */
export const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FC]/;
const ARABIC_WORD_RE = /[\u0621-\u064A\u064B-\u065F\u0640\u0670\u0671-\u06D3\u06FA-\u06FC]+/g;

/** True when the text has Arabic letters. */
export function hasArabic(text: string): boolean {
  return ARABIC_LETTER.test(text);
}

/**
 * Spelling variants folded the way Arabic search engines do: diacritics (harakat, shadda, sukun, dagger
 * alef) and tatweel dropped, alef forms (أ إ آ ٱ) to bare alef, ta marbuta to ha, alef maqsura to ya.
 */
export function normalizeArabic(word: string): string {
  return word
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064A');
}

// Prefix clitics, longest first: conjunction (و ف) + preposition (ب ك ل) + article (ال); "لل" is ل + ال
// with the article's alef dropped. A prefix comes off only when a stem of three letters or more is left.
const PREFIXES = ['وبال', 'وكال', 'فبال', 'فكال', 'وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'لل', 'ال'];
const SINGLE = ['و', 'ف', 'ب', 'ل', 'ك'];

/** A normalised word without its prefix clitics ("والعراق", "بالعراق", "العراق" → "عراق"). */
export function stemArabic(word: string): string {
  const w = normalizeArabic(word);
  for (const p of PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 3) return w.slice(p.length);
  }
  // A lone conjunction or preposition ("وزارة", "بغداد" keep theirs unless four letters remain): words of
  // four letters beginning with و or ب are too often the stem itself ("وزير"), so the stem must be four.
  if (w.length - 1 >= 4 && SINGLE.includes(w[0]!)) {
    const rest = w.slice(1);
    return rest.startsWith('ال') && rest.length >= 5 ? rest.slice(2) : rest;
  }
  return w;
}

/** The text with every Arabic word replaced by its stem: what search indexes and matches. */
export function arabicSearchForm(text: string): string {
  return asciiDigits(text.replace(ARABIC_WORD_RE, (w) => stemArabic(w)));
}

/**
 * The search form of an article's title and text, or null when it has no Arabic (stored beside the
 * article so that both backends index it; English articles store nothing extra).
 */
export function searchTerms(title: string, text: string): string | null {
  if (!hasArabic(title) && !hasArabic(text)) return null;
  return arabicSearchForm(`${title}\n${text}`);
}

/** Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits as ASCII digits, one for one. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
}

// Letters of Persian, Urdu, Pashto, Kurdish and Sindhi that Arabic does not use (پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ہ ټ ډ ړ ښ ږ ځ څ ې ۍ ڤ…),
// and the Arabic forms those languages replace (ي ك) or rarely write (ة).
const NOT_ARABIC = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC\u0679\u0688\u0691\u06BA\u06D2\u06C1\u067C\u0689\u0693\u069A\u0696\u0681\u0685\u06D0\u06CD\u06B5\u06CE\u06C6\u0695]/;
const ARABIC_ONLY = /[\u064A\u0643\u0629]/;

/**
 * True when Arabic-script text is written in Arabic's own orthography: trigram identification misreads a
 * short Arabic text as Pashto or Persian, which write other letters for ya and kaf and have letters Arabic lacks.
 */
export function arabicOrthography(text: string): boolean {
  return ARABIC_ONLY.test(text) && !NOT_ARABIC.test(text);
}
