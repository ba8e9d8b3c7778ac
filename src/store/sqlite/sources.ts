// Sources, feeds and the feed leases that let several ingest processes share the feeds.
import type { Feed, FeedId, SourceId } from '../../domain/types.ts';
import type { FetchRecord, LeaseRepo, NewFeed, NewSource, SourceRepo } from '../repository.ts';
import { constraintError, time, type SqliteDb } from './db.ts';
import { toFeed, toSource } from './rows.ts';

export function sourcePort(db: SqliteDb): SourceRepo & LeaseRepo {
  return {
    addSource: (s: NewSource) =>
      db.run(() => {
        try {
          return toSource(db.get('INSERT INTO sources (name, home_url, language, country) VALUES (?, ?, ?, ?) RETURNING *',
            s.name, s.homeUrl, s.language ?? null, s.country ?? null)!);
        } catch (e) {
          constraintError(e, `source with home page ${s.homeUrl}`);
        }
      }),
    getSource: (id) => db.run(() => { const r = db.get('SELECT * FROM sources WHERE id = ?', id); return r ? toSource(r) : null; }),
    findSourceByHomeUrl: (homeUrl) =>
      db.run(() => { const r = db.get('SELECT * FROM sources WHERE home_url = ?', homeUrl); return r ? toSource(r) : null; }),
    findSourceByName: (name) =>
      db.run(() => { const r = db.get('SELECT * FROM sources WHERE lower(name) = lower(?) ORDER BY id LIMIT 1', name); return r ? toSource(r) : null; }),
    listSources: () => db.run(() => db.all('SELECT * FROM sources ORDER BY lower(name), id').map(toSource)),
    removeSource: (id) => db.run(() => db.exec('DELETE FROM sources WHERE id = ?', id) > 0),

    addFeed: (f: NewFeed) =>
      db.run(() => {
        try {
          return toFeed(db.get('INSERT INTO feeds (source_id, url, title, category) VALUES (?, ?, ?, ?) RETURNING *',
            f.sourceId, f.url, f.title ?? null, f.category ?? null)!);
        } catch (e) {
          constraintError(e, `feed ${f.url}`);
        }
      }),
    getFeed: (id) => db.run(() => { const r = db.get('SELECT * FROM feeds WHERE id = ?', id); return r ? toFeed(r) : null; }),
    findFeedByUrl: (url) => db.run(() => { const r = db.get('SELECT * FROM feeds WHERE url = ?', url); return r ? toFeed(r) : null; }),
    listFeeds: (sourceId?: SourceId) =>
      db.run(() => (sourceId === undefined
        ? db.all('SELECT * FROM feeds ORDER BY id')
        : db.all('SELECT * FROM feeds WHERE source_id = ? ORDER BY id', sourceId)).map(toFeed)),
    removeFeed: (id) => db.run(() => db.exec('DELETE FROM feeds WHERE id = ?', id) > 0),
    recordFetch: (id: FeedId, r: FetchRecord) =>
      db.run(() => {
        const failed = r.status === 'error' || r.status === 'refused' ? 1 : 0;
        // An absent etag/lastModified keeps the stored one (a 304 carries none); null clears it.
        db.exec(
          `UPDATE feeds SET status = ?,
             etag = CASE WHEN ? THEN ? ELSE etag END,
             last_modified = CASE WHEN ? THEN ? ELSE last_modified END,
             error = ?, error_count = CASE WHEN ? THEN error_count + 1 ELSE 0 END,
             last_fetched_at = ?, next_fetch_at = ?
           WHERE id = ?`,
          r.status, r.etag !== undefined ? 1 : 0, r.etag ?? null, r.lastModified !== undefined ? 1 : 0, r.lastModified ?? null,
          r.error ?? null, failed, time(r.fetchedAt), time(r.nextFetchAt), id,
        );
      }),

    leaseDueFeeds: (worker: string, limit: number, leaseMs: number, now = new Date()) =>
      // One IMMEDIATE transaction: the write lock is held from the SELECT to the UPDATE, so two
      // processes can never lease the same feed.
      db.atomic(() => {
        if (limit <= 0) return [];
        const at = now.toISOString();
        const until = new Date(now.getTime() + leaseMs).toISOString();
        const rows = db.all(
          `UPDATE feeds SET lease_owner = ?, lease_until = ?
           WHERE id IN (SELECT id FROM feeds
                        WHERE (next_fetch_at IS NULL OR next_fetch_at <= ?) AND (lease_until IS NULL OR lease_until <= ?)
                        ORDER BY next_fetch_at IS NOT NULL, next_fetch_at, id LIMIT ?)
           RETURNING *`,
          worker, until, at, at, limit,
        );
        return rows.map(toFeed).sort(byDue);
      }),
    renewLeases: (worker, feedIds, leaseMs, now = new Date()) =>
      db.run(() => {
        if (feedIds.length === 0) return;
        const until = new Date(now.getTime() + leaseMs).toISOString();
        db.exec(`UPDATE feeds SET lease_until = ? WHERE lease_owner = ? AND id IN (SELECT value FROM json_each(?))`,
          until, worker, JSON.stringify(feedIds));
      }),
    releaseLease: (worker, feedId) =>
      db.run(() => { db.exec('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?', feedId, worker); }),
    countLeases: (now = new Date()) =>
      db.run(() => db.all('SELECT lease_owner AS worker, count(*) AS n FROM feeds WHERE lease_owner IS NOT NULL AND lease_until > ? GROUP BY lease_owner', now.toISOString())
        .map((r) => ({ worker: String(r.worker), feeds: Number(r.n) }))),
  };
}

function byDue(a: Feed, b: Feed): number {
  const ta = a.nextFetchAt ? Date.parse(a.nextFetchAt) : -Infinity;
  const tb = b.nextFetchAt ? Date.parse(b.nextFetchAt) : -Infinity;
  return ta - tb || a.id - b.id;
}
