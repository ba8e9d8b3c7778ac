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
