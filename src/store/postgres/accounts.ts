// Accounts, sessions, rate-limit counters and comments. Sessions and rate-limit windows live here, in the
// database, so that any number of web nodes behind a load balancer share them.
import { randomBytes } from 'node:crypto';
import { LedeError } from '../../domain/errors.ts';
import type { AccountId, CommentId } from '../../domain/types.ts';
import type { AccountRepo, CommentRepo, NewAccount } from '../repository.ts';
import { pgCode, type Db } from './db.ts';
import { time, toAccount, toComment } from './rows.ts';

const COMMENT_COLUMNS = `c.*, coalesce(acc.name, '') AS author_name`;
const COMMENT_FROM = 'comments c LEFT JOIN accounts acc ON acc.id = c.account_id';

export function accountPort(db: Db): AccountRepo & CommentRepo {
  return {
    async createAccount(a: NewAccount) {
      try {
        return await db.transaction(async () => {
          // Serialises sign-ups so that two first sign-ups at once cannot both become admin.
          await db.query(`SELECT pg_advisory_xact_lock(hashtext('lede:accounts'))`);
          const r = await db.one(
            `INSERT INTO accounts (email, name, password_hash, role)
             VALUES ($1, $2, $3, CASE WHEN EXISTS (SELECT 1 FROM accounts) THEN $4 ELSE 'admin' END) RETURNING *`,
            [a.email, a.name, a.passwordHash, a.role ?? 'reader'],
          );
          return toAccount(r!);
        });
      } catch (e) {
        if (pgCode(e) === '23505') throw new LedeError('conflict', `an account with email ${a.email} already exists`, { cause: e });
        throw e;
      }
    },
    async findAccountByEmail(email) {
      const r = await db.one('SELECT * FROM accounts WHERE lower(email) = lower($1)', [email]);
      return r ? { ...toAccount(r), passwordHash: r.password_hash as string } : null;
    },
    async getAccount(id: AccountId) {
      const r = await db.one('SELECT * FROM accounts WHERE id = $1', [id]);
      return r ? toAccount(r) : null;
    },
    async setRole(id, role) {
      const n = await db.exec('UPDATE accounts SET role = $2 WHERE id = $1', [id, role]);
      if (n === 0) throw new LedeError('not_found', `account ${id} does not exist`);
    },
    async setAccountLocale(id, locale) {
      const n = await db.exec('UPDATE accounts SET locale = $2 WHERE id = $1', [id, locale]);
      if (n === 0) throw new LedeError('not_found', `account ${id} does not exist`);
    },
    async createSession(accountId, tokenHash, expiresAt) {
      await db.exec('INSERT INTO sessions (token_hash, account_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, accountId, time(expiresAt)]);
    },
    async findSession(tokenHash, now) {
      const r = await db.one(
        'SELECT acc.* FROM sessions s JOIN accounts acc ON acc.id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > $2',
        [tokenHash, time(now)],
      );
      return r ? toAccount(r) : null;
    },
    async deleteSession(tokenHash) {
      await db.exec('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async hit(key, windowStart) {
      const start = time(windowStart);
      const r = await db.one<{ count: number }>(
        `INSERT INTO rate_hits (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = rate_hits.count + 1 RETURNING count`,
        [key, start],
      );
      // Earlier windows of this key are spent: dropping them keeps the table as small as the live keys.
      await db.exec('DELETE FROM rate_hits WHERE key = $1 AND window_start < $2', [key, start]);
      return Number(r!.count);
    },
    async hits(key, windowStart) {
      const r = await db.one<{ count: number }>('SELECT count FROM rate_hits WHERE key = $1 AND window_start = $2', [key, time(windowStart)]);
      return Number(r?.count ?? 0);
    },
    async setPasswordHash(id, hash) {
      const n = await db.exec('UPDATE accounts SET password_hash = $2 WHERE id = $1', [id, hash]);
      if (n === 0) throw new LedeError('not_found', `account ${id} does not exist`);
    },
    async deleteSessionsOf(id) {
      await db.exec('DELETE FROM sessions WHERE account_id = $1', [id]);
    },
    async serverSecret(name) {
      await db.exec('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [name, randomBytes(32).toString('base64url')]);
      return (await db.one<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [name]))!.value;
    },
    async createPasswordReset(accountId, tokenHash, expiresAt) {
      await db.exec('INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, accountId, time(expiresAt)]);
    },
    async takePasswordReset(tokenHash, now) {
      const r = await db.one<{ account_id: number; valid: boolean }>(
        'DELETE FROM password_resets WHERE token_hash = $1 RETURNING account_id, expires_at > $2 AS valid', [tokenHash, time(now)]);
      return r?.valid ? (Number(r.account_id) as AccountId) : null;
    },

    async addComment(c) {
      try {
        const r = await db.one<{ id: number }>(
          'INSERT INTO comments (article_id, account_id, parent_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [c.articleId, c.accountId, c.parentId, c.body, time(c.at)],
        );
        return toComment((await db.one(`SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE c.id = $1`, [r!.id]))!);
      } catch (e) {
        if (pgCode(e) === '23503') throw new LedeError('not_found', 'the article, account or parent comment does not exist', { cause: e });
        throw e;
      }
    },
    async getComment(id: CommentId) {
      const r = await db.one(`SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE c.id = $1`, [id]);
      return r ? toComment(r) : null;
    },
    async listComments(articleId, opts) {
      const rows = await db.query(
        `SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE c.article_id = $1 AND ($2::boolean OR c.status = 'visible')
         ORDER BY c.created_at, c.id`,
        [articleId, opts?.includeHidden ?? false],
      );
      return rows.map(toComment);
    },
    async editComment(id, body, at) {
      const n = await db.exec('UPDATE comments SET body = $2, edited_at = $3 WHERE id = $1', [id, body, time(at)]);
      if (n === 0) throw new LedeError('not_found', `comment ${id} does not exist`);
    },
    async setCommentStatus(id, status) {
      const n = await db.exec('UPDATE comments SET status = $2 WHERE id = $1', [id, status]);
      if (n === 0) throw new LedeError('not_found', `comment ${id} does not exist`);
    },
    async reportComment(id, accountId) {
      return db.transaction(async () => {
        if (!(await db.one('SELECT 1 FROM comments WHERE id = $1', [id]))) throw new LedeError('not_found', `comment ${id} does not exist`);
        const added = await db.exec('INSERT INTO comment_reports (comment_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, accountId]);
        if (added === 0) return false;
        await db.exec('UPDATE comments SET reports = reports + 1 WHERE id = $1', [id]);
        return true;
      });
    },
    async moderationQueue(limit) {
      const rows = await db.query(
        `SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE c.status <> 'deleted'
         ORDER BY (c.reports > 0 OR c.status = 'hidden') DESC, c.reports DESC, c.created_at DESC, c.id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toComment);
    },
  };
}
