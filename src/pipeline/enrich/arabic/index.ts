// The Arabic side of enrich: what enrichDocument switches to when the article is in Arabic.
import type { Entity } from '../../../domain/types.ts';
import { stemArabic } from '../../normalize/arabic.ts';
import type { Keyphrase } from '../keyphrases.ts';
import type { RawMention } from '../ner/index.ts';
import type { ArabicMention } from './names.ts';

export { findArabicNames, type ArabicMention } from './names.ts';
export { arabicNumbers, arabicDates, arabicCountedPhrase } from './facts.ts';
export { arabicSpeakers } from './quotes.ts';
export { arabicTopics, hashtagWord } from './topics.ts';
export { arabicGazetteer, demonymPlace } from './gazetteer.ts';

/** Canonical names: the Arabic rules' own for names, the text for numbers and dates. */
export function arabicCanonicals(all: (RawMention | ArabicMention)[]): string[] {
  return all.map((m) => ('canonical' in m ? m.canonical : m.text));
}

/**
 * Roles found with the names (title phrases, appositions) for people the English rules left without, and
 * places' ids across languages (العراق → Iraq), so that a story can count one place in two languages once.
 */
export function addArabicRoles(entities: Entity[], names: ArabicMention[]): void {
  for (const e of entities) {
    if (e.type === 'LOC') {
      const id = names.find((m) => m.type === 'LOC' && m.canonical === e.canonical && m.id)?.id;
      if (id) e.id = id;
    }
    if (e.type !== 'PER' || e.role) continue;
    e.role = names.find((m) => m.type === 'PER' && m.canonical === e.canonical && m.role)?.role ?? null;
  }
}

/** Topics that are not the names already tagged ("عراق" beside the place العراق). */
export function topicsBesideNames(topics: Keyphrase[], entities: Entity[]): Keyphrase[] {
  const names = new Set(entities.flatMap((e) => e.canonical.split(/\s+/).map(stemArabic)));
  return topics.filter((k) => !k.stem.split(' ').some((w) => names.has(w)));
}
