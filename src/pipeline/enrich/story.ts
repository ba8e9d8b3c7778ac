// One concept once across the articles of a story, whatever language each is in: a place by its id
// across languages (العراق and Iraq are the place "Iraq"), a person or organisation by its spelling and,
// across scripts, by how the name sounds (ماركو روبيو and Marco Rubio), a quote by its speaker and words. What a story shows of a concept
// is written in the story's main language.
import type { Entity, EntityType } from '../../domain/types.ts';
import { hasArabic, normalizeArabic } from '../normalize/arabic.ts';
import { arabicGazetteer, arabicKey } from './arabic/gazetteer.ts';
import { aliasKey, gazetteer } from './gazetteer.ts';
import { camelCase, endsWithName } from './hashtags.ts';

/** The language most of the story's articles are in; on a tie the first one's (callers list the earliest first). */
export function mainLanguage(languages: (string | null | undefined)[]): string | null {
  const counts = new Map<string, number>();
  for (const l of languages) if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  let best: string | null = null;
  for (const [l, n] of counts) if (best === null || n > counts.get(best)!) best = l;
  return best;
}

/** Whether a name or tag is written in the script of `language` (Arabic against every other). */
export const inScriptOf = (text: string, language: string | null): boolean => hasArabic(text) === (language === 'ar');

// The sounds an English spelling and an Arabic one of the same name share: consonants, in classes
// wide enough for the usual transliterations (ق, ك, خ, غ, ج as k, q, kh, gh, g, j; ث, ت, ط as t, th; ...).
// Vowels and the letters Arabic writes long vowels with (ا و ي ى ء ع ة) carry no weight.
const ARABIC_SOUND: Record<string, string> = {
  'ب': 'b', 'ت': 't', 'ث': 't', 'ج': 'k', 'ح': 'h', 'خ': 'k', 'د': 'd', 'ذ': 'z', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'S', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'غ': 'k', 'ف': 'f', 'ق': 'k', 'ك': 'k',
  'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'پ': 'b', 'چ': 'S', 'ڤ': 'f', 'گ': 'k',
};
const LATIN_SOUND: [RegExp, string][] = [
  [/sch|sh|ch/g, 'S'], [/c(?=[eiy])/g, 's'], [/kh|gh|ck|c|q|g|j|x/g, 'k'], [/th/g, 't'], [/dh/g, 'z'], [/ph|v/g, 'f'], [/p/g, 'b'],
];

/**
 * The consonant skeleton of a name, the same for its English and Arabic spellings ("Mohammed Shia
 * al-Sudani" and محمد شياع السوداني both give "hmdSsdn"); the Arabic article (al-, ال) is left out.
 */
export function soundKey(name: string): string {
  const words = name.split(/[\s_]+/).filter(Boolean);
  if (hasArabic(name)) {
    return words.map((w) => normalizeArabic(w).replace(/^ال(?=..)/, '').replace(/^تش/, 'ش'))
      .join('').split('').map((c) => ARABIC_SOUND[c] ?? '').join('').replace(/(.)\1+/g, '$1');
  }
  // Word by word: "Fuad Hussein" has no "dh".
  return words.map((w) => w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/^(?:al|el|ad|as|ash|an|ar|ul)-/, ''))
    .filter((w) => w !== 'al' && w !== 'el')
    .map((w) => LATIN_SOUND.reduce((s, [re, to]) => s.replace(re, to), w))
    .join('').replace(/[^bdfhklmnrstzS]/g, '').replace(/(.)\1+/g, '$1');
}

/** A name's words, also when it is a hashtag's ("UnitedStates", "الولايات_المتحدة"). */
const spaced = (name: string) => name.replace(/_/g, ' ').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');

/** The place id of a name or hashtag in either language (English canonical names are the ids), or null. */
function placeId(name: string): string | null {
  if (hasArabic(name)) return arabicGazetteer().places.get(arabicKey(spaced(name)))?.id ?? null;
  return gazetteer().places.get(aliasKey(spaced(name))) ?? null;
}

/** A name's key within one script: letters and digits, case and accents folded ("CIUDAD JUÁREZ", "Ciudad Juarez"). */
export function spellingKey(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The key of a concept: a place's id (the same in every language), else its name's spelling. Names in
 * two scripts are folded after, by sound (foldScripts): a sound key alone would join different people
 * written in one script ("John Carney" and "John Cornyn" sound alike without their vowels).
 */
export function conceptKey(e: { type: EntityType; canonical: string; id?: string }): string {
  if (e.type === 'LOC') {
    const id = e.id ?? placeId(e.canonical);
    if (id) return 'LOC:' + id;
  }
  return `${e.type}=${spellingKey(e.canonical)}`;
}

// Shorter skeletons are shared by too many different names (Ahmed and Hamid are both "hmd").
const MIN_SOUNDS = 4;

/**
 * Whether two names of people or organisations are one: in one script the same spelling, or one the
 * other's last words (a copy names "Rubio" where the original wrote "Marco Rubio"); in two, the same sound.
 */
export function sameName(a: string, b: string): boolean {
  if (hasArabic(a) === hasArabic(b)) {
    const [x, y] = [a, b].map((n) => n.split(/\s+/).map(spellingKey).filter(Boolean)).sort((p, q) => p.length - q.length);
    return x!.length > 0 && x!.join(' ') === y!.slice(y!.length - x!.length).join(' ');
  }
  const sound = soundKey(spaced(a));
  return sound.length >= MIN_SOUNDS && sound === soundKey(spaced(b));
}

/**
 * Folds the concepts of a story that are one name in two scripts (ماركو روبيو into Marco Rubio): an Arabic
 * one into the only Latin one of its type that sounds the same (when two do, it is left alone).
 */
export function foldScripts<T>(concepts: Map<string, T>, nameOf: (c: T) => string, merge: (into: T, from: T) => void): void {
  const named = [...concepts].filter(([k]) => k.includes('='));
  for (const [k, c] of named) {
    if (!hasArabic(nameOf(c))) continue;
    const type = k.slice(0, k.indexOf('='));
    const same = named.filter(([k2, c2]) => k2.startsWith(type + '=') && !hasArabic(nameOf(c2)) && sameName(nameOf(c), nameOf(c2)));
    if (same.length !== 1) continue;
    merge(same[0]![1], c);
    concepts.delete(k);
  }
}

/**
 * Folds a concept named by the last words of another's name into that one, as an article's own tags do
 * (#Stadia beside #GoogleStadia, #Trump beside #DonaldTrump, one article writing each). Two known places
 * stay apart (#Sudan and #SouthSudan are two countries).
 */
export function foldShortNames<T>(concepts: Map<string, T>, nameOf: (c: T) => string, merge: (into: T, from: T) => void): void {
  for (const [k, c] of [...concepts]) {
    if (k.startsWith('LOC:') || !concepts.has(k)) continue;
    const long = [...concepts.values()].find((l) => l !== c && endsWithName(spaced(nameOf(l)), spaced(nameOf(c))));
    if (!long) continue;
    merge(long, c);
    concepts.delete(k);
  }
}

let arabicNames: Map<string, string> | null = null;

/** A place's name in a language, from the gazetteers (null when it has none there). */
function placeName(id: string, language: string | null): string | null {
  if (language !== 'ar') return id;
  if (!arabicNames) {
    // The gazetteer is keyed by name; its first name for each place, as the scan in its order found it.
    arabicNames = new Map();
    for (const p of arabicGazetteer().places.values()) if (!arabicNames.has(p.id)) arabicNames.set(p.id, p.name);
  }
  return arabicNames.get(id) ?? null;
}

/** How a concept is named in the story: as the main language's articles name it, or the gazetteer. */
export function nameIn(names: string[], key: string, language: string | null): string {
  const own = names.find((n) => inScriptOf(n, language));
  if (own) return own;
  const place = key.startsWith('LOC:') ? placeName(key.slice(4), language) : null;
  return place ?? names[0]!;
}

/**
 * The concept a hashtag stands for in its article: the entity it was made from (a person's tag may carry a
 * style, #PrinceAndrew for Andrew), a known place, or the tag itself (a topic).
 */
export function hashtagConcept(tag: string, entities: readonly Entity[]): string {
  const body = tag.replace(/^#/, '');
  const lower = body.toLowerCase();
  const e = entities.find((x) => (x.type === 'PER' || x.type === 'ORG' || x.type === 'LOC') &&
    (lower === camelCase(x.canonical).toLowerCase() || (x.type === 'PER' && lower.endsWith(camelCase(x.canonical).toLowerCase()))));
  if (e) return conceptKey(e);
  const id = placeId(body);
  return id ? 'LOC:' + id : 'TAG:' + lower;
}

export interface StoryQuote {
  text: string;
  speaker: string | null;
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Two quotes are one when their words are nearly the same (one outlet's copy of another's, a word
 * changed or the quote cut short), or when the same speaker says them in two languages at about the same
 * length (one is the other's translation: a story's articles in two languages report the same words).
 */
export function sameQuote(a: StoryQuote, b: StoryQuote): boolean {
  if (a.speaker && b.speaker && !sameName(a.speaker, b.speaker)) return false;
  const wa = words(a.text);
  const wb = words(b.text);
  if (hasArabic(a.text) !== hasArabic(b.text)) {
    return !!a.speaker && !!b.speaker && Math.min(wa.length, wb.length) / Math.max(wa.length, wb.length, 1) >= 0.5;
  }
  const inB = new Set(wb);
  const shared = new Set(wa.filter((w) => inB.has(w))).size;
  // Near-identical: most words of the shorter one are in the longer one.
  return shared / Math.max(1, Math.min(new Set(wa).size, inB.size)) >= 0.8;
}
