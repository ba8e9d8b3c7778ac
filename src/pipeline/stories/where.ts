// Where a story happens, at country level, read from story terms: "istanbul" and "turkey" both say
// Turkey, "khartoum" and "darfur" say Sudan (the gazetteer's city → country link), a demonym says its
// country ("iraqi" → Iraq). Two reports of one event say where it happened; two reports of one kind of
// event in two countries (a rate cut in the UAE and one in Saudi Arabia, an earthquake in Iran and one in
// Turkey) are two events even when their cosine clears the join threshold: short texts on one kind of
// event share most of their weighted words. `elsewhere` is that judgement, read from what every
// PlacementIndex keeps of a story (its centroid and its headline's term vector).
import { aliasKey, gazetteer } from '../enrich/gazetteer.ts';
import { isCommonStem, isCommonWordForm } from '../enrich/common-words.ts';
import { storyTerms } from './terms.ts';

/** What one stem names. */
interface StemPlaces {
  /** The place a one-word name or demonym of this stem names ("iraq", "iraqi", "istanbul"). */
  single: string | undefined;
  /** The multi-word names that have this stem, to test only those a vector can name. */
  multi: readonly number[];
}

interface PlaceStems {
  /**
   * Stem → what it names. One map for both kinds of name: a vector's every term is looked up, and most
   * name nothing, so one look-up per term rather than two (placement reads each candidate's centroid).
   */
  byStem: ReadonlyMap<string, StemPlaces>;
  /** Stems of a longer name ("abu dhabi" → abu, dhabi) → the place, named only when all are present. */
  multi: readonly { stems: readonly string[]; place: string }[];
  /** Stems of demonyms ("isra" of Israeli, "iraqi"): in a headline they name an actor more often than a place. */
  demonym: ReadonlySet<string>;
}

let placeStems: PlaceStems | null = null;

function stems(): PlaceStems {
  if (placeStems) return placeStems;
  const single = new Map<string, string>();
  const ambiguous = new Set<string>();
  const multi: { stems: string[]; place: string }[] = [];
  const multiByStem = new Map<string, number[]>();
  const demonym = new Set<string>();
  const { countries, acronyms, titleWords, places, demonyms } = gazetteer();
  for (const [alias, canon] of places) {
    const words = alias.split(/[^\p{L}]+/u).filter(Boolean);
    if (words.length === 1) {
      // An ordinary word, or a word with an ordinary word's stem ("main" of Maine), names no place unless
      // it is a country's own name ("Turkey", "Jordan") or an acronym ("US"); title words never do.
      const own = countries.has(canon) && aliasKey(canon) === alias || acronyms.has(alias.toUpperCase());
      if (titleWords.has(alias) || !own && isCommonWordForm(alias)) continue;
      for (const s of storyTerms(alias)) {
        if (demonyms.has(alias)) demonym.add(s);
        const had = single.get(s);
        if (had !== undefined && had !== canon) ambiguous.add(s);
        else single.set(s, canon);
      }
    } else {
      // "Christmas Island" is named by both words, not by "Christmas"; "New York" by "york" ("new" is a
      // stop word). A name of ordinary words only ("Port Said" is "port" once "said" is dropped, "Holy
      // See", "Gold Coast") is not read from terms, unless it is a country's own name of two words or more
      // ("United States", "United Kingdom": what an Arabic text's الولايات المتحدة is written as).
      const ss = [...new Set(storyTerms(alias))];
      const own = countries.has(canon) && aliasKey(canon) === alias && ss.length > 1;
      if (!ss.length || !own && ss.every((s) => isCommonStem(s))) continue;
      const i = multi.push({ stems: ss, place: canon }) - 1;
      for (const s of ss) multiByStem.set(s, [...(multiByStem.get(s) ?? []), i]);
    }
  }
  for (const s of ambiguous) single.delete(s);
  const byStem = new Map<string, StemPlaces>();
  for (const s of new Set([...single.keys(), ...multiByStem.keys()])) byStem.set(s, { single: single.get(s), multi: multiByStem.get(s) ?? [] });
  placeStems = { byStem, multi, demonym };
  return placeStems;
}

/**
 * The places a term vector names, each with the weight of its heaviest naming: one-word names, and longer
 * names all of whose words it has (weighed as their words' mean).
 */
export function placesOf(v: ReadonlyMap<string, number>): Map<string, number> {
  const { byStem, multi } = stems();
  const out = new Map<string, number>();
  const note = (p: string, w: number) => { if (w > (out.get(p) ?? 0)) out.set(p, w); };
  v.forEach((w, t) => {
    const at = byStem.get(t);
    if (at === undefined) return;
    if (at.single !== undefined) note(at.single, w);
    for (const i of at.multi) {
      const m = multi[i]!;
      if (m.stems[0] !== t || !m.stems.every((s) => v.has(s))) continue;
      let sum = 0;
      for (const s of m.stems) sum += v.get(s)!;
      note(m.place, sum / m.stems.length);
    }
  });
  return out;
}

/** The country a place is, or lies in; undefined for seas, regions across borders, contested places. */
export function countryOfPlace(place: string): string | undefined {
  const g = gazetteer();
  return g.countries.has(place) ? place : g.countryOf.get(place);
}

/** The countries a term vector (an article's or a story centroid) names, with their summed weights. */
export function countriesOf(v: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  placesOf(v).forEach((w, p) => {
    const c = countryOfPlace(p);
    if (c !== undefined) out.set(c, (out.get(c) ?? 0) + w);
  });
  return out;
}

/**
 * The countries a headline places its event in. A demonym in a headline most often names who acts
 * ("Israeli strikes on south Lebanon", "Iranian gas"), a place name where it happens; so when the headline
 * names a place by name, its demonyms are left out. A headline of demonyms only ("Saudi central bank
 * lowers rate") is placed by them.
 */
export function headlineCountries(v: ReadonlyMap<string, number>): Map<string, number> {
  const { demonym, multi, byStem } = stems();
  const names = new Map<string, number>();
  // "saudi" of "Saudi Arabia" is part of a name, not a demonym.
  const inName = (t: string) => (byStem.get(t)?.multi ?? []).some((i) => multi[i]!.stems.every((s) => v.has(s)));
  v.forEach((w, t) => { if (!demonym.has(t) || inName(t)) names.set(t, w); });
  const byName = names.size < v.size ? countriesOf(names) : null;
  return byName?.size ? byName : countriesOf(v);
}

/** The terms of a vector that name places: one-word names, and the words of longer names it has whole. */
export function placeTerms(v: ReadonlyMap<string, number>): Set<string> {
  const { byStem, multi } = stems();
  const out = new Set<string>();
  v.forEach((_, t) => {
    const at = byStem.get(t);
    if (at === undefined) return;
    if (at.single !== undefined) out.add(t);
    for (const i of at.multi) if (multi[i]!.stems.every((s) => v.has(s))) out.add(t);
  });
  return out;
}

/** A vector is about a place when a country's weight is at least this share of its heaviest term's. */
const LOCATED_SHARE = 0.3;
/** Names two texts must share to be one event whatever their places say (a person and a company, say). */
const NAMES_THAT_OVERRIDE = 2;

function located(countries: ReadonlyMap<string, number>, v: ReadonlyMap<string, number>): boolean {
  let max = 0;
  v.forEach((w) => { if (w > max) max = w; });
  for (const w of countries.values()) if (w >= LOCATED_SHARE * max) return true;
  return false;
}

function disjoint(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (!a.size || !b.size) return false;
  for (const c of a.keys()) if (b.has(c)) return false;
  return true;
}

/**
 * Names `a` shares with `b`, up to `enough`: terms in Latin script that are neither places, numbers nor
 * common words ("welker", "lumia", "houthi"). Arabic words kept as their stems are not counted: verbs and
 * nouns without an English equivalent stay as stems too, so they would count an Arabic text's ordinary
 * words shared with the Arabic copy of another event.
 */
export function sharedNames(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, enough = Infinity): number {
  const places = placeTerms(a);
  let n = 0;
  for (const t of a.keys()) {
    if (!b.has(t) || places.has(t) || !/^[a-z]/.test(t) || /\d/.test(t) || isCommonStem(t)) continue;
    if (++n >= enough) break;
  }
  return n;
}

/** What `elsewhere` reads of an article or a story: its term vector (centroid) and its title's. */
export interface WhereView {
  readonly terms: ReadonlyMap<string, number>;
  readonly title: ReadonlyMap<string, number>;
}

/** What `elsewhere` works out of a view: the countries its terms and its headline name. */
export interface WhereFacts extends WhereView {
  readonly countries: ReadonlyMap<string, number>;
  readonly located: boolean;
  readonly headline: ReadonlyMap<string, number>;
}

/**
 * A view's facts, for a caller that compares one view with several (placement: its article with every
 * candidate, a story with each it may merge with). The view must not change while its facts are used.
 */
export function whereFacts(v: WhereView): WhereFacts {
  const countries = countriesOf(v.terms);
  return { terms: v.terms, title: v.title, countries, located: located(countries, v.terms), headline: headlineCountries(v.title) };
}

/**
 * Do `a` and `b` report events in different places? Yes when both are about a country (a country weighs
 * in their terms) and they name no country in common, or when one's title names countries and the other
 * text names none of them ("UAE central bank cuts rate" and "Saudi central bank lowers rate", both naming
 * the US Federal Reserve): a report of an event names where its headline says the event is. Unless they
 * share two names, which makes them one story wherever it is reported from ("Nokia Lumia goes on sale in
 * the UK" and "… in Taiwan"). Countries only: "Istanbul" is Turkey, so a city in one report and its
 * country in another agree.
 */
export function elsewhere(a: WhereView | WhereFacts, b: WhereView | WhereFacts): boolean {
  const fa = 'countries' in a ? a : whereFacts(a), fb = 'countries' in b ? b : whereFacts(b);
  const apart = (disjoint(fa.countries, fb.countries) && fa.located && fb.located) ||
    disjoint(fa.headline, fb.countries) || disjoint(fb.headline, fa.countries);
  return apart && sharedNames(a.terms, b.terms, NAMES_THAT_OVERRIDE) < NAMES_THAT_OVERRIDE;
}
