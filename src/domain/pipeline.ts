// The pipeline's own types: what a stage hands to the store and reads back from it. They live here, not
// in store/ports, so pipeline stages depend on the domain only; the store's ports speak these types.
import type { Article, ArticleId, FeedId, IsoTime, SourceId, StoryId } from './types.ts';

/** One outlet's copy as the pipeline hands it to the store. */
export interface NewVersion {
  sourceId: SourceId | null;
  feedId: FeedId | null;
  outlet: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  byline: string | null;
  text: string;
  html: string;
  lede: string | null;
  image: string | null;
  language: string | null;
  published: IsoTime | null;
  fetchedAt: IsoTime;
  /** Hash of the folded text: an exact repeat is recognised without the dedup stage. */
  contentHash: string;
}

/** What dedup keeps per article to find copies later: LSH band keys and an opaque signature. */
export interface Fingerprint {
  bands: string[];
  signature: Uint8Array;
}

/**
 * Stories findStoriesByTerms reads per term, most recently active first, inside the time window: a term
 * shared by more active stories says little about which one an article belongs to (the in-memory
 * clusterer's storiesPerTerm).
 */
export const STORIES_PER_TERM = 48;

/**
 * A canonical fingerprint as the store logged it (PlacementStore.fingerprintsSince). `seq` orders the log:
 * each write of an article's fingerprint takes a new one, so a row read again is known by (article, seq).
 */
export interface LoggedFingerprint {
  seq: number;
  articleId: ArticleId;
  bands: string[];
  signature: Uint8Array;
  published: IsoTime | null;
}

/**
 * PostgreSQL's log cursor is the oldest transaction still running when the log was read, so the rows
 * committed after that one and read already came again with the next read (one process over 1,337 items:
 * 4.3 fingerprint rows per placement, 3.4 of them read before). This is the read's snapshot
 * (pg_current_snapshot as text): passed back with the cursor, only the rows it did not see are sent (2.6
 * per placement, 1.6 read before: by a read still in flight when this one was sent). Null (or absent:
 * SQLite, whose cursor is exact) sends every row from the cursor.
 */
export type LogSeen = string | null;

/** What fingerprintsSince read, and the cursor to ask with next time. */
export interface FingerprintLogPage {
  rows: LoggedFingerprint[];
  cursor: number;
  /** What else the read saw besides the rows before `cursor` (see LogSeen); passed back with the cursor. */
  seen?: LogSeen;
  /**
   * Changes when rows this store handed out may have been rolled back since (SQLite's group commit lets a
   * transaction read rows of one before it in the group, and a failed COMMIT loses them all): a reader
   * then reads the log again from the start.
   */
  generation: number;
}

/**
 * A row of the story log (PlacementStore.storiesSince): a story save that touched terms, or a merge. `id`
 * orders the saves of one story (they are made one at a time, under the story's lock); `seq` is the log
 * position a reader's cursor counts (on SQLite the same number, on PostgreSQL the writing transaction).
 */
export interface LoggedStory {
  id: number;
  seq: number;
  storyId: StoryId;
  /** A merge: `storyId` was merged into this story and is gone. Null for a save. */
  into: StoryId | null;
  /** A save: the terms the story is found by from now on (stamped with lastSeen); empty for a merge. */
  terms: string[];
  lastSeen: IsoTime | null;
  stamp: number | null;
}

/** What storiesSince read, and the cursor to ask with next time (see FingerprintLogPage). */
export interface StoryLogPage {
  rows: LoggedStory[];
  cursor: number;
  seen?: LogSeen;
  generation: number;
}

/** A story as the story_terms table holds it, with its state's stamp and time (PlacementStore.storyWindowStart). */
export interface TermStory {
  storyId: StoryId;
  lastSeen: IsoTime;
  stamp: number | null;
  /** The terms it is found by at `from` or later, with their times. */
  terms: [string, IsoTime][];
}

/** Where a process's story window starts: the folded table from `from` on, then the log after the fold. */
export interface StoryWindowStart {
  /** The newest story's last_seen, or null when there is no story. */
  newest: IsoTime | null;
  stories: TermStory[];
  /** The log after the fold cursor (what story_terms does not hold yet); its cursor is the window's. */
  log: StoryLogPage;
}

/** What a story index keeps per story: its top terms (for candidate lookup) and an opaque centroid. */
export interface StoryState {
  storyId: StoryId;
  /** The centroid's top terms. */
  terms: string[];
  /**
   * The terms the story is found by, as this save changes them: when given, these are added (or stamped
   * with `lastSeen`) and the story keeps every term it had; when absent, the story is found by `terms`
   * alone, all stamped with `lastSeen`.
   */
  touched?: string[];
  centroid: Uint8Array;
  lastSeen: IsoTime;
  /**
   * A random number the writer gives each save (null for states saved before stamps): the same stamp
   * means the same bytes, so a reader holding a decoded copy need not read the centroid again.
   */
  stamp?: number | null;
}

/** A story's stored stamp (StoryState.stamp) without its state: what a reader checks its copy against. */
export interface StoryStamp {
  storyId: StoryId;
  stamp: number | null;
}

/** One article as lists show it. */
export interface ArticleSummary {
  id: ArticleId;
  storyId: StoryId | null;
  title: string;
  outlet: string;
  url: string | null;
  published: IsoTime | null;
  firstSeen: IsoTime;
  snippet: string;
  image: string | null;
  outletCount: number;
}


/** Document frequencies of terms over the stored articles (for IDF), shared by every process on the store. */
export interface TermStats {
  /** How many articles were counted, and how many of them contain each of `terms` (absent: none). */
  termDocs(terms: string[]): Promise<{ docs: number; counts: Map<string, number> }>;
}

/** What related-article ranking reads: an article, a story's articles, the story index, full-text search. */
export interface RelatedReader extends TermStats {
  getArticle(id: ArticleId): Promise<{ article: Article } | null>;
  getStory(id: StoryId): Promise<{ articles: ArticleSummary[] } | null>;
  findStoriesByTerms(terms: string[], since: IsoTime, limit: number): Promise<StoryState[]>;
  search(q: string, opts: { limit: number; from?: IsoTime; rankWindow?: number; countTotal?: boolean; highlight?: boolean }): Promise<{ hits: ArticleSummary[] }>;
}
