// Language identification through franc (trigram profiles), mapped to ISO 639-1 codes.
import { franc } from 'franc-min';
import { arabicOrthography } from './arabic.ts';

const ISO3_TO_1: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', ukr: 'uk',
  pol: 'pl', tur: 'tr', arb: 'ar', ara: 'ar', pes: 'fa', fas: 'fa', hin: 'hi', ben: 'bn', urd: 'ur',
  cmn: 'zh', zho: 'zh', jpn: 'ja', kor: 'ko', ind: 'id', vie: 'vi', tha: 'th', swe: 'sv', dan: 'da',
  nob: 'no', fin: 'fi', ces: 'cs', slk: 'sk', hun: 'hu', ron: 'ro', ell: 'el', heb: 'he', swh: 'sw',
  hau: 'ha', yor: 'yo', ibo: 'ig', amh: 'am', tgl: 'tl', zlm: 'ms', mal: 'ml', tam: 'ta', tel: 'te',
  mar: 'mr', guj: 'gu', pan: 'pa', kan: 'kn', bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', uzn: 'uz',
  azj: 'az', kaz: 'kk',
};

/** Languages written in Arabic script that a short Arabic text is taken for. */
const ARABIC_SCRIPT = new Set(['fa', 'ur', 'pbu', 'pbt', 'ps', 'ckb', 'skr', 'snd', 'sd', 'pnb', 'uig', 'prs']);

/** The ISO 639-3 codes that stand for a language code as detectLanguage gives it (639-1, or 639-3 as is). */
export function iso3Codes(language: string): string[] {
  if (language.length === 3) return [language];
  return Object.keys(ISO3_TO_1).filter((k) => ISO3_TO_1[k] === language);
}

/** ISO 639-1 code of the text's language, or null when the text is too short to tell. */
export function detectLanguage(text: string): string | null {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  if (sample.replace(/\s+/g, '').length < 20) return null;
  const code = franc(sample, { minLength: 20 });
  if (code === 'und') return null;
  const language = ISO3_TO_1[code] ?? code;
  if (language !== 'ar' && ARABIC_SCRIPT.has(language) && arabicOrthography(sample)) return 'ar';
  return language;
}

const ENGLISH_FUNCTION_WORDS = new Set(['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'was', 'with', 'as', 'by', 'said', 'at', 'from', 'has', 'have', 'it', 'are', 'be', 'he', 'his', 'an', 'its', 'will', 'were', 'this', 'not', 'but', 'they', 'who', 'which', 'their']);

/**
 * The share of a text's words that are English function words, or null under 20 words. English prose is at
 * 0.25–0.40, other languages written in Latin script under 0.08: a cheap and sure test on news.
 */
export function englishShare(sample: string): number | null {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return null;
  return words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length / words.length;
}

/**
 * The language of a page: what it declares (`<html lang>`, og:locale), unless its text plainly says
 * otherwise. Many themes ship `lang="en"` whatever their sites write, and a German page read as English gets
 * English names and tags ("Dieses Jahr" as a person, #VereinbarenSie).
 */
export function settleLanguage(declared: string | null, text: string): string | null {
  const sample = text.slice(0, 2000);
  if (!declared) return text.length >= 40 ? detectLanguage(sample) : null;
  const share = sample.length >= 300 ? englishShare(sample) : null;
  if (share === null) return declared;
  const primary = declared.split('-')[0]!.toLowerCase();
  if (primary === 'en' && share < 0.08) return detectLanguage(sample) ?? declared;
  if (primary !== 'en' && share >= 0.2 && detectLanguage(sample) === 'en') return 'en';
  return declared;
}

