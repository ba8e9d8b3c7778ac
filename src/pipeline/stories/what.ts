// What a story reports, beside where. Two reports of one event share where it happened and what happened;
// a place name says only the first. Short reports of two events in one country ("Pakistan's central bank
// holds interest rate", "Pakistan police arrest dozens after protests in Karachi") clear the join
// threshold on the country's names alone (Pakistan, Karachi). So a join whose evidence other than place names would not clear the
// threshold by itself must find a word of the article's headline, other than a place, in the story.
import { placeTerms } from './where.ts';

/**
 * Only joins below this multiple of the threshold are checked: above it, even mostly on places, the two
 * texts share so much that they are one story in the sets we measure (GoogleNews T+S, whose stories are
 * broad: "France sends troops to the Central African Republic" and "France asks EU members for help in
 * the Central African Republic" are one; at 2 its NMI falls 0.002, at 1.5 by 0.001).
 */
const NARROW = 1.5;

/** What the check reads of a story: its centroid and its headline's term vector. */
export interface WhatView {
  readonly centroid: ReadonlyMap<string, number>;
  readonly titleVector: ReadonlyMap<string, number>;
}

/**
 * Does joining the article (term vector `vec`, headline vector `title`) to `story` at cosine `sim` rest on
 * place names, with nothing of what its headline says in the story? Headlines with words the
 * cross-language lexicon left untranslated (Arabic stems) are not compared: another language's headline
 * shares words with an English story only where the lexicon translates them.
 */
export function placesOnly(
  vec: ReadonlyMap<string, number>, title: ReadonlyMap<string, number>, story: WhatView, sim: number, threshold: number,
): boolean {
  if (sim >= NARROW * threshold || !title.size || !story.titleVector.size) return false;
  if (untranslated(title) || untranslated(story.titleVector)) return false;
  if (sim * (1 - placeShare(vec, story)) >= threshold) return false;
  const places = placeTerms(title);
  for (const t of title.keys()) if (!places.has(t) && story.centroid.has(t)) return false;
  return true;
}

/** The share of the article's dot product with the story's centroid that comes from place names. */
function placeShare(vec: ReadonlyMap<string, number>, story: WhatView): number {
  const places = placeTerms(vec);
  let all = 0, onPlaces = 0;
  vec.forEach((w, t) => {
    const x = story.centroid.get(t);
    if (x === undefined) return;
    all += w * x;
    if (places.has(t)) onPlaces += w * x;
  });
  return all ? onPlaces / all : 0;
}

/** English story terms are ASCII; a non-ASCII term is a word crossLingualText kept as its Arabic stem. */
function untranslated(v: ReadonlyMap<string, number>): boolean {
  for (const t of v.keys()) if (t.charCodeAt(0) > 0x7f) return true;
  return false;
}
