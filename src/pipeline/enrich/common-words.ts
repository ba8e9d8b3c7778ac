// Words that make no hashtag and no name on their own: the lower-case words of news text (GMB and BBC
// News, data/common-words.txt.gz, rebuilt by scripts/build-common-words.ts) and the stop words of every
// language the `stopword` package lists (so "de", "aqui" or "die" never become #De, #Aqui or #Die).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { stemmer } from 'stemmer';
import * as stopword from 'stopword';

let common: ReadonlySet<string> | null = null;

/** Lower-case words that English news writes in lower case. */
export function commonWords(): ReadonlySet<string> {
  if (common) return common;
  const text = gunzipSync(readFileSync(new URL('./data/common-words.txt.gz', import.meta.url))).toString('utf8');
  common = new Set(text.split('\n').filter((l) => l && !l.startsWith('#')));
  return common;
}

let anyStop: ReadonlySet<string> | null = null;

/** Is this word a stop word in any language the `stopword` package knows? */
export function isStopwordOfAnyLanguage(word: string): boolean {
  if (!anyStop) {
    const all = new Set<string>();
    for (const list of Object.values(stopword)) if (Array.isArray(list)) for (const w of list) all.add(String(w).toLowerCase());
    anyStop = all;
  }
  return anyStop.has(word.toLowerCase());
}

let commonStems: ReadonlySet<string> | null = null;

/** Is this lower-case word, or another form of it ("tickets", "ticketing"), a common word? */
export function isCommonWordForm(lw: string): boolean {
  return commonWords().has(lw) || isCommonStem(stemmer(lw));
}

/** Is this Porter stem ("ticket") the stem of a common word? */
export function isCommonStem(stem: string): boolean {
  commonStems ??= new Set([...commonWords()].map((w) => stemmer(w)));
  return commonStems.has(stem);
}

let dictionaryStems: ReadonlySet<string> | null = null;

/**
 * Is this lower-case word, or another form of it, in a general English dictionary as a lower-case word
 * (SCOWL's, data/dictionary-stems.txt.gz, rebuilt by scripts/build-dictionary-stems.ts)? Wider than the
 * news words above ("artworks", "rabbit", "miscarriage"); a word the dictionary lists only with a capital
 * (a name: "Nissan") is not in it.
 */
export function isDictionaryWordForm(lw: string): boolean {
  if (!dictionaryStems) {
    const text = gunzipSync(readFileSync(new URL('./data/dictionary-stems.txt.gz', import.meta.url))).toString('utf8');
    dictionaryStems = new Set(text.split('\n').filter((l) => l && !l.startsWith('#')));
  }
  return dictionaryStems.has(stemmer(lw));
}
