// Gazetteers shipped as small text files under data/ (places from the Unicode CLDR plus hand-written
// aliases, demonyms and cities; major organisations; title words). Loaded once from disk.
import { readFileSync } from 'node:fs';
import { remembered } from '../normalize/index.ts';

export interface Gazetteer {
  /** Folded lower-case alias → canonical name, for places (countries, demonyms, cities, regions). */
  places: Map<string, string>;
  /**
   * `places` and the towns, regions and venues of data/places-world.tsv: names the tagger missed are looked up here. They
   * type nothing the tagger read, as a town's name is often its club's ("Yorkshire have signed …").
   */
  knownPlaces: Map<string, string>;
  /** Lower-case alias → canonical name, for organisations. */
  orgs: Map<string, string>;
  /**
   * The organisations' aliases the entity tagger's features read (data/orgs.tsv, the list its model was trained with):
   * the longer list of data/orgs-known.tsv is for looking names up, and leaves the trained model's inputs as they were.
   */
  taggerOrgs: Set<string>;
  /** Single lower-case words that belong to titles and roles. */
  titleWords: Set<string>;
  /** Demonyms (lower-case) → country: "iraqi" → "Iraq". */
  demonyms: Map<string, string>;
  /** Lower-case words that occur in place names (for tagger features). */
  placeWords: Set<string>;
  /** Lower-case words that occur in the tagger's organisation names (for tagger features). */
  orgWords: Set<string>;
  /** Canonical names of countries (as opposed to cities and regions). */
  countries: Set<string>;
  /**
   * Canonical name of a city or sub-national place → the country it lies in ("Istanbul" → "Turkey",
   * "Darfur" → "Sudan"); absent for countries, seas, regions across borders and contested places.
   */
  countryOf: Map<string, string>;
  /** Canonical names of cities (not countries, regions or seas). */
  cities: Set<string>;
  /** Names and aliases written in capitals, without dots ("UN", "UAE", "NATO"): kept as such when truecasing. */
  acronyms: Set<string>;
  /** An organisation's canonical name → its first alias in capitals ("National Collegiate Athletic Association" → "NCAA"). */
  orgAcronyms: Map<string, string>;
}

function readData(name: string): string {
  return readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');
}

/** The key names are looked up by (lower case, no dots, no leading "the", spaces collapsed); cached, as the rules ask it of every name. */
export const aliasKey: (s: string) => string = remembered((s: string): string =>
  s.toLowerCase().replace(/\./g, '').replace(/^the /, '').replace(/\s+/g, ' ').trim());

/** Words that say what kind of company a name is ("Toyota Motor Corp", "SoftBank Group", "Shell plc", "Boeing Co."). */
const DESIGNATOR = /^(?:inc|corp|corporation|co|company|cos|ltd|limited|plc|llc|lp|group|holdings?|motors?|sa|ag|nv|se|spa|ab|asa|bhd)\.?$/i;

/** A company name's words without the designators at its end (its first word always stays). */
export function withoutDesignators(words: string[]): string[] {
  const out = [...words];
  while (out.length > 1 && DESIGNATOR.test(out.at(-1)!)) out.pop();
  return out;
}

let cached: Gazetteer | null = null;

/**
 * The organisation lists, first match wins: orgs.tsv (the tagger's own), the longer orgs-known.tsv, and the lists of the
 * world's clubs, leagues and sports bodies (orgs-sport.tsv) and companies, parties, agencies, media and institutions
 * (orgs-world.tsv). Each is hand-written and leaves out forms that alone are places, common words, given names or surnames.
 */
const ORG_FILES = ['orgs.tsv', 'orgs-known.tsv', 'orgs-sport.tsv', 'orgs-world.tsv'];

/** How demonyms end ("Kenyan", "Swiss", "Scottish", "Welsh", "Cypriot", "Monegasque", "Seychellois", "Greek", "Kazakh", "Tajik", "Filipino", "Argentine"). */
const DEMONYM_END = /(?:an|ans|ian|ese|ish|i|is|ic|ch|ss|lsh|que|ots?|ois|eks?|khs?|iks?|inos?|ines?)$/i;

/** One word that names a nationality: a known demonym, or a capitalised word with a demonym's ending that is no place. */
export function isNationalityWord(word: string, gaz: Gazetteer = gazetteer()): boolean {
  const key = aliasKey(word);
  return gaz.demonyms.has(key) || (/^\p{Lu}\p{Ll}+(?:ean|ian|ese|ish)$/u.test(word) && !gaz.places.has(key));
}

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const places = new Map<string, string>();
  const orgs = new Map<string, string>();
  const demonyms = new Map<string, string>();
  const placeWords = new Set<string>();
  const orgWords = new Set<string>();
  const countries = new Set<string>();
  const acronyms = new Set<string>();
  const countryOf = new Map<string, string>();
  const cities = new Set<string>();
  // An alias in capitals ("U.N.", "NATO") is kept as an acronym, without its dots; the acronym is returned.
  const noteAcronym = (a: string): string | undefined => {
    const short = a.replace(/\./g, '');
    if (!/^[\p{Lu}.&]+$/u.test(a) || short.length < 2) return undefined;
    acronyms.add(short);
    return short;
  };
  for (const line of readData('places.tsv').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [canon, aliases = '', kind, country] = line.split('\t');
    if (kind === 'country') countries.add(canon!);
    else if (country) countryOf.set(canon!, country);
    if (kind === 'city') cities.add(canon!);
    const all = [canon!, ...aliases.split('|').filter(Boolean)];
    for (const a of all) {
      const k = aliasKey(a);
      if (!places.has(k)) places.set(k, canon!);
      noteAcronym(a);
      for (const w of a.toLowerCase().split(/\s+/)) placeWords.add(w);
      // A demonym ends like one and is not a name of the place itself.
      // Of two words or more when its last word is no place ("Sri Lankan", "Saudi Arabian"; not "Sultanate of Oman").
      if (a !== canon && DEMONYM_END.test(a) && /^\p{Lu}[\p{Ll}]/u.test(a) && (!/\s/.test(a) || (!/ of /i.test(a) && !all.some((x) => x === a.split(' ').at(-1))))) demonyms.set(k, canon!);
    }
  }
  const knownPlaces = new Map(places);
  for (const line of readData('places-world.tsv').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [canon, aliases = ''] = line.split('\t');
    for (const a of [canon!, ...aliases.split('|').filter(Boolean)]) {
      const k = aliasKey(a);
      if (!knownPlaces.has(k)) knownPlaces.set(k, canon!);
    }
  }
  const taggerOrgs = new Set<string>();
  const orgAcronyms = new Map<string, string>();
  for (const file of ORG_FILES) {
    for (const line of readData(file).split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [canon, aliases = ''] = line.split('\t');
      for (const a of [canon!, ...aliases.split('|').filter(Boolean)]) {
        const k = aliasKey(a);
        if (!orgs.has(k)) orgs.set(k, canon!);
        const short = noteAcronym(a);
        if (short && a !== canon && !orgAcronyms.has(canon!)) orgAcronyms.set(canon!, short);
        if (file !== 'orgs.tsv') continue;
        taggerOrgs.add(k);
        for (const w of a.toLowerCase().split(/\s+/)) orgWords.add(w);
      }
    }
  }
  const titleWords = new Set(
    readData('titles.txt').split('\n').filter((l) => !l.startsWith('#')).join(' ').split(/\s+/).filter(Boolean),
  );
  cached = { places, knownPlaces, orgs, taggerOrgs, titleWords, demonyms, placeWords, orgWords, countries, countryOf, cities, acronyms, orgAcronyms };
  return cached;
}
