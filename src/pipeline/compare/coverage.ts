// Who covered a story: each article's original (the first outlet to publish its text) and the outlets
// that republished it, grouped by country, language and kind from the outlet registry; who was first.
import type { Coverage, CoverageOutlet, Outlet } from '../../domain/analysis.ts';
import type { ArticleId, IsoTime, VersionId } from '../../domain/types.ts';

export interface CoverageVersion {
  id: VersionId;
  outlet: string;
  language: string | null;
  /** Published, else fetched (ms since epoch). */
  at: number;
}

export interface CoverageArticle {
  id: ArticleId;
  canonicalVersionId: VersionId | null;
  versions: CoverageVersion[];
}

/** The version whose text the others copy: the first published; on a tie, the canonical one. */
export function originalOf<V extends CoverageVersion>(a: { canonicalVersionId: VersionId | null; versions: V[] }): V {
  return a.versions.reduce((best, v) =>
    v.at < best.at || (v.at === best.at && v.id === a.canonicalVersionId && best.id !== a.canonicalVersionId) ? v : best);
}

/** A later version from the original's own outlet is that outlet's text, updated; any other outlet's is a copy. */
export function roleOf(v: CoverageVersion, original: CoverageVersion): 'original' | 'copy' {
  return v.outlet === original.outlet ? 'original' : 'copy';
}

const iso = (ms: number): IsoTime => new Date(ms).toISOString();

export function coverageOf(articles: CoverageArticle[], outlets: ReadonlyMap<string, Outlet>): Coverage {
  const by = new Map<string, CoverageOutlet & { languages: Map<string, number> }>();
  let first: Coverage['first'] = null;
  for (const a of articles) {
    if (!a.versions.length) continue;
    const original = originalOf(a);
    for (const v of a.versions) {
      const o = by.get(v.outlet) ?? {
        name: v.outlet, country: null, language: null, seenLanguage: null, kind: null, firstAt: iso(v.at), own: 0, copies: 0, copiedFrom: [] as string[], languages: new Map<string, number>(),
      };
      by.set(v.outlet, o);
      if (v.at < Date.parse(o.firstAt)) o.firstAt = iso(v.at);
      if (v.language) o.languages.set(v.language, (o.languages.get(v.language) ?? 0) + 1);
      if (v === original) o.own++;
      else if (roleOf(v, original) === 'copy') {
        o.copies++;
        if (!o.copiedFrom.includes(original.outlet)) o.copiedFrom.push(original.outlet);
      }
      if (!first || v.at < Date.parse(first.at) || (v.at === Date.parse(first.at) && v === original)) {
        first = { outlet: v.outlet, at: iso(v.at), articleId: a.id, versionId: v.id };
      }
    }
  }
  const list: CoverageOutlet[] = [...by.values()]
    .map(({ languages, ...o }) => ({ ...o, seenLanguage: [...languages].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null }))
    .sort((x, y) => x.firstAt.localeCompare(y.firstAt) || x.name.localeCompare(y.name));
  return withRegistry({ outlets: list, byCountry: [], byLanguage: [], byKind: [], first }, outlets);
}

/**
 * The coverage with each outlet's country, language and kind from the registry, grouped. Applied at
 * ingest, and again when the registry changed since (an admin's edit shows at once on the story page).
 */
export function withRegistry(c: Coverage, outlets: ReadonlyMap<string, Outlet>): Coverage {
  const list = c.outlets.map((o) => {
    const r = outlets.get(o.name);
    return { ...o, country: r?.country ?? null, language: r?.language ?? o.seenLanguage, kind: r?.kind ?? null };
  });
  const group = (key: (o: CoverageOutlet) => string | null): [string, string[]][] => {
    const g = new Map<string, string[]>();
    for (const o of list) {
      const k = key(o) ?? 'unknown';
      g.set(k, [...(g.get(k) ?? []), o.name]);
    }
    return [...g].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]));
  };
  return {
    outlets: list,
    byCountry: group((o) => o.country),
    byLanguage: group((o) => o.language),
    byKind: group((o) => o.kind),
    first: c.first,
  };
}
