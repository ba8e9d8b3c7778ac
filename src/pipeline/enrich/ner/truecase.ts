// Shouted words back in ordinary case before tagging. Wire copy writes headlines and datelines in
// capitals ("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT", "BRUSSELS 1996-08-22",
// "KYIV, Ukraine (AP) —"), and capitals are a cased tagger's strongest clue to a name: shouted, every
// word looks like an acronym and "IN" becomes an organisation. The tagger sees the recased words; the
// mentions keep the text as written. (Statistical truecasers need a large cased corpus; the gazetteers,
// the tagger's lower-case vocabulary and what it learned of each word class decide well enough.)
import type { Gazetteer } from '../gazetteer.ts';
import { classesOf } from './features.ts';
import type { Perceptron } from './perceptron.ts';

/** Two or more letters, none lower case, no dots ("U.S." is written that way on purpose). */
const SHOUTED = /^(?=(?:[^\p{L}]*\p{L}){2})[^\p{Ll}.]+$/u;
/** Any word with a capital and no lower-case letter ("A", "I'M", "U.S."): part of a shouted stretch. */
const CAPITALS = /^(?=[^\p{L}]*\p{Lu})[^\p{Ll}]+$/u;
const LETTER = /\p{L}/u;
const CALENDAR = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)$/;
/** Small words inside multi-word names ("BANK OF ENGLAND"). */
const JOINER = /^(?:of|the|and|for|on|de|al|&)$/;
/** Outside a shouted sentence, a capitalised word this long is a dateline or a byline, not an acronym. */
const LONG = 5;

export function isShouted(w: string): boolean {
  return SHOUTED.test(w);
}

/**
 * Which words stand in a shouted stretch: three or more shouted words in a row (punctuation between
 * them allowed), as a headline is, even one run into the sentence after it for want of a full stop.
 * A few acronyms in a sentence ("NATO and EU officials") are not one.
 */
export function shoutedRuns(words: readonly string[]): boolean[] {
  const out = words.map(() => false);
  for (let i = 0; i < words.length;) {
    if (!CAPITALS.test(words[i]!)) { i++; continue; }
    // A run: words in capitals, and the punctuation between them.
    let j = i;
    let shouted = 0;
    while (j < words.length && (CAPITALS.test(words[j]!) || !LETTER.test(words[j]!))) { if (isShouted(words[j]!)) shouted++; j++; }
    if (shouted >= 3) out.fill(true, i, j);
    i = j;
  }
  return out;
}

const SUFFIX = /(?:ing|ed|es|s|ly|er|ers|ment|ments|ness)$/;

/**
 * Is this (lower-case) word a common word rather than a name? Either the training text writes it in
 * lower case, or an inflection of a word it does ("revealed" from "reveal"), or the tagger learned that
 * words of its class are not entities (verbs, adjectives it never saw: "perceive", "tweeted").
 */
function isCommonWord(lw: string, model: Perceptron): boolean {
  const lower = model.lower;
  if (lower.has(lw)) return true;
  const m = SUFFIX.exec(lw);
  if (m && lw.length - m[0].length >= 3) {
    const stem = lw.slice(0, -m[0].length);
    if (lower.has(stem) || lower.has(stem + 'e') || (stem.at(-1) === stem.at(-2) && lower.has(stem.slice(0, -1)))) return true;
  }
  const c = classesOf(lw);
  if (!c) return false;
  // The fine class's weights: does the tagger score its words as no entity ('O', index 0) first?
  const w = model.weights.get('c=' + c[0]);
  return !!w && w.every((x, k) => k === 0 || x < w[0]!);
}

/** Length of the longest multi-word gazetteer name (2 to 5 words) starting at word `i`, or 0. */
function gazetteerNameAt(words: string[], i: number, gaz: Gazetteer): number {
  for (let n = Math.min(5, words.length - i); n >= 2; n--) {
    const key = words.slice(i, i + n).join(' ').toLowerCase().replace(/\./g, '');
    if (gaz.places.has(key) || gaz.orgs.has(key)) return n;
  }
  return 0;
}

function titleCase(w: string): string {
  // Each part of a hyphenated name keeps its capital ("AL-AIN" → "Al-Ain").
  return w.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/**
 * The case a shouted word takes in running text: a known acronym stays ("NATO", "UAE"); a known place
 * or organisation name is title-cased ("JAPAN", "TURKEY"); a common word is lowered ("WIN", "IN"); an
 * unknown long word is a name ("DOMBROVSKIS"); an unknown short one an acronym.
 */
function recase(w: string, model: Perceptron, gaz: Gazetteer): string {
  const lw = w.toLowerCase();
  if (gaz.acronyms.has(w)) {
    // A short acronym that is also a common word ("IS", the Islamic State; "WHO") is the word in a
    // shouted headline ("HE IS"), unless it names a place ("US").
    return w.length <= 3 && model.lower.has(lw) && !gaz.places.has(lw) ? lw : w;
  }
  if (gaz.places.has(lw) || gaz.orgs.has(lw) || CALENDAR.test(lw)) return titleCase(w);
  if (isCommonWord(lw, model)) return lw;
  const letters = w.replace(/[^\p{L}]/gu, '').length;
  return letters >= LONG ? titleCase(w) : w;
}

/**
 * The words as the tagger should see them: in a shouted sentence every word in capitals is recased,
 * and the first word capitalised as a sentence's first word is; elsewhere only long shouted words are
 * (the dateline "BRUSSELS", the surname "DOMBROVSKIS"). Returns `words` itself when nothing changes.
 */
export function truecaseWords(words: string[], model: Perceptron, gaz: Gazetteer): string[] {
  const runs = shoutedRuns(words);
  let out: string[] | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // A gazetteer name of several words is title-cased whole ("SOUTH DAKOTA", "BANK OF ENGLAND"), though
    // its words alone are common ones.
    const all = runs[i]!;
    const n = all ? gazetteerNameAt(words, i, gaz) : 0;
    if (n) {
      out ??= [...words];
      for (let k = i; k < i + n; k++) out[k] = JOINER.test(words[k]!.toLowerCase()) && k > i ? words[k]!.toLowerCase() : titleCase(words[k]!);
      i += n - 1;
      continue;
    }
    // Dotted abbreviations ("U.S.", "GOV.") are written so in ordinary text too.
    if (all ? !CAPITALS.test(w) || w.includes('.') : !isShouted(w) || gaz.acronyms.has(w) || w.replace(/[^\p{L}]/gu, '').length < LONG) continue;
    let r = recase(w, model, gaz);
    if (i === 0 && all) r = r.charAt(0).toUpperCase() + r.slice(1);
    if (r === w) continue;
    out ??= [...words];
    out[i] = r;
  }
  return out ?? words;
}
