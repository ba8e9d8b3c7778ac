// Sources, feeds and the feed leases that let several ingest workers share the feeds.
import { LedeError } from '../../domain/errors.ts';
import type { Feed, FeedId, SourceId } from '../../domain/types.ts';
import type { FetchRecord, LeaseRepo, NewFeed, NewSource, SourceRepo } from '../repository.ts';
import { pgCode, type Db } from './db.ts';
import { time, toFeed, toSource } from './rows.ts';

function conflict(e: unknown, what: string): never {
  if (pgCode(e) === '23505') throw new LedeError('conflict', `${what} already exists`, { cause: e });
  if (pgCode(e) === '23503') throw new LedeError('not_found', `${what}: the record it refers to does not exist`, { cause: e });
  throw e;
}

export function sourcePort(db: Db): SourceRepo & LeaseRepo {
  return {
    async addSource(s: NewSource) {
      try {
        const r = await db.one('INSERT INTO sources (name, home_url, language, country) VALUES ($1, $2, $3, $4) RETURNING *',
          [s.name, s.homeUrl, s.language ?? null, s.country ?? null]);
        return toSource(r!);
      } catch (e) {
        conflict(e, `source with home page ${s.homeUrl}`);
      }
    },
    async getSource(id) {
      const r = await db.one('SELECT * FROM sources WHERE id = $1', [id]);
      return r ? toSource(r) : null;
    },
    async findSourceByHomeUrl(homeUrl) {
      const r = await db.one('SELECT * FROM sources WHERE home_url = $1', [homeUrl]);
      return r ? toSource(r) : null;
    },
    async findSourceByName(name) {
      const r = await db.one('SELECT * FROM sources WHERE lower(name) = lower($1) ORDER BY id LIMIT 1', [name]);
      return r ? toSource(r) : null;
    },
    async listSources() {
      return (await db.query('SELECT * FROM sources ORDER BY lower(name), id')).map(toSource);
    },
    async removeSource(id) {
      return (await db.exec('DELETE FROM sources WHERE id = $1', [id])) > 0;
    },

    async addFeed(f: NewFeed) {
      try {
        const r = await db.one('INSERT INTO feeds (source_id, url, title, category) VALUES ($1, $2, $3, $4) RETURNING *',
          [f.sourceId, f.url, f.title ?? null, f.category ?? null]);
        return toFeed(r!);
      } catch (e) {
        conflict(e, `feed ${f.url}`);
      }
    },
    async getFeed(id) {
      const r = await db.one('SELECT * FROM feeds WHERE id = $1', [id]);
      return r ? toFeed(r) : null;
    },
    async findFeedByUrl(url) {
      const r = await db.one('SELECT * FROM feeds WHERE url = $1', [url]);
      return r ? toFeed(r) : null;
    },
    async listFeeds(sourceId?: SourceId) {
      const rows = sourceId === undefined
        ? await db.query('SELECT * FROM feeds ORDER BY id')
        : await db.query('SELECT * FROM feeds WHERE source_id = $1 ORDER BY id', [sourceId]);
      return rows.map(toFeed);
    },
    async removeFeed(id) {
      return (await db.exec('DELETE FROM feeds WHERE id = $1', [id])) > 0;
    },
    async recordFetch(id: FeedId, r: FetchRecord) {
      const failed = r.status === 'error' || r.status === 'refused';
      // An absent etag/lastModified keeps the stored one (a 304 carries none); null clears it.
      await db.exec(
        `UPDATE feeds SET status = $2,
           etag = CASE WHEN $3::boolean THEN $4 ELSE etag END,
           last_modified = CASE WHEN $5::boolean THEN $6 ELSE last_modified END,
           error = $7, error_count = CASE WHEN $8::boolean THEN error_count + 1 ELSE 0 END,
           last_fetched_at = $9, next_fetch_at = $10
         WHERE id = $1`,
        [id, r.status, r.etag !== undefined, r.etag ?? null, r.lastModified !== undefined, r.lastModified ?? null,
          r.error ?? null, failed, time(r.fetchedAt), time(r.nextFetchAt)],
      );
    },

    async leaseDueFeeds(worker: string, limit: number, leaseMs: number, now = new Date()) {
      if (limit <= 0) return [];
      // SKIP LOCKED: a worker never waits for, nor takes, the rows another worker is leasing right now;
      // the lease columns then keep them out of every other worker's reach until it expires.
      const rows = await db.query(
        `WITH due AS (
           SELECT id FROM feeds
           WHERE (next_fetch_at IS NULL OR next_fetch_at <= $1)
             AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY next_fetch_at NULLS FIRST, id
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         UPDATE feeds f SET lease_owner = $3, lease_until = $4
         FROM due WHERE f.id = due.id
         RETURNING f.*`,
        [now, limit, worker, new Date(now.getTime() + leaseMs)],
      );
      return rows.map(toFeed).sort(byDue);
    },
    async renewLeases(worker, feedIds, leaseMs, now = new Date()) {
      if (feedIds.length === 0) return;
      await db.exec('UPDATE feeds SET lease_until = $3 WHERE lease_owner = $1 AND id = ANY($2::bigint[])',
        [worker, feedIds, new Date(now.getTime() + leaseMs)]);
    },
    async releaseLease(worker, feedId) {
      await db.exec('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [feedId, worker]);
    },
    async countLeases(now = new Date()) {
      const rows = await db.query<{ worker: string; n: number }>(
        'SELECT lease_owner AS worker, count(*) AS n FROM feeds WHERE lease_owner IS NOT NULL AND lease_until > $1 GROUP BY lease_owner', [now]);
      return rows.map((r) => ({ worker: r.worker, feeds: Number(r.n) }));
    },
  };
}

function byDue(a: Feed, b: Feed): number {
  const ta = a.nextFetchAt ? Date.parse(a.nextFetchAt) : -Infinity;
  const tb = b.nextFetchAt ? Date.parse(b.nextFetchAt) : -Infinity;
  return ta - tb || a.id - b.id;
}
