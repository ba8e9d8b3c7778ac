// The ranked keyphrases held against the names of the article: pieces of a name dropped, people named as the article
// names them. Pure functions over the folded text and the entity mentions.
import type { EntityMention } from '../../domain/types.ts';
import type { Keyphrase } from './keyphrases.ts';
import { wholeWordAt } from './whole-word.ts';

interface Span { start: number; end: number }

/**
 * A phrase the text writes only inside a longer name ("Muriel" of "Dame Muriel Spark", "Agriculture Organisation" of
 * "Food and Agriculture Organisation", "University" of "Cardiff University") is a piece of that name, no topic of its
 * own: the name is the entity. A listed name with "of" counts as a name too ("Mary Queen" of "Mary Queen of Scots").
 * A phrase written nowhere as ranked (a headline's truecased word) stays.
 */
export function withoutNameParts<K extends { phrase: string }>(ranked: K[], folded: string, names: Span[], listed: Keyphrase[]): K[] {
  const all = [...names];
  for (const k of listed) if (k.ofName) for (const start of wholeWordAt(folded, k.phrase)) all.push({ start, end: start + k.phrase.length });
  if (!all.length) return ranked;
  return ranked.filter((k) => {
    let seen = false;
    for (const at of wholeWordAt(folded, k.phrase)) {
      seen = true;
      const end = at + k.phrase.length;
      if (!all.some((m) => m.start <= at && end <= m.end && m.end - m.start > end - at)) return true;
    }
    return !seen;
  });
}

const FORM_OF_ADDRESS = /^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?$/;
const ADDRESSED = /^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? (?=\p{Lu})/u;
/** Styles that are part of a name as written ("Sir Joshua Reynolds"). */
const STYLED = /^(?:Sir|Dame|Lord|Lady) /i;

/**
 * The keyphrases as people key news. A single letter ("S" of "Audi S") or a form of address alone ("Mrs") names
 * nothing. A person goes by the full name the article gives: "Ms Hewitt", "Hewitt" and "Patricia" are Patricia Hewitt,
 * and "Chancellor Gordon Brown" is Gordon Brown. People keying news write the name, not the form of address or the post
 * ("Sir" and "Dame" stay: they are part of the name as written). A title's "The" goes ("The History Boys"). A name
 * listed twice so is listed once, as first ranked. Chosen on the BBC set keyed as phrases; KPCrowd's crowd keys surnames
 * alone, and loses 0.6 F1@10 (docs/benchmarks.md, "Keyphrases, ninth pass").
 */
export function asKeyed(phrases: string[], mentions: EntityMention[]): string[] {
  const full = new Map<string, string>();
  const people = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PER') continue;
    const canonical = m.canonical.toLowerCase();
    if (canonical.includes(' ')) people.add(canonical);
    const text = m.text.toLowerCase();
    if (canonical.endsWith(` ${text}`) || canonical.startsWith(`${text} `)) full.set(text, m.canonical);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const phrase of phrases) {
    if (/^\p{L}$/u.test(phrase) || FORM_OF_ADDRESS.test(phrase)) continue;
    const bare = phrase.replace(ADDRESSED, '').replace(/^The (?=\S+ \S)/, '');
    const named = full.get(bare.toLowerCase()) ?? (bare === phrase && !STYLED.test(phrase) ? nameAfterPost(phrase, people) : bare);
    const key = named.toLowerCase().replace(STYLED, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(named);
  }
  return out;
}

/** "Actor Christian Slater": a post or description before a person's full name gives way to the name. */
function nameAfterPost(phrase: string, people: Set<string>): string {
  const words = phrase.split(' ');
  for (let i = 1; i < words.length - 1; i++) {
    const rest = words.slice(i).join(' ');
    if (people.has(rest.toLowerCase())) return rest;
  }
  return phrase;
}
