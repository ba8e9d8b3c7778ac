import type { Feed, FeedId, FeedStatus, IsoTime, Source, SourceId } from '../../domain/types.ts';

export interface NewSource {
  name: string;
  homeUrl: string;
  language?: string | null;
  country?: string | null;
}

export interface NewFeed {
  sourceId: SourceId;
  url: string;
  title?: string | null;
  category?: string | null;
}

/** The outcome of one fetch of a feed, recorded for scheduling and for the admin page. */
export interface FetchRecord {
  status: FeedStatus;
  etag?: string | null;
  lastModified?: string | null;
  error?: string | null;
  fetchedAt: IsoTime;
  nextFetchAt: IsoTime;
}

export interface SourceRepo {
  addSource(s: NewSource): Promise<Source>;
  getSource(id: SourceId): Promise<Source | null>;
  findSourceByHomeUrl(homeUrl: string): Promise<Source | null>;
  findSourceByName(name: string): Promise<Source | null>;
  listSources(): Promise<Source[]>;
  /** Removes the source and its feeds; its articles stay (credited by outlet name). */
  removeSource(id: SourceId): Promise<boolean>;

  addFeed(f: NewFeed): Promise<Feed>;
  getFeed(id: FeedId): Promise<Feed | null>;
  findFeedByUrl(url: string): Promise<Feed | null>;
  listFeeds(sourceId?: SourceId): Promise<Feed[]>;
  removeFeed(id: FeedId): Promise<boolean>;
  recordFetch(id: FeedId, r: FetchRecord): Promise<void>;
}

export interface LeaseRepo {
  /**
   * Leases up to `limit` feeds that are due (next_fetch_at <= now, no live lease) to `worker` until
   * now + leaseMs. Safe across processes (SQLite: BEGIN IMMEDIATE; PostgreSQL: FOR UPDATE SKIP LOCKED).
   */
  leaseDueFeeds(worker: string, limit: number, leaseMs: number, now?: Date): Promise<Feed[]>;
  /** Extends the lease of feeds the worker still holds (heartbeat). */
  renewLeases(worker: string, feedIds: FeedId[], leaseMs: number, now?: Date): Promise<void>;
  releaseLease(worker: string, feedId: FeedId): Promise<void>;
  /** Live leases by worker (for metrics: how many feeds each ingest process holds now). */
  countLeases(now?: Date): Promise<{ worker: string; feeds: number }[]>;
}
