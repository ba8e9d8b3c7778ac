// A version's digest: what comparisons need of one outlet's copy, taken at ingest from the enrichment
// computed for it anyway (facts, quotes) and from extract (the furniture it separated from the text).
import type { VersionDigest } from '../../domain/analysis.ts';
import type { Enrichment, ExtractedPage } from '../../domain/types.ts';

/** Furniture lines kept per version: enough to name them, never a page's worth. */
const MAX_FURNITURE = 8;

export function versionDigest(e: Pick<Enrichment, 'facts' | 'quotes'>, page?: Pick<ExtractedPage, 'furniture' | 'related'>): VersionDigest {
  const furniture = [...(page?.furniture ?? [])];
  // A related-articles block whose heading was not a line of its own still counts as furniture.
  if (page?.related.length && !furniture.some((f) => /related|more|read/i.test(f))) furniture.push(`Related Articles (${page.related.length})`);
  return {
    facts: e.facts.map((f) => ({ kind: f.kind, text: f.text, value: f.value, unit: f.unit, about: f.about })),
    quotes: e.quotes.map((q) => ({ speaker: q.speaker, text: q.text, direct: q.direct })),
    furniture: furniture.map((f) => f.replace(/[\s:.…]+$/, '')).filter(Boolean).slice(0, MAX_FURNITURE),
  };
}
