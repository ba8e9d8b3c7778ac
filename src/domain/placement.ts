// Placement: where a new outlet's copy goes — an exact repeat of a stored version, a further version of
// an article (a copy), or a new article placed in a story. The algorithm is written once (pipeline/stories
// placement.ts) against the PlacementIndex port below; an in-memory index serves the CLI, the bench, the
// evaluation scripts and tests, a store-backed one serves ingest. The types both sides speak live here.
import type { Article, ArticleId, IsoTime, Story, StoryId, Version } from './types.ts';
import type { Fingerprint, FingerprintLogPage, LogSeen, NewVersion, StoryLogPage, StoryStamp, StoryState, StoryWindowStart, TermStats } from './pipeline.ts';

/** A text's dedup fingerprint (see pipeline/dedup/fingerprint.ts for the method). */
export interface TextFingerprint {
  /** Distinct shingles in the text. */
  shingles: number;
  /** Ascending; the whole shingle set when it has fewer than SKETCH_SIZE members. */
  sketch: Uint32Array;
  /** Ascending anchor hashes (candidate-lookup keys). */
  anchors: Uint32Array;
}

export interface CopyCandidate<K> {
  key: K;
  fingerprint: TextFingerprint;
  published: number | null;
}

/** A story as placement weighs it: a centroid (sum of its articles' TF-IDF vectors) and its span. */
export interface StoryModel {
  id: number;
  centroid: Map<string, number>;
  norm: number;
  articles: number;
  /** Milliseconds since the epoch; null while the story holds only undated articles. */
  firstSeen: number | null;
  lastSeen: number | null;
}

export interface StoredStory extends StoryModel {
  /** The current story title's term vector, to judge whether a new headline represents it better. */
  titleVector: ReadonlyMap<string, number>;
  titleScore: number;
}

/** A story an index hands out: it may be shared between placements, so it is read, never written. */
export type SharedStory = Readonly<Omit<StoredStory, 'centroid'>> & { readonly centroid: ReadonlyMap<string, number> };

/** What placement needs to know of a stored version found by content hash or URL. */
export interface KnownVersion {
  articleId: ArticleId;
  outlet: string;
  contentHash: string;
}

/** An article's canonical text as the copy decision compares it. */
export interface CanonicalFacts {
  fingerprint: TextFingerprint;
  published: number | null;
}

/** Articles counted together: how many, and how many of them hold each term. */
export interface TermBatch {
  docs: number;
  counts: ReadonlyMap<string, number>;
}

/** IDF of a term over the documents an index has counted. */
export interface TermWeights {
  idf(term: string): number;
}

/**
 * The state placement reads and writes. Every method is one step of the algorithm; an index decides how
 * to keep it (typed arrays in memory, rows in the store). Calls for one placement run in one transaction
 * of the store-backed index.
 */
export interface PlacementIndex {
  /**
   * Optional: everything the placement of `q` may read first, asked for at once (the store-backed index
   * reads it in one call, one round trip on PostgreSQL); the calls below then answer from it.
   */
  prefetch?(q: PlacementQuery): Promise<void>;
  versionByHash(contentHash: string): Promise<KnownVersion | null>;
  versionByUrl(canonicalUrl: string): Promise<KnownVersion | null>;
  /** Up to `limit` articles whose canonical fingerprints share most anchors with `fp`. */
  copyCandidates(fp: TextFingerprint, limit: number): Promise<CopyCandidate<ArticleId>[]>;
  canonical(article: ArticleId): Promise<CanonicalFacts | null>;
  /** A new article with `v` as its first (canonical) version. */
  createArticle(v: NewVersion, fp: TextFingerprint): Promise<ArticleId>;
  /** A further version of an article; returns the article's story (after any merge), or null. */
  addVersion(article: ArticleId, v: NewVersion, makeCanonical: boolean, fp: TextFingerprint | null): Promise<number | null>;
  /** The story an existing version's article is in, or null: a repeat changes nothing. */
  storyOf(version: KnownVersion): Promise<number | null>;

  /** Counts one more document holding `terms` and returns weights current for them (this one included). */
  countTerms(terms: string[]): Promise<TermWeights>;
  /**
   * Stories that used any of `terms` (took an article with it) not before `since` (null: any time), the
   * storiesPerTerm most recent per term; most terms shared first, then most recently active; at most `limit`.
   */
  findStories(terms: string[], since: number | null, limit: number): Promise<SharedStory[]>;
  /**
   * Takes the stories this placement may change for itself (others placing at the same moment wait) and
   * returns their current state, which may differ from what findStories returned; null when the index is
   * never shared with a concurrent writer, so nothing can have changed.
   */
  claimStories(ids: number[]): Promise<SharedStory[] | null>;
  createStory(title: string, at: number | null): Promise<number>;
  assignStory(article: ArticleId, story: number): Promise<void>;
  /** The story's span takes in `at`; `title` replaces its headline when given. */
  touchStory(story: number, at: number | null, title?: string): Promise<void>;
  /** Moves every article of `from` into `into`, and the terms it is found by (each keeps its time); `from` is gone. */
  mergeStories(into: number, from: number): Promise<void>;
  /**
   * Stores the story, found from now on also by `terms` (the lookup terms of the article just placed),
   * stamped with its last article's time. A story is found by the lookup terms of all its articles: an
   * article's own words find the story it joined, where the centroid's top terms (an average) miss
   * stories whose articles word one event differently. A term's lookups read only the stories that used
   * it most recently inside the window, so what a story keeps does not cost lookups.
   */
  saveStory(s: StoredStory, terms: readonly string[]): Promise<void>;
}

/** What a placement looks up before it writes anything (PlacementIndex.prefetch). */
export interface PlacementQuery {
  contentHash: string;
  canonicalUrl: string | null;
  fingerprint: TextFingerprint;
  /** The terms whose document counts the story assignment weighs; null when there is none (dedup only). */
  terms: string[] | null;
}

/** What PlacementStore.placementLookup is asked. */
export interface PlacementLookupQuery {
  contentHash: string;
  url: string | null;
  terms: string[] | null;
  /** A fingerprint log cursor: the log is read from there too. */
  fingerprintsAfter: number | null;
  /** What the read that gave `fingerprintsAfter` saw (FingerprintLogPage.seen): those rows are not sent again. */
  fingerprintsSeen?: LogSeen;
  /** A story log cursor: the story log is read from there too. */
  storiesAfter: number | null;
  storiesSeen?: LogSeen;
}

/** The first reads of a placement in one call (PlacementStore.placementLookup). */
export interface PlacementLookup {
  byHash: Version | null;
  /** Null also when no URL was asked for. */
  byUrl: Version | null;
  /** Null when no terms were asked for. */
  termDocs: { docs: number; counts: Map<string, number> } | null;
  /** The fingerprint log from `fingerprintsAfter` (fingerprintsSince); null when no cursor was given. */
  fingerprints: FingerprintLogPage | null;
  /** The story log from `storiesAfter` (storiesSince); null when no cursor was given. */
  stories: StoryLogPage | null;
}

/** The writes that end a story assignment, in one call (PlacementStore.saveStoryPlacement). */
export interface StoryPlacement {
  /** The article assigned to the story, or null. */
  article: ArticleId | null;
  /** The story's span takes in `seen`; `title` replaces its headline when given (updateStory). */
  touch: { title?: string; seen?: IsoTime } | null;
  state: StoryState;
}

/**
 * The store's side of placement: the repository methods the store-backed PlacementIndex is an adapter
 * over (pipeline/stories/store-index.ts). Declared here so the pipeline never imports the store.
 */
export interface PlacementStore extends TermStats {
  /**
   * Runs `fn` in a transaction (nested in one in force) holding transaction-level locks on `keys` only,
   * taken in one sorted order, so placements that touch nothing in common run side by side. Retried when
   * the database breaks a deadlock between two of them. The locks may be taken with `fn`'s first statement
   * (PostgreSQL): they cover what `fn` reads and writes in the store.
   */
  withKeys<T>(keys: string[], fn: (tx: PlacementStore) => Promise<T>): Promise<T>;
  /** Inside withKeys: takes further keys. False when the transaction already excludes every other writer. */
  lockKeys(keys: string[]): Promise<boolean>;
  findVersionByUrl(url: string): Promise<Version | null>;
  findVersionByHash(contentHash: string): Promise<Version | null>;
  createArticle(v: NewVersion, fp: Fingerprint | null): Promise<{ article: Article; version: Version }>;
  addVersion(articleId: ArticleId, v: NewVersion, makeCanonical: boolean, fp: Fingerprint | null): Promise<Version>;
  /**
   * The canonical fingerprints written since `cursor` (oldest first), or with a null cursor the `newest`
   * most recent; rows already read may come again. The copy lookup runs over a process-local index kept
   * current from this log (pipeline/dedup/store-window.ts): a B-tree row per anchor cost a placement a
   * page write per anchor, scattered over the whole index.
   */
  fingerprintsSince(cursor: number | null, newest: number, seen?: LogSeen): Promise<FingerprintLogPage>;
  /**
   * The story log (one row per story save that touched terms, one per merge) after `cursor`, oldest first;
   * rows already read may come again. The story lookup runs over a process-local window kept current from
   * it (pipeline/stories/story-window.ts); story_terms is written from it in batches (foldStoryLog).
   */
  storiesSince(cursor: number, seen?: LogSeen): Promise<StoryLogPage>;
  /**
   * Where a story window starts: story_terms's rows of the stories active within `horizonMs` of the newest
   * story last seen no later than `notAfter` (with their states' stamps), and the log that story_terms does
   * not hold yet, read consistently.
   */
  storyWindowStart(horizonMs: number, notAfter: IsoTime): Promise<StoryWindowStart>;
  /**
   * Writes the story log's rows after the fold cursor into story_terms (rows of stories gone are skipped;
   * a row applied twice changes nothing) and moves the cursor; one process at a time. In a transaction, it
   * waits for its commit on PostgreSQL (so no placement holds the fold's lock), unless `now`: a lookup in
   * it that must see the whole log.
   */
  foldStoryLog(now?: boolean): Promise<void>;
  /**
   * findVersionByHash, findVersionByUrl (when `url` is given), termDocs (when `terms` are),
   * fingerprintsSince (when `fingerprintsAfter` is) and storiesSince (when `storiesAfter` is) at once:
   * one statement on PostgreSQL.
   */
  placementLookup(q: PlacementLookupQuery): Promise<PlacementLookup>;
  getArticle(id: ArticleId): Promise<{ article: Article; versions: Version[] } | null>;
  addTermDocs(batch: TermBatch): Promise<void>;
  createStory(title: string, at: IsoTime): Promise<Story>;
  assignStory(articleId: ArticleId, storyId: StoryId): Promise<void>;
  mergeStories(into: StoryId, from: StoryId): Promise<void>;
  updateStory(id: StoryId, patch: { title?: string; seen?: IsoTime }): Promise<void>;
  saveStoryState(s: StoryState): Promise<void>;
  /** assignStory (when `article` is given), updateStory (when `touch` is) and saveStoryState at once: one statement on PostgreSQL. */
  saveStoryPlacement(p: StoryPlacement & { story: StoryId }): Promise<void>;
  findStoriesByTerms(terms: string[], since: IsoTime, limit: number): Promise<StoryState[]>;
  /** findStoriesByTerms's stories, in its order, as their stamps alone (no centroid read). */
  findStoryStamps(terms: string[], since: IsoTime, limit: number): Promise<StoryStamp[]>;
  /** The stored states of these stories (those that still exist). */
  getStoryStates(ids: StoryId[]): Promise<StoryState[]>;
  /** The stamps of these stories (those that still exist), by id. */
  getStoryStamps(ids: StoryId[]): Promise<StoryStamp[]>;
}
