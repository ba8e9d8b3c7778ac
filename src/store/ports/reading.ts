import type { Account, AccountId, ArticleId, FeedId, Folder, FolderId, Follow, FollowId, FollowKind, IsoTime } from '../../domain/types.ts';
import type { ArticleSummary } from './articles.ts';

export interface NewFollow {
  kind: FollowKind;
  target: string;
  feedId?: FeedId | null;
  title: string;
  folderId?: FolderId | null;
}

/** An article in a reader's stream, with that reader's state of it. */
export interface ReadingItem extends ArticleSummary {
  read: boolean;
  starred: boolean;
  starredAt: IsoTime | null;
  /** The reader's follows that brought it (empty for a starred article no follow brings any more). */
  follows: FollowId[];
}

/**
 * Which articles of a reader's follows: all of them, some follows (a folder or one feed), unread or
 * starred only, between two article ids, newest or oldest first.
 */
export interface StreamQuery {
  /** Only these follows; all of the account's when absent. */
  follows?: FollowId[];
  /** Articles of search follows, found by the caller (full-text search is the search port's). */
  searchMatches?: Map<FollowId, ArticleId[]>;
  unreadOnly?: boolean;
  /** Starred articles, whether or not a follow brings them. */
  starredOnly?: boolean;
  /** Articles with an id below the window's start count as read: see READ_WINDOW_DAYS. */
  windowStart: ArticleId;
  /** Exclusive bounds on the article id (cursors). */
  beforeId?: ArticleId;
  afterId?: ArticleId;
  /** Bounds on the time Lede first saw the article. */
  seenBefore?: IsoTime;
  seenAfter?: IsoTime;
  /** Only these articles (Fever's with_ids). */
  ids?: ArticleId[];
  order?: 'newest' | 'oldest';
  limit: number;
}

export interface UnreadCounts {
  /** Distinct unread articles across every follow. */
  total: number;
  byFollow: Map<FollowId, number>;
}

/**
 * How long an article can stay unread: older ones count as read, as in Google Reader (30 days), so that
 * counting unread is bounded by a month of articles whatever the size of the store.
 */
export const READ_WINDOW_DAYS = 30;

export interface ReadingRepo {
  listFolders(accountId: AccountId): Promise<Folder[]>;
  /** The folder of that name (case-insensitive), made when missing. */
  ensureFolder(accountId: AccountId, name: string): Promise<Folder>;
  renameFolder(accountId: AccountId, id: FolderId, name: string): Promise<void>;
  /** Deletes the folder; its follows stay, outside any folder. */
  deleteFolder(accountId: AccountId, id: FolderId): Promise<void>;

  listFollows(accountId: AccountId): Promise<Follow[]>;
  getFollow(accountId: AccountId, id: FollowId): Promise<Follow | null>;
  /** Follows `f`, or returns the existing follow of the same kind and target. */
  addFollow(accountId: AccountId, f: NewFollow): Promise<{ follow: Follow; created: boolean }>;
  updateFollow(accountId: AccountId, id: FollowId, patch: { title?: string; folderId?: FolderId | null }): Promise<void>;
  removeFollow(accountId: AccountId, id: FollowId): Promise<boolean>;

  /** The reader's stream, newest first unless asked otherwise. */
  readingStream(accountId: AccountId, q: StreamQuery): Promise<ReadingItem[]>;
  unreadCounts(accountId: AccountId, q: Pick<StreamQuery, 'windowStart' | 'searchMatches'>): Promise<UnreadCounts>;
  /** Marks articles read or unread (unread also overrides a follow's read_before). */
  setRead(accountId: AccountId, articleIds: ArticleId[], read: boolean, at: IsoTime): Promise<void>;
  setStarred(accountId: AccountId, articleIds: ArticleId[], starred: boolean, at: IsoTime): Promise<void>;
  /** Every article of these follows (all when absent) up to `upToId` counts as read. */
  markAllRead(accountId: AccountId, upToId: ArticleId, follows?: FollowId[]): Promise<void>;
  /** The id of the first article first seen at or after `at` (the newest id + 1 when none). */
  firstArticleSince(at: IsoTime): Promise<ArticleId>;
  /** The id of the last article first seen before `at` (0 when none). */
  lastArticleBefore(at: IsoTime): Promise<ArticleId>;
  /** Bytes and rows the per-reader state takes (for sizing). */
  readingStateSize(): Promise<{ rows: number; follows: number }>;

  /** Sets the account's API password (its scrypt hash) and the Fever key's SHA-256. */
  setApiPassword(accountId: AccountId, passwordHash: string, feverKeyHash: string, at: IsoTime): Promise<void>;
  /** Revokes the API password and every token made with it. */
  revokeApiPassword(accountId: AccountId): Promise<void>;
  apiPasswordOf(accountId: AccountId): Promise<{ passwordHash: string; createdAt: IsoTime } | null>;
  findAccountByFeverKey(feverKeyHash: string): Promise<Account | null>;
  createApiToken(accountId: AccountId, tokenHash: string, at: IsoTime): Promise<void>;
  /** The account of a live API token; notes its use. */
  findApiToken(tokenHash: string, at: IsoTime): Promise<Account | null>;

  getSetting(name: string): Promise<string | null>;
  setSetting(name: string, value: string): Promise<void>;
}
