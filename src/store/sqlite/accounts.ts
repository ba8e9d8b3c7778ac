// Accounts, sessions, rate-limit counters and comments.
import { randomBytes } from 'node:crypto';
import { LedeError } from '../../domain/errors.ts';
import type { AccountId, CommentId } from '../../domain/types.ts';
import type { AccountRepo, CommentRepo, NewAccount } from '../repository.ts';
import { time, type SqliteDb } from './db.ts';
import { toAccount, toComment } from './rows.ts';

const COMMENT_SELECT = `SELECT c.*, coalesce(acc.name, '') AS author_name FROM comments c LEFT JOIN accounts acc ON acc.id = c.account_id`;

export function accountPort(db: SqliteDb): AccountRepo & CommentRepo {
  const comment = (id: number) => {
    const r = db.get(`${COMMENT_SELECT} WHERE c.id = ?`, id);
    return r ? toComment(r) : null;
  };
  const mustChange = (n: number, what: string) => {
    if (n === 0) throw new LedeError('not_found', `${what} does not exist`);
  };
  return {
    createAccount: (a: NewAccount) =>
      // One statement under SQLite's single writer: two first sign-ups cannot both become admin.
      db.run(() => {
        try {
          return toAccount(db.get(
            `INSERT INTO accounts (email, name, password_hash, role)
             VALUES (?, ?, ?, CASE WHEN EXISTS (SELECT 1 FROM accounts) THEN ? ELSE 'admin' END) RETURNING *`,
            a.email, a.name, a.passwordHash, a.role ?? 'reader',
          )!);
        } catch (e) {
          if (String((e as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) {
            throw new LedeError('conflict', `an account with email ${a.email} already exists`, { cause: e });
          }
          throw e;
        }
      }),
    findAccountByEmail: (email) =>
      db.run(() => {
        const r = db.get('SELECT * FROM accounts WHERE lower(email) = lower(?)', email);
        return r ? { ...toAccount(r), passwordHash: r.password_hash as string } : null;
      }),
    getAccount: (id: AccountId) => db.run(() => { const r = db.get('SELECT * FROM accounts WHERE id = ?', id); return r ? toAccount(r) : null; }),
    setRole: (id, role) => db.run(() => mustChange(db.exec('UPDATE accounts SET role = ? WHERE id = ?', role, id), `account ${id}`)),
    setAccountLocale: (id, locale) => db.run(() => mustChange(db.exec('UPDATE accounts SET locale = ? WHERE id = ?', locale, id), `account ${id}`)),
    createSession: (accountId, tokenHash, expiresAt) =>
      db.run(() => {
        try {
          db.exec('INSERT INTO sessions (token_hash, account_id, expires_at) VALUES (?, ?, ?)', tokenHash, accountId, time(expiresAt));
        } catch (e) {
          if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new LedeError('not_found', `account ${accountId} does not exist`, { cause: e });
          throw e;
        }
      }),
    findSession: (tokenHash, now) =>
      db.run(() => {
        const r = db.get(
          'SELECT acc.* FROM sessions s JOIN accounts acc ON acc.id = s.account_id WHERE s.token_hash = ? AND s.expires_at > ?',
          tokenHash, time(now),
        );
        return r ? toAccount(r) : null;
      }),
    deleteSession: (tokenHash) => db.run(() => { db.exec('DELETE FROM sessions WHERE token_hash = ?', tokenHash); }),
    hit: (key, windowStart) =>
      db.atomic(() => {
        const start = time(windowStart);
        const r = db.get(
          `INSERT INTO rate_hits (key, window_start, count) VALUES (?, ?, 1)
           ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
          key, start,
        )!;
        // Earlier windows of this key are spent: dropping them keeps the table as small as the live keys.
        db.exec('DELETE FROM rate_hits WHERE key = ? AND window_start < ?', key, start);
        return Number(r.count);
      }),
    hits: (key, windowStart) =>
      db.run(() => Number(db.get('SELECT count FROM rate_hits WHERE key = ? AND window_start = ?', key, time(windowStart))?.count ?? 0)),
    setPasswordHash: (id, hash) =>
      db.run(() => mustChange(db.exec('UPDATE accounts SET password_hash = ? WHERE id = ?', hash, id), `account ${id}`)),
    deleteSessionsOf: (id) => db.run(() => { db.exec('DELETE FROM sessions WHERE account_id = ?', id); }),
    serverSecret: (name) =>
      db.atomic(() => {
        db.exec('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)', name, randomBytes(32).toString('base64url'));
        return db.get('SELECT value FROM server_secrets WHERE name = ?', name)!.value as string;
      }),
    createPasswordReset: (accountId, tokenHash, expiresAt) =>
      db.run(() => { db.exec('INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES (?, ?, ?)', tokenHash, accountId, time(expiresAt)); }),
    takePasswordReset: (tokenHash, now) =>
      db.atomic(() => {
        const r = db.get('DELETE FROM password_resets WHERE token_hash = ? RETURNING account_id, expires_at', tokenHash);
        return r && (r.expires_at as string) > time(now)! ? (Number(r.account_id) as AccountId) : null;
      }),

    addComment: (c) =>
      db.run(() => {
        try {
          const id = db.insert('INSERT INTO comments (article_id, account_id, parent_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
            c.articleId, c.accountId, c.parentId, c.body, time(c.at));
          return comment(id)!;
        } catch (e) {
          if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
            throw new LedeError('not_found', 'the article, account or parent comment does not exist', { cause: e });
          }
          throw e;
        }
      }),
    getComment: (id: CommentId) => db.run(() => comment(id)),
    listComments: (articleId, opts) =>
      db.run(() =>
        db.all(`${COMMENT_SELECT} WHERE c.article_id = ? AND (? OR c.status = 'visible') ORDER BY c.created_at, c.id`,
          articleId, opts?.includeHidden ? 1 : 0).map(toComment)),
    editComment: (id, body, at) =>
      db.run(() => mustChange(db.exec('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?', body, time(at), id), `comment ${id}`)),
    setCommentStatus: (id, status) =>
      db.run(() => mustChange(db.exec('UPDATE comments SET status = ? WHERE id = ?', status, id), `comment ${id}`)),
    reportComment: (id, accountId) =>
      db.atomic(() => {
        if (!db.get('SELECT 1 FROM comments WHERE id = ?', id)) throw new LedeError('not_found', `comment ${id} does not exist`);
        if (db.exec('INSERT OR IGNORE INTO comment_reports (comment_id, account_id) VALUES (?, ?)', id, accountId) === 0) return false;
        db.exec('UPDATE comments SET reports = reports + 1 WHERE id = ?', id);
        return true;
      }),
    moderationQueue: (limit) =>
      db.run(() =>
        db.all(
          `${COMMENT_SELECT} WHERE c.status <> 'deleted'
           ORDER BY (c.reports > 0 OR c.status = 'hidden') DESC, c.reports DESC, c.created_at DESC, c.id DESC LIMIT ?`,
          limit,
        ).map(toComment)),
  };
}
