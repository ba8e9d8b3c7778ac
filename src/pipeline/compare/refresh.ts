// refreshStory: the one place story intelligence meets the store. Ingest marks a story changed in the
// article's transaction (markStoryChanged); afterwards, outside the write lock, this reads the story's
// stored versions, digests, enrichments and outlets, runs the pure analysis and stores it. A story
// whose refresh failed or was interrupted stays due (dueStories) and is refreshed on a later poll.
import type { VersionDigest } from '../../domain/analysis.ts';
import type { Article, Enrichment, ExtractedPage, Source, StoryId, Version, VersionId } from '../../domain/types.ts';
import type { ArticleSummary, ArticleWithVersions, Repository } from '../../store/repository.ts';
import { enrich } from '../enrich/index.ts';
import { outletSighting } from '../sources/outlet.ts';
import { analyseStory, type StoryArticleInput } from './analyse.ts';
import { versionDigest } from './digest.ts';

export interface PlacedVersion {
  article: Pick<Article, 'id'>;
  version: Pick<Version, 'id' | 'outlet' | 'url' | 'fetchedAt'>;
  /** A version stored before: only it may already have its digest (a new one cannot). */
  isRepeat: boolean;
  storyId: StoryId | null;
}

/**
 * In the article's transaction, after placement: the outlet is noted in the registry, the version's digest
 * is kept, and its story is marked changed (so refreshStory analyses it again). A version stored before
 * (the same copy fetched again) changes nothing.
 */
export async function noteVersion(
  tx: Repository, placed: PlacedVersion, from: { enrichment: Pick<Enrichment, 'facts' | 'quotes'>; page: Pick<ExtractedPage, 'language' | 'related' | 'furniture'>; source: Pick<Source, 'homeUrl' | 'country' | 'language'> | null },
): Promise<void> {
  if (placed.isRepeat && (await tx.getVersionDigests([placed.version.id])).size) return;
  await tx.noteOutlet(outletSighting({ name: placed.version.outlet, source: from.source, url: placed.version.url, page: from.page, at: placed.version.fetchedAt }));
  await tx.saveVersionDigest(placed.version.id, placed.article.id, placed.version.outlet, versionDigest(from.enrichment, from.page));
  if (placed.storyId !== null) await tx.markStoryChanged(placed.storyId);
}

/** Articles read per analysis: a very large story is analysed from its first reports and its latest ones. */
export const MAX_STORY_ARTICLES = 40;
const FIRST_ARTICLES = 10;

/** Which articles of a story are read: all up to MAX_STORY_ARTICLES, else the earliest and the latest. */
export function articlesToRead(articles: ArticleSummary[]): ArticleSummary[] {
  if (articles.length <= MAX_STORY_ARTICLES) return articles;
  const when = (a: ArticleSummary) => a.published ?? a.firstSeen;
  const byTime = [...articles].sort((a, b) => when(a).localeCompare(when(b)) || a.id - b.id);
  return [...byTime.slice(0, FIRST_ARTICLES), ...byTime.slice(-(MAX_STORY_ARTICLES - FIRST_ARTICLES))];
}

/**
 * Analyses one story from the store and stores the result. False when nothing was stored: the story is
 * gone, its analysis is current (unless `force`), or a later analysis was stored meanwhile.
 */
export async function refreshStory(repo: Repository, storyId: StoryId, now: Date = new Date(), force = false): Promise<boolean> {
  const rev = await repo.storyRevision(storyId);
  if (rev && rev.analysed >= rev.revision && !force) return false;
  const revision = rev?.revision ?? 0;
  const found = await repo.getStory(storyId);
  if (!found) return false;
  const full = await repo.getArticles(articlesToRead(found.articles).map((a) => a.id));
  const enrichments = await repo.getEnrichments(full.map((f) => f.article.id));
  const digests = await repo.getVersionDigests(full.flatMap((f) => f.versions.map((v) => v.id)));
  await digestMissing(repo, full, digests);
  const names = [...new Set(full.flatMap((f) => f.versions.map((v) => v.outlet)))];
  const outlets = new Map((await repo.getOutlets(names)).map((o) => [o.name, o]));
  const articles: StoryArticleInput[] = full.map((f) => {
    const e = enrichments.get(f.article.id) ?? null;
    return {
      id: f.article.id, title: f.article.title, text: f.article.text, language: f.article.language, canonicalVersionId: f.article.canonicalVersionId,
      hashtags: e?.hashtags ?? null,
      facts: e ? versionDigest(e).facts : null,
      quotes: e ? versionDigest(e).quotes : null,
      entities: e?.entities ?? [],
      versions: f.versions.map((v) => ({
        id: v.id, outlet: v.outlet, url: v.url, title: v.title, text: v.text, language: v.language, published: v.published, fetchedAt: v.fetchedAt,
        digest: digests.get(v.id)!,
      })),
    };
  });
  const result = analyseStory({ storyId, articles, articleCount: found.articles.length, outlets, now: now.toISOString() });
  return repo.saveStoryAnalysis({ storyId, revision, analysis: result.analysis, stats: result.stats, roles: result.roles });
}

/** Versions stored before digests were kept: digested from their text now, once. */
async function digestMissing(repo: Repository, full: ArticleWithVersions[], digests: Map<VersionId, VersionDigest>): Promise<void> {
  for (const f of full) {
    for (const v of f.versions) {
      if (digests.has(v.id)) continue;
      const d = versionDigest(enrich({ title: v.title, text: v.text, published: v.published, language: v.language }));
      digests.set(v.id, d);
      await repo.saveVersionDigest(v.id, f.article.id, v.outlet, d);
    }
  }
}

/**
 * Refreshes the given stories (each once), then up to `backlog` more that are due (changed by a process
 * that stopped before refreshing them, or stored before analyses existed). Failures leave a story due.
 */
export async function refreshStories(repo: Repository, storyIds: Iterable<StoryId>, opts: { backlog?: number; now?: () => Date; onError?: (id: StoryId, e: unknown) => void } = {}): Promise<number> {
  const ids = new Set(storyIds);
  if (opts.backlog) for (const id of await repo.dueStories(opts.backlog)) ids.add(id);
  let n = 0;
  for (const id of ids) {
    try {
      if (await refreshStory(repo, id, opts.now?.() ?? new Date())) n++;
    } catch (e) {
      opts.onError?.(id, e);
    }
  }
  return n;
}
