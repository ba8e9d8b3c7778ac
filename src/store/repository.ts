// The repository interface: the only way any part of Lede reads or writes stored data.
// SQLite (sqlite/) and PostgreSQL (postgres/) implement it; one test suite runs against both.
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

export interface Repository extends SourceRepo, LeaseRepo, ArticleRepo, StoryRepo, SearchRepo, AccountRepo, CommentRepo, TermStatsRepo, ReadingRepo, OutletRepo, AnalysisRepo {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction: everything written for one article commits or rolls back together. */
  transaction<T>(fn: (tx: Repository) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` holding a store-wide lock named `name` (PostgreSQL: advisory lock; SQLite: the single
   * writer), so dedup and story assignment see each other's writes across workers.
   */
  withLock<T>(name: string, fn: (tx: Repository) => Promise<T>): Promise<T>;
  /** Integrity check: no article without versions, no dangling story, FTS in step. Empty when sound. */
  checkIntegrity(): Promise<string[]>;
  /** Why the store cannot serve now (unreachable, schema not current), or null: cheap, for /readyz. */
  readiness(): Promise<string | null>;
  /** Bytes the store takes (SQLite pages in use, or the PostgreSQL database): for metrics. */
  storeBytes(): Promise<number>;
  close(): Promise<void>;
}
