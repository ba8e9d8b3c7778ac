// Story terms: folded, lower-cased, stop-word-free, Porter-stemmed words of title and text.
// Text that arrives already stemmed (research sets) passes through nearly unchanged.
import { stemmer } from 'stemmer';
import { foldTypography, remembered, words } from '../normalize/index.ts';
import { aliasKey, gazetteer } from '../enrich/gazetteer.ts';
import { crossLingualText } from './evidence.ts';

const STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves said says say told according new would
could may might must shall one two three monday tuesday wednesday thursday friday saturday sunday today
yesterday week year years s t ll ve d m re`.split(/\s+/),
);

/**
 * A word's story term: its stem, or null for a word no story is about (a stop word, a letter, a number of one
 * or two digits). Both answers are kept per word: the tests and the stem cost one look-up a word, not three.
 */
const storyTerm = remembered((w: string): string | null =>
  w.length < 2 || STOP.has(w) || /^\d+$/.test(w) && w.length < 3 ? null : stemmer(w), 200_000);

/** "115,000" → "115000": a number is one term however its thousands are grouped (2034 and 2,034 alike). */
const GROUPED = /(\d),(?=\d{3}(?!\d))/g;

const ACRONYM = /\b(?:[A-Z]\.){2,4}|\b[A-Z]{2,4}\b/g;
let placeAcronyms: ReadonlyMap<string, string> | null = null;

/**
 * "US", "U.S." and "UK" spelt out as the places they name ("United States"): one term whichever way a
 * text writes them, and the one an Arabic text's الولايات المتحدة gives; "us" would also be the pronoun.
 */
function spellOutPlaceAcronyms(text: string): string {
  if (!placeAcronyms) {
    const g = gazetteer();
    placeAcronyms = new Map([...g.acronyms].flatMap((a) => {
      const place = g.places.get(aliasKey(a));
      return place ? [[a, place] as const] : [];
    }));
  }
  const names = placeAcronyms;
  return text.replace(ACRONYM, (m) => names.get(m.replace(/\./g, '')) ?? m);
}

/** The term sequence of a text for story vectors. */
export function storyTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(foldTypography(spellOutPlaceAcronyms(crossLingualText(text))).replace(GROUPED, '$1'))) {
    const term = storyTerm(w);
    if (term !== null) out.push(term);
  }
  return out;
}

/**
 * The text's heaviest words as written (lower-cased, not stemmed), for a full-text search query:
 * weight = occurrences × `idf` of the word's stem.
 */
export function keywords(text: string, n: number, idf: (stem: string) => number): string[] {
  const count = new Map<string, number>();
  for (const w of words(foldTypography(text))) {
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) continue;
    count.set(w, (count.get(w) ?? 0) + 1);
  }
  return [...count]
    // Every word kept here is a story term (three letters or more, no stop word, no number): its stem.
    .map(([w, c]) => [w, c * Math.max(idf(storyTerm(w)!), 0.05)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([w]) => w);
}
