import type { Account, AccountId, ArticleId, Comment, CommentId, CommentStatus, IsoTime } from '../../domain/types.ts';

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string;
  role?: Account['role'];
}

export interface AccountRepo {
  /** The first account ever created becomes admin. */
  createAccount(a: NewAccount): Promise<Account>;
  findAccountByEmail(email: string): Promise<(Account & { passwordHash: string }) | null>;
  getAccount(id: AccountId): Promise<Account | null>;
  setRole(id: AccountId, role: Account['role']): Promise<void>;
  /** The account's interface language; null returns the choice to the browser. */
  setAccountLocale(id: AccountId, locale: string | null): Promise<void>;
  createSession(accountId: AccountId, tokenHash: string, expiresAt: IsoTime): Promise<void>;
  findSession(tokenHash: string, now: IsoTime): Promise<Account | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Counts an action for rate limiting in a fixed window; returns the count including this one. */
  hit(key: string, windowStart: IsoTime): Promise<number>;
  /** The count of `key` in the window starting at `windowStart`, without counting. */
  hits(key: string, windowStart: IsoTime): Promise<number>;
  /** Replaces an account's password hash (a new password, or stronger parameters at sign-in). */
  setPasswordHash(id: AccountId, passwordHash: string): Promise<void>;
  /** Ends every session of an account (after a password reset). */
  deleteSessionsOf(id: AccountId): Promise<void>;
  /** A random secret named `name`, made on first use and shared by every process of this store. */
  serverSecret(name: string): Promise<string>;
  /** Stores a one-time password-reset token (its hash). */
  createPasswordReset(accountId: AccountId, tokenHash: string, expiresAt: IsoTime): Promise<void>;
  /** Uses a reset token: the account it was issued for if still valid, else null; a token works once. */
  takePasswordReset(tokenHash: string, now: IsoTime): Promise<AccountId | null>;
}

export interface CommentRepo {
  addComment(c: { articleId: ArticleId; accountId: AccountId; parentId: CommentId | null; body: string; at: IsoTime }): Promise<Comment>;
  getComment(id: CommentId): Promise<Comment | null>;
  listComments(articleId: ArticleId, opts?: { includeHidden?: boolean }): Promise<Comment[]>;
  editComment(id: CommentId, body: string, at: IsoTime): Promise<void>;
  setCommentStatus(id: CommentId, status: CommentStatus): Promise<void>;
  /** Counts a reader's report once: false when this reader had reported the comment already. */
  reportComment(id: CommentId, accountId: AccountId): Promise<boolean>;
  /** Comments for moderation: reported or hidden first. */
  moderationQueue(limit: number): Promise<Comment[]>;
}
