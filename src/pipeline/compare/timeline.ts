// What changed in a story, in time order: the first report, each new account, each republication, and what a version
// brought that no earlier one had — a fact, a direct quote, a number that disagrees with the one
// reported before, an update paragraph — with the outlet and the time it first appeared.
import type { DigestFact, Development, Difference, VersionDigest } from '../../domain/analysis.ts';
import type { ArticleId, IsoTime, VersionId } from '../../domain/types.ts';
import { disagreements, factText } from './accounts.ts';
import { phraseKey, wordsOf } from './text.ts';

export interface TimelineVersion {
  id: VersionId;
  articleId: ArticleId;
  outlet: string;
  title: string;
  at: number;
  /** The article's original version (its first publication), else a copy or an update. */
  isOriginal: boolean;
  /** The outlet whose text this version carries. */
  originalOutlet: string;
  digest: VersionDigest;
  differences: Difference[];
}

/** New facts and quotes listed per version at most, and entries in all: a timeline, not an index. */
const PER_VERSION = 3;
const MAX_ENTRIES = 60;
const MIN_QUOTE_WORDS = 5;

const factKey = (f: DigestFact) => `${f.kind}|${f.unit ?? ''}|${f.value}`;

export function timelineOf(versions: TimelineVersion[]): Development[] {
  const ordered = [...versions].sort((a, b) => a.at - b.at || a.id - b.id);
  const out: Development[] = [];
  const facts = new Map<string, DigestFact>();
  const quotes = new Set<string>();
  const changes = new Set<string>();
  ordered.forEach((v, i) => {
    const at: IsoTime = new Date(v.at).toISOString();
    const base = { at, outlet: v.outlet, articleId: v.articleId };
    if (i === 0) out.push({ kind: 'first-report', ...base, title: v.title });
    else {
      if (v.isOriginal && !ordered.slice(0, i).some((x) => x.articleId === v.articleId)) out.push({ kind: 'new-account', ...base, title: v.title });
      else if (v.outlet !== v.originalOutlet) out.push({ kind: 'republished', ...base, from: v.originalOutlet });
      for (const d of v.differences) if (d.kind === 'adds-update') out.push({ kind: 'update', ...base, text: d.first });
      const changed = disagreements([...facts.values()], v.digest.facts);
      for (const change of changed) {
        const k = `${change.unit}|${change.from}|${change.to}`;
        if (changes.has(k)) continue;
        changes.add(k);
        out.push({ kind: 'number-changed', ...base, change });
      }
      // A number that changed is listed as the change, not again as a new fact.
      const newFacts = v.digest.facts.filter((f) => (f.kind === 'date' || f.unit) && !facts.has(factKey(f)) && !changed.some((c) => c.to === f.text));
      for (const f of dedupe(newFacts.map(factText)).slice(0, PER_VERSION)) out.push({ kind: 'fact', ...base, text: f });
      const newQuotes = v.digest.quotes.filter((q) => q.direct && wordsOf(q.text).length >= MIN_QUOTE_WORDS && !quotes.has(phraseKey(q.text)));
      for (const q of newQuotes.slice(0, PER_VERSION)) out.push({ kind: 'quote', ...base, text: q.text, speaker: q.speaker });
    }
    for (const f of v.digest.facts) if (!facts.has(factKey(f))) facts.set(factKey(f), f);
    for (const q of v.digest.quotes) quotes.add(phraseKey(q.text));
  });
  return out.slice(0, MAX_ENTRIES);
}

const dedupe = (xs: string[]) => [...new Set(xs)];
