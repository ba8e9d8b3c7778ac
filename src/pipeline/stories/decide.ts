// Whether an article joins the story it is most similar to. Cosine similarity alone cannot tell two short
// reports of one event from two reports of one kind of event: "Turkey's central bank cuts its interest rate"
// and "Egypt's central bank holds its interest rate" share more weighted words than an English report and its
// Arabic translation do. So a join also needs the evidence to agree on where and on something specific:
//
// - where: when the story names places and so does the article, the article names one of the story's main
//   places (a report on the same event says where it happened; two reports that share only a topic do not);
// - something specific: for a short text, the words it shares with the story, places aside, include a number
//   or a word that few news reports use (document frequency in a background news corpus, data/news-df.tsv,
//   rebuilt by scripts/build-news-df.ts), not only a country name and words every report uses ("minister",
//   "official", "killed").
//
// Both read only the article's vector and the story's centroid, so they hold for every caller of the
// similarity (the in-memory clusterer and the store-backed placement) and cost a few map look-ups.
import { readFileSync } from 'node:fs';
import { aliasKey, gazetteer } from '../enrich/gazetteer.ts';
import { isCommonWordForm } from '../enrich/common-words.ts';
import { storyTerms } from './terms.ts';
import type { TermVector } from './vector.ts';

/** What the decision reads of a story: its centroid and norm (never written here). */
export interface StoryView {
  readonly centroid: ReadonlyMap<string, number>;
  readonly norm: number;
}

/** A place counts among a story's main places when its weight is at least this share of the heaviest. */
const MAIN_PLACE_SHARE = 0.5;
/** A word is specific when fewer than this share of background news documents use it. */
const SPECIFIC_DF = 0.03;

let placeStems: ReadonlyMap<string, string> | null = null;

/**
 * Story-term stem → the place it names (English canonical name, the id Arabic places carry too). Words of
 * multi-word names that are ordinary words ("united", "red", "sea") or shared by several places ("arab") are
 * left out: they say nothing about where.
 */
export function placeOfStem(stem: string): string | undefined {
  if (!placeStems) {
    const map = new Map<string, string>();
    const ambiguous = new Set<string>();
    const { countries, acronyms, titleWords } = gazetteer();
    const entries = [...gazetteer().places].map(([alias, canon]) => ({ alias, canon, words: alias.split(/[^\p{L}]+/u).filter(Boolean) }));
    // A one-word name or demonym ("china", "iraqi") names its place; a word of a longer name ("dhabi") names
    // it only when no one-word name claims the word and no other place's name has it too.
    for (const whole of [true, false]) {
      const claimed = new Set(map.keys());
      for (const { alias, canon, words } of entries) {
        if ((words.length === 1) !== whole) continue;
        for (const w of words) {
          // An ordinary word, or a word with an ordinary word's stem ("main" of Maine), names no place unless
          // it is a country's own name ("Turkey", "Jordan").
          // Acronyms are names whatever their lower-case form ("US"); title words never are ("emir").
          const own = whole && (countries.has(canon) && aliasKey(canon) === alias || acronyms.has(alias.toUpperCase()));
          if (titleWords.has(w) || !own && isCommonWordForm(w)) continue;
          for (const s of storyTerms(w)) {
            if (claimed.has(s)) continue;
            const had = map.get(s);
            if (had !== undefined && had !== canon) ambiguous.add(s);
            else map.set(s, canon);
          }
        }
      }
    }
    for (const s of ambiguous) map.delete(s);
    placeStems = map;
  }
  return placeStems.get(stem);
}

let background: { docs: number; df: Map<string, number> } | null = null;

/** The share of background news documents that use a story term (0 for terms rarer than 1 %). */
export function backgroundShare(term: string): number {
  if (!background) {
    const lines = readFileSync(new URL('./data/news-df.tsv', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const docs = Number(lines[0]);
    const df = new Map<string, number>();
    for (const l of lines.slice(1)) {
      const [t, n] = l.split('\t');
      df.set(t!, Number(n));
    }
    background = { docs, df };
  }
  return (background.df.get(term) ?? 0) / background.docs;
}

function placesOf(v: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const countries = gazetteer().countries;
  v.forEach((w, t) => {
    const p = placeOfStem(t);
    if (p !== undefined && (!process.env.COUNTRIES || countries.has(p))) out.set(p, (out.get(p) ?? 0) + w);
  });
  return out;
}

/** Does the article name one of the story's main places (or is there nothing to compare)? */
export function agreesOnPlace(v: TermVector, s: StoryView): boolean {
  const mine = placesOf(v);
  if (!mine.size) return true;
  const theirs = placesOf(s.centroid);
  if (!theirs.size) return true;
  if (process.env.PLACE_MODE === 'disjoint') {
    for (const p of mine.keys()) if (theirs.has(p)) return true;
    return false;
  }
  let max = 0;
  theirs.forEach((w) => { max = Math.max(max, w); });
  for (const [p, w] of theirs) if (w >= MAIN_PLACE_SHARE * max && mine.has(p)) return true;
  return false;
}

/** Does the article share with the story a number or a specific word, places aside? */
export function sharesSpecific(v: TermVector, s: StoryView): boolean {
  let words = 0;
  for (const t of v.keys()) {
    if (!s.centroid.has(t) || placeOfStem(t) !== undefined) continue;
    if (/\d/.test(t) || backgroundShare(t) < SPECIFIC_DF) return true;
    if (++words >= 2) return true;
  }
  return false;
}

/**
 * Whether an article of vector `v` joins story `s`, given their similarity and the join threshold for the
 * article's length; `short` says the text is short enough that a few shared topic words can reach the
 * threshold.
 */
export function joinsStory(v: TermVector, s: StoryView, sim: number, threshold: number, short: boolean): boolean {
  if (sim < threshold) return false;
  if (process.env.SPEC_BAND && sim >= Number(process.env.SPEC_BAND) * threshold) return true;
  if (!process.env.NO_PLACE && !agreesOnPlace(v, s)) return false;
  return process.env.NO_SPEC ? true : !short || sharesSpecific(v, s);
}
