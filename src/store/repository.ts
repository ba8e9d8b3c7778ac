// The repository interface: the only way any part of Lede reads or writes stored data.
// SQLite (sqlite/) and PostgreSQL (postgres/) implement it; one test suite runs against both.
import type { AccountRepo, CommentRepo } from './ports/accounts.ts';
import type { ArticleRepo, SearchRepo, StoryRepo } from './ports/articles.ts';
import type { LeaseRepo, SourceRepo } from './ports/sources.ts';

export type * from './ports/accounts.ts';
export type * from './ports/articles.ts';
export type * from './ports/sources.ts';

export interface Repository extends SourceRepo, LeaseRepo, ArticleRepo, StoryRepo, SearchRepo, AccountRepo, CommentRepo {
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
  /** The schema version the store is at and the one this Lede expects (cheap: for /readyz). */
  schemaStatus(): Promise<{ current: number; expected: number }>;
  close(): Promise<void>;
}
