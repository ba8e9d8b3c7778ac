// Arabic place names (data/places-ar.tsv: CLDR's Arabic country names plus hand-written variants, regions,
// cities and demonyms), keyed by their light stems so that "والعراق" and "بالعراق" find العراق. Every
// place carries its English canonical name from places.tsv: one id across languages.
import { readFileSync } from 'node:fs';
import { normalizeArabic, stemArabic } from '../../normalize/arabic.ts';

export interface ArabicPlace {
  /** The Arabic name shown (the first listed). */
  name: string;
  /** The English canonical name of places.tsv: the place's id across languages. */
  id: string;
  kind: string;
}

export interface ArabicGazetteer {
  /** Stem key of a name ("عراق", "ولايات متحده") → place. */
  places: Map<string, ArabicPlace>;
  /** Stem key of a demonym's masculine singular ("عراقي") → place. */
  demonyms: Map<string, ArabicPlace>;
  /** Most words in a place name. */
  longest: number;
}

/** The key a phrase is looked up by: each word's light stem. */
export function arabicKey(phrase: string): string {
  return phrase.split(/\s+/).filter(Boolean).map(stemArabic).join(' ');
}

let cached: ArabicGazetteer | null = null;

export function arabicGazetteer(): ArabicGazetteer {
  if (cached) return cached;
  const places = new Map<string, ArabicPlace>();
  const demonyms = new Map<string, ArabicPlace>();
  let longest = 1;
  const text = readFileSync(new URL('../data/places-ar.tsv', import.meta.url), 'utf8');
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [id, names = '', kind = '', dems = ''] = line.split('\t');
    const all = names.split('|').filter(Boolean);
    if (!all.length) continue;
    const place: ArabicPlace = { name: all[0]!, id: id!, kind };
    for (const n of all) {
      const k = arabicKey(n);
      // Cities never take a country's key ("عمان" is Oman before Amman; "الجزائر" Algeria before Algiers).
      if (!places.has(k) || (places.get(k)!.kind !== 'country' && kind === 'country')) places.set(k, place);
      longest = Math.max(longest, k.split(' ').length);
    }
    for (const d of dems.split('|').filter(Boolean)) demonyms.set(arabicKey(d), place);
  }
  cached = { places, demonyms, longest };
  return cached;
}

/** The place a demonym stands for, in any gender or number ("الأميركية", "العراقيين" → its place). */
export function demonymPlace(word: string): ArabicPlace | null {
  const { demonyms } = arabicGazetteer();
  const s = stemArabic(word);
  for (const k of [s, s.replace(/ه$/, ''), s.replace(/(?:ين|ون)$/, ''), s.replace(/يه$/, 'ي')]) {
    const p = demonyms.get(k);
    if (p) return p;
  }
  return null;
}

/** A definite word: the article, after a one-letter conjunction or preposition if any (والعراق, للعراق). */
export const DEFINITE = /^(?:[وفبكل]?ال|لل)/;

/**
 * "المالي" (financial) is not مالي (Mali): a word with the article names a place only when the place's
 * name has it too (العراق). `norm` and `stem` are the first word's normalised form and light stem.
 */
export function articleMismatch(norm: string, stem: string, place: ArabicPlace): boolean {
  return DEFINITE.test(norm) && !normalizeArabic(place.name).startsWith('ال') && !/^ال/.test(stem);
}
