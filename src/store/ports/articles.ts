import type {
  Article, ArticleId, Enrichment, FeedId, IsoTime, Item, Story, StoryId, Version, VersionId,
} from '../../domain/types.ts';
import type { ArticleSummary, Fingerprint, FingerprintLogPage, LogSeen, NewVersion, StoryLogPage, StoryStamp, StoryState, StoryWindowStart } from '../../domain/pipeline.ts';
import type { PlacementLookup, PlacementLookupQuery, StoryPlacement, TermBatch } from '../../domain/placement.ts';

// The pipeline's own types live in the domain (stages never import the store); the store speaks them.
export type {
  ArticleSummary, Fingerprint, FingerprintLogPage, LoggedFingerprint, LoggedStory, LogSeen, NewVersion, StoryLogPage, StoryStamp, StoryState, StoryWindowStart, TermStory,
} from '../../domain/pipeline.ts';
export { STORIES_PER_TERM } from '../../domain/pipeline.ts';

export interface ArticleWithVersions {
  article: Article;
  versions: Version[];
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null at the end. */
  next: string | null;
}

export interface ArticleRepo {
  /** Whether this feed already delivered this item (by guid, else url): ingest skips it. */
  hasItem(feedId: FeedId, key: string): Promise<boolean>;
  recordItem(feedId: FeedId, key: string, item: Item, versionId: VersionId | null): Promise<void>;
  findVersionByUrl(url: string): Promise<Version | null>;
  findVersionByHash(contentHash: string): Promise<Version | null>;

  /** A new article with its first version; sets it canonical. */
  createArticle(v: NewVersion, fp: Fingerprint | null): Promise<{ article: Article; version: Version }>;
  /** A further version of an existing article; when `makeCanonical`, the article takes its text. */
  addVersion(articleId: ArticleId, v: NewVersion, makeCanonical: boolean, fp: Fingerprint | null): Promise<Version>;
  /** The canonical fingerprints written since `cursor` (see PlacementStore.fingerprintsSince). */
  fingerprintsSince(cursor: number | null, newest: number, seen?: LogSeen): Promise<FingerprintLogPage>;
  /** findVersionByHash, findVersionByUrl, termDocs and fingerprintsSince at once (see PlacementStore). */
  placementLookup(q: PlacementLookupQuery): Promise<PlacementLookup>;

  getArticle(id: ArticleId): Promise<ArticleWithVersions | null>;
  /** Several articles with their versions, in the order of `ids` (those that exist): a story's worth in one read. */
  getArticles(ids: ArticleId[]): Promise<ArticleWithVersions[]>;
  latestArticles(opts: { limit: number; cursor?: string | null; outlet?: string; hashtag?: string }): Promise<Page<ArticleSummary>>;
  countArticles(): Promise<number>;

  saveEnrichment(articleId: ArticleId, e: Enrichment): Promise<void>;
  getEnrichment(articleId: ArticleId): Promise<Enrichment | null>;
  /** The stored enrichments of several articles, by article (absent: none stored). */
  getEnrichments(articleIds: ArticleId[]): Promise<Map<ArticleId, Enrichment>>;
  /**
   * Hashtags of articles first seen since `since`, ranked by the distinct stories that carry them, then by their
   * distinct outlets (one outlet's ten articles on one story weigh less than three outlets' coverage), then articles.
   * Stories first, so the count a page shows beside each tag (its stories) never rises down the list.
   */
  trendingHashtags(since: IsoTime, limit: number): Promise<TrendingHashtag[]>;
}

export interface TrendingHashtag {
  hashtag: string;
  /** Articles carrying the hashtag in the window. */
  count: number;
  /** Distinct stories among them (an article in no story counts as its own). */
  stories: number;
  outlets: number;
}

/** Document frequencies of terms over the stored articles (for IDF), shared by every process on the store. */
export interface TermStatsRepo {
  /** Adds a batch of counted articles: `docs` more articles, `counts` more holding each term. */
  addTermDocs(batch: TermBatch): Promise<void>;
  /** How many articles were counted, and how many of them contain each of `terms` (absent: none). */
  termDocs(terms: string[]): Promise<{ docs: number; counts: Map<string, number> }>;
}

export interface StoryRepo {
  createStory(title: string, at: IsoTime): Promise<Story>;
  assignStory(articleId: ArticleId, storyId: StoryId): Promise<void>;
  /** Moves every article of `from` into `into` and deletes `from`. */
  mergeStories(into: StoryId, from: StoryId): Promise<void>;
  /**
   * A new headline, and/or an article of the story seen at `seen`: the story's span widens to take it in
   * (first seen never moves later, updated never moves earlier, whatever order articles arrive in).
   */
  updateStory(id: StoryId, patch: { title?: string; seen?: IsoTime }): Promise<void>;
  saveStoryState(s: StoryState): Promise<void>;
  /** assignStory, updateStory and saveStoryState at once (see PlacementStore). */
  saveStoryPlacement(p: StoryPlacement & { story: StoryId }): Promise<void>;
  /**
   * Stories active since `since` that share any of `terms`, most shared first; each term contributes at
   * most its STORIES_PER_TERM most recently active stories, so the cost is bounded by the terms asked.
   */
  findStoriesByTerms(terms: string[], since: IsoTime, limit: number): Promise<StoryState[]>;
  /** findStoriesByTerms's stories, in its order, as their stamps alone (no centroid read). */
  findStoryStamps(terms: string[], since: IsoTime, limit: number): Promise<StoryStamp[]>;
  /** The story log after `cursor` (see PlacementStore.storiesSince). */
  storiesSince(cursor: number, seen?: LogSeen): Promise<StoryLogPage>;
  /** Where a process's story window starts (see PlacementStore.storyWindowStart). */
  storyWindowStart(horizonMs: number, notAfter: IsoTime): Promise<StoryWindowStart>;
  /** Writes the story log into story_terms (see PlacementStore.foldStoryLog). */
  foldStoryLog(now?: boolean): Promise<void>;
  /** The stored states of these stories (those that still exist). */
  getStoryStates(ids: StoryId[]): Promise<StoryState[]>;
  /** The stamps of these stories (those that still exist), by id. */
  getStoryStamps(ids: StoryId[]): Promise<StoryStamp[]>;
  getStory(id: StoryId): Promise<{ story: Story; articles: ArticleSummary[] } | null>;
  topStories(opts: { limit: number; since?: IsoTime }): Promise<Story[]>;
}

export interface SearchHit extends ArticleSummary {
  /** Snippet with matches wrapped in <mark>…</mark>, the rest HTML-escaped. */
  highlight: string;
  rank: number;
}

/**
 * Both backends rank only a query's newest SEARCH_RANK_WINDOW matches: ranking reads every match it orders
 * (a broad query over the last 30 days' 40,000 articles took ~1 s in SQLite), and newest first is what a
 * news reader wants from a broad query anyway. A query with fewer matches ranks them all.
 */
export const SEARCH_RANK_WINDOW = 1000;
/** Counting stops here; beyond it the total is reported as a lower bound. */
export const SEARCH_COUNT_CAP = 10_000;

export interface SearchResult {
  total: number;
  /** Set when counting stopped early (very broad queries): there are at least `total` matches. */
  totalIsLowerBound?: boolean;
  hits: SearchHit[];
}

export interface SearchOptions {
  limit: number;
  offset?: number;
  outlet?: string;
  hashtag?: string;
  from?: IsoTime;
  to?: IsoTime;
  /** Rank only this many of the newest matches (default SEARCH_RANK_WINDOW): candidates, not a result page. */
  rankWindow?: number;
  /** False: no total beyond the ranked window (`total` is then how many were ranked). */
  countTotal?: boolean;
  /** False: no highlighted snippets (`highlight` is empty); a snippet re-reads the article's text. */
  highlight?: boolean;
}

export interface SearchRepo {
  search(q: string, opts: SearchOptions): Promise<SearchResult>;
}
