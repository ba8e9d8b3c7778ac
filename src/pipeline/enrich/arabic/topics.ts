// Topics of an Arabic article for hashtags: definite noun phrases (a definite noun and its definite
// adjectives, "الضغط الأقصى", "الفصائل المسلحة") that recur, counted by their words' light stems so that
// "والعقوبات" and "العقوبات" are one topic. Arabic has no capitals and verbs never take the article,
// so the article is what marks a noun here, as capitals mark names in English.
import type { Span } from '../../normalize/index.ts';
import type { Keyphrase } from '../keyphrases.ts';
import { arabicTokens, isFunctionWord, type ArabicToken } from './words.ts';
import { DEFINITE } from './gazetteer.ts';

const definite = (t: ArabicToken) => DEFINITE.test(t.norm) && t.stem.length >= 3 && !isFunctionWord(t);

export function arabicTopics(folded: string, sentences: Span[], limit = 20): Keyphrase[] {
  const found = new Map<string, Keyphrase & { forms: Map<string, number> }>();
  for (const s of sentences) {
    const toks = arabicTokens(folded, s.start, s.end);
    for (let i = 0; i < toks.length; i++) {
      if (!definite(toks[i]!)) continue;
      let j = i;
      while (j + 1 < toks.length && j - i < 2 && /^ +$/.test(toks[j + 1]!.gap) && definite(toks[j + 1]!) && !/^[وف]/.test(toks[j + 1]!.norm)) j++;
      // The whole run and its head noun alone are both candidates.
      for (const end of j > i ? [j, i] : [i]) {
        const run = toks.slice(i, end + 1);
        const stem = run.map((t) => t.stem).join(' ');
        let k = found.get(stem);
        if (!k) found.set(stem, (k = { phrase: '', stem, score: 0, count: 0, first: run[0]!.start, forms: new Map() }));
        k.count++;
        const form = run.map((t) => hashtagWord(t.text)).join(' ');
        k.forms.set(form, (k.forms.get(form) ?? 0) + 1);
      }
      i = j;
    }
  }
  return [...found.values()]
    .map(({ forms, ...k }) => ({ ...k, phrase: [...forms].sort((a, b) => b[1] - a[1])[0]![0], score: k.count * (1 + 0.5 * (k.stem.split(' ').length - 1)) }))
    .sort((a, b) => b.score - a.score || a.first - b.first)
    // A head noun and the phrase it heads ("إطار", "إطار تنسيقي") are one topic: the higher-ranked stays.
    .filter((k, i, all) => !all.slice(0, i).some((x) => x.stem.startsWith(k.stem + ' ') || k.stem.startsWith(x.stem + ' ')))
    .slice(0, limit);
}

/** A word as a hashtag shows it: without its conjunction, preposition or article ("والعقوبات" → "عقوبات"). */
export function hashtagWord(word: string): string {
  const bare = word.replace(/[\u064B-\u065F\u0670\u0640]/g, '');
  const m = /^(?:[وف]?[بكل]?ال|[وف]?لل|[وف]ال)(?=[\u0621-\u064A]{3})/.exec(bare);
  if (m) return bare.slice(m[0].length);
  return bare;
}
