// The repository interface: the only way any part of Lede reads or writes stored data.
// SQLite (sqlite/) and PostgreSQL (postgres/) implement it; one test suite runs against both.
import type { PlacementStore } from '../domain/placement.ts';
import type { AccountRepo, CommentRepo } from './ports/accounts.ts';
import type { ArticleRepo, SearchRepo, StoryRepo, TermStatsRepo } from './ports/articles.ts';
import type { AnalysisRepo, OutletRepo } from './ports/intelligence.ts';
import type { LeaseRepo, SourceRepo } from './ports/sources.ts';
import type { ReadingRepo } from './ports/reading.ts';

export type * from './ports/accounts.ts';
export type * from './ports/articles.ts';
export type * from './ports/sources.ts';
export type * from './ports/reading.ts';

export type * from './ports/intelligence.ts';

export interface Repository extends PlacementStore, SourceRepo, LeaseRepo, ArticleRepo, StoryRepo, SearchRepo, AccountRepo, CommentRepo, TermStatsRepo, ReadingRepo, OutletRepo, AnalysisRepo {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction: everything written for one article commits or rolls back together. */
  transaction<T>(fn: (tx: Repository) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in a transaction (a savepoint inside one in force) holding locks on `keys` only, so that
   * placements touching anything in common see each other's writes while the others run side by side.
   * PostgreSQL: transaction-level advisory locks, taken in one sorted order, released at the outermost
   * COMMIT/ROLLBACK; a deadlock the server breaks (with row locks) is retried. The locks are taken with
   * `fn`'s first statement, in the same round trip: they cover what `fn` does in the store, not what it does
   * in this process before that. SQLite: BEGIN IMMEDIATE already excludes every other writer.
   */
  withKeys<T>(keys: string[], fn: (tx: Repository) => Promise<T>): Promise<T>;
  /**
   * Inside withKeys: takes further keys (sorted), on PostgreSQL with the next statement. False when the
   * transaction already excludes every other writer.
   */
  lockKeys(keys: string[]): Promise<boolean>;
  /** Integrity check: no article without versions, no dangling story, FTS in step. Empty when sound. */
  checkIntegrity(): Promise<string[]>;
  /** Why the store cannot serve now (unreachable, schema not current), or null: cheap, for /readyz. */
  readiness(): Promise<string | null>;
  /** Bytes the store takes (SQLite pages in use, or the PostgreSQL database): for metrics. */
  storeBytes(): Promise<number>;
  close(): Promise<void>;
}
