// The reading port (follows, folders, reading state, API credentials, settings), written once for both
// backends: the SQL is standard enough that a placeholder style, a list parameter and a string
// aggregate are the only differences, and one implementation keeps SQLite and PostgreSQL readers alike.
import { LedeError } from '../domain/errors.ts';
import type { Account, AccountId, ArticleId, FeedId, Folder, FolderId, Follow, FollowId, FollowKind, IsoTime } from '../domain/types.ts';
import type { NewFollow, ReadingItem, ReadingRepo, StreamQuery, UnreadCounts } from './ports/reading.ts';

export type Row = Record<string, unknown>;

/** What the shared port needs from a backend. */
export interface ReadingDb {
  dialect: 'sqlite' | 'postgres';
  all(sql: string, params: unknown[]): Promise<Row[]>;
  exec(sql: string, params: unknown[]): Promise<number>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether `e` is a unique-constraint violation. */
  isUnique(e: unknown): boolean;
  /** The columns of an ArticleSummary for `FROM articles a` (the backend's own). */
  summaryColumns: string;
}

/** Builds one statement's SQL and parameters in the backend's placeholder style. */
class Sql {
  readonly params: unknown[] = [];
  constructor(private readonly dialect: ReadingDb['dialect']) {}
  p(v: unknown): string {
    this.params.push(v);
    return this.dialect === 'sqlite' ? '?' : `$${this.params.length}`;
  }
  /** `col` is one of `values` (ids). */
  in(col: string, values: number[]): string {
    return this.dialect === 'sqlite' ? `${col} IN (SELECT value FROM json_each(${this.p(JSON.stringify(values))}))` : `${col} = ANY(${this.p(values)}::bigint[])`;
  }
  /** A one-column table of ids, named `alias(v)`. */
  ids(values: number[], alias: string): string {
    return this.dialect === 'sqlite' ? `(SELECT value AS v FROM json_each(${this.p(JSON.stringify(values))})) ${alias}` : `unnest(${this.p(values)}::bigint[]) AS ${alias}(v)`;
  }
  concat(col: string): string {
    return this.dialect === 'sqlite' ? `group_concat(${col})` : `string_agg(${col}::text, ',')`;
  }
}

const iso = (v: unknown): IsoTime => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): IsoTime | null => (v === null || v === undefined ? null : iso(v));

function toFollow(r: Row): Follow {
  return {
    id: Number(r.id) as FollowId,
    accountId: Number(r.account_id) as AccountId,
    kind: r.kind as FollowKind,
    target: String(r.target),
    feedId: r.feed_id == null ? null : (Number(r.feed_id) as FeedId),
    feedUrl: r.feed_url == null ? null : String(r.feed_url),
    title: String(r.title),
    folderId: r.folder_id == null ? null : (Number(r.folder_id) as FolderId),
    folder: r.folder_name == null ? null : String(r.folder_name),
    readBefore: Number(r.read_before),
    createdAt: iso(r.created_at),
  };
}

const toAccount = (r: Row): Account => ({
  id: Number(r.id) as AccountId,
  email: String(r.email),
  name: String(r.name),
  role: r.role as Account['role'],
  createdAt: iso(r.created_at),
  ...(r.locale ? { locale: String(r.locale) } : {}),
});

const FOLLOW_SELECT = `SELECT f.*, fe.url AS feed_url, fo.name AS folder_name FROM follows f
  LEFT JOIN feeds fe ON fe.id = f.feed_id LEFT JOIN folders fo ON fo.id = f.folder_id`;

/**
 * The (article, follow, read_before) triples of a reader's follows with an article id in [lo, hi):
 * one indexed range read per kind of follow (versions by feed and by outlet, hashtags, stories,
 * entities), plus the articles the caller's full-text search found for saved searches.
 */
function matches(q: Sql, accountId: AccountId, scope: FollowId[] | undefined, search: Map<FollowId, ArticleId[]> | undefined, lo: number, hi: number): string {
  const follows = (kind: FollowKind) => `f.account_id = ${q.p(accountId)} AND f.kind = '${kind}'${scope ? ' AND ' + q.in('f.id', scope) : ''}`;
  const range = (col: string) => `${col} >= ${q.p(lo)} AND ${col} < ${q.p(hi)}`;
  const parts = [
    `SELECT v.article_id AS aid, f.id AS fid, f.read_before AS rb FROM follows f JOIN versions v ON v.feed_id = f.feed_id WHERE ${follows('feed')} AND ${range('v.article_id')}`,
    `SELECT v.article_id, f.id, f.read_before FROM follows f JOIN versions v ON v.outlet = f.target WHERE ${follows('outlet')} AND ${range('v.article_id')}`,
    `SELECT h.article_id, f.id, f.read_before FROM follows f JOIN article_hashtags h ON h.hashtag = f.target WHERE ${follows('hashtag')} AND ${range('h.article_id')}`,
    `SELECT a.id, f.id, f.read_before FROM follows f JOIN articles a ON a.story_id = CAST(f.target AS BIGINT) WHERE ${follows('story')} AND ${range('a.id')}`,
    `SELECT e.article_id, f.id, f.read_before FROM follows f JOIN article_entities e ON e.entity = f.target WHERE ${follows('entity')} AND ${range('e.article_id')}`,
  ];
  for (const [fid, ids] of search ?? []) {
    if (scope && !scope.includes(fid)) continue;
    const inRange = ids.filter((id) => id >= lo && id < hi);
    if (inRange.length) parts.push(`SELECT s.v, f.id, f.read_before FROM follows f, ${q.ids(inRange, 's')} WHERE f.id = ${q.p(fid)} AND f.account_id = ${q.p(accountId)}`);
  }
  return parts.join('\nUNION ALL\n');
}

/** An article id past every stored one. */
const NO_END = Number.MAX_SAFE_INTEGER;
/** The id span the first pass of an unbounded stream reads; widened fourfold while a page is short. */
const FIRST_SPAN = 4096;

export function readingPort(db: ReadingDb): ReadingRepo {
  const all = (q: Sql, sql: string) => db.all(sql, q.params);
  const one = async (q: Sql, sql: string) => (await db.all(sql, q.params))[0] ?? null;
  const mustChange = (n: number, what: string) => {
    if (n === 0) throw new LedeError('not_found', `${what} does not exist`);
  };
  const newestId = async () => Number((await db.all('SELECT coalesce(max(id), 0) AS n FROM articles', []))[0]!.n);

  const itemOf = (r: Row, windowStart: number): ReadingItem => {
    const id = Number(r.id);
    const state = r.st_read == null ? null : Number(r.st_read);
    const fresh = Number(r.fresh ?? 0) === 1 && id >= windowStart;
    return {
      id: id as ArticleId,
      storyId: r.story_id == null ? null : (Number(r.story_id) as ReadingItem['storyId']),
      title: String(r.title),
      outlet: String(r.outlet),
      url: r.url == null ? null : String(r.url),
      published: isoOrNull(r.published),
      firstSeen: iso(r.first_seen),
      snippet: String(r.snippet ?? ''),
      image: r.image == null ? null : String(r.image),
      outletCount: Number(r.outlet_count ?? 1),
      read: state === 1 ? true : state === 0 ? false : !fresh,
      starred: r.starred_at != null,
      starredAt: isoOrNull(r.starred_at),
      follows: r.fids == null ? [] : String(r.fids).split(',').map((x) => Number(x) as FollowId),
    };
  };

  /** One pass of the stream over article ids in [lo, hi). */
  async function streamPass(accountId: AccountId, s: StreamQuery, lo: number, hi: number, limit: number): Promise<Row[]> {
    // Placeholders are taken in the order they appear in the text (SQLite's ? are positional).
    const q = new Sql(db.dialect);
    const m = matches(q, accountId, s.follows, s.searchMatches, lo, hi);
    const state = `LEFT JOIN reading_states st ON st.account_id = ${q.p(accountId)} AND st.article_id = g.aid`;
    const where: string[] = [];
    if (s.unreadOnly) where.push(`(st.read = 0 OR (st.read IS NULL AND g.fresh = 1 AND g.aid >= ${q.p(s.windowStart)}))`);
    if (s.seenBefore) where.push(`a.first_seen < ${q.p(s.seenBefore)}`);
    if (s.seenAfter) where.push(`a.first_seen > ${q.p(s.seenAfter)}`);
    if (s.ids) where.push(q.in('a.id', s.ids));
    return all(q, `WITH m AS (${m}),
      g AS (SELECT aid, max(CASE WHEN aid > rb THEN 1 ELSE 0 END) AS fresh, ${q.concat('fid')} AS fids FROM m GROUP BY aid)
      SELECT ${db.summaryColumns}, g.fresh, g.fids, st.read AS st_read, st.starred_at
      FROM g JOIN articles a ON a.id = g.aid
      ${state}
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY a.id ${s.order === 'oldest' ? 'ASC' : 'DESC'} LIMIT ${q.p(limit)}`);
  }

  /** Starred articles, newest star first by article id order asked; any article, followed or not. */
  async function starredStream(accountId: AccountId, s: StreamQuery): Promise<ReadingItem[]> {
    const q = new Sql(db.dialect);
    const where = [`st.account_id = ${q.p(accountId)}`, 'st.starred_at IS NOT NULL'];
    if (s.beforeId) where.push(`a.id < ${q.p(s.beforeId)}`);
    if (s.afterId) where.push(`a.id > ${q.p(s.afterId)}`);
    if (s.seenBefore) where.push(`a.first_seen < ${q.p(s.seenBefore)}`);
    if (s.seenAfter) where.push(`a.first_seen > ${q.p(s.seenAfter)}`);
    if (s.ids) where.push(q.in('a.id', s.ids));
    if (s.unreadOnly) where.push('st.read = 0');
    const rows = await all(q, `SELECT ${db.summaryColumns}, 0 AS fresh, NULL AS fids, st.read AS st_read, st.starred_at
      FROM reading_states st JOIN articles a ON a.id = st.article_id WHERE ${where.join(' AND ')}
      ORDER BY a.id ${s.order === 'oldest' ? 'ASC' : 'DESC'} LIMIT ${q.p(s.limit)}`);
    return rows.map((r) => itemOf(r, s.windowStart));
  }

  return {
    async listFolders(accountId) {
      const rows = await db.all(`SELECT id, name FROM folders WHERE account_id = ${db.dialect === 'sqlite' ? '?' : '$1'} ORDER BY lower(name)`, [accountId]);
      return rows.map((r) => ({ id: Number(r.id) as FolderId, name: String(r.name) }));
    },
    async ensureFolder(accountId, name) {
      const clean = name.trim().slice(0, 100);
      if (!clean) throw new LedeError('bad_input', 'A folder needs a name.');
      const find = async () => {
        const q = new Sql(db.dialect);
        const r = await one(q, `SELECT id, name FROM folders WHERE account_id = ${q.p(accountId)} AND lower(name) = lower(${q.p(clean)})`);
        return r ? { id: Number(r.id) as FolderId, name: String(r.name) } : null;
      };
      const found = await find();
      if (found) return found;
      try {
        const q = new Sql(db.dialect);
        const r = await one(q, `INSERT INTO folders (account_id, name) VALUES (${q.p(accountId)}, ${q.p(clean)}) RETURNING id, name`);
        return { id: Number(r!.id) as FolderId, name: String(r!.name) };
      } catch (e) {
        if (!db.isUnique(e)) throw e;
        return (await find())!; // made by a concurrent request
      }
    },
    async renameFolder(accountId, id, name) {
      const clean = name.trim().slice(0, 100);
      if (!clean) throw new LedeError('bad_input', 'A folder needs a name.');
      const q = new Sql(db.dialect);
      try {
        mustChange(await db.exec(`UPDATE folders SET name = ${q.p(clean)} WHERE id = ${q.p(id)} AND account_id = ${q.p(accountId)}`, q.params), `folder ${id}`);
      } catch (e) {
        if (db.isUnique(e)) throw new LedeError('conflict', `There is already a folder named ${clean}.`, { cause: e });
        throw e;
      }
    },
    async deleteFolder(accountId, id) {
      const q = new Sql(db.dialect);
      mustChange(await db.exec(`DELETE FROM folders WHERE id = ${q.p(id)} AND account_id = ${q.p(accountId)}`, q.params), `folder ${id}`);
    },

    async listFollows(accountId) {
      const q = new Sql(db.dialect);
      return (await all(q, `${FOLLOW_SELECT} WHERE f.account_id = ${q.p(accountId)} ORDER BY lower(coalesce(fo.name, '')), lower(f.title), f.id`)).map(toFollow);
    },
    async getFollow(accountId, id) {
      const q = new Sql(db.dialect);
      const r = await one(q, `${FOLLOW_SELECT} WHERE f.account_id = ${q.p(accountId)} AND f.id = ${q.p(id)}`);
      return r ? toFollow(r) : null;
    },
    async addFollow(accountId, f: NewFollow) {
      const find = async () => {
        const q = new Sql(db.dialect);
        const r = await one(q, `${FOLLOW_SELECT} WHERE f.account_id = ${q.p(accountId)} AND f.kind = ${q.p(f.kind)} AND f.target = ${q.p(f.target)}`);
        return r ? toFollow(r) : null;
      };
      const existing = await find();
      if (existing) return { follow: existing, created: false };
      try {
        const q = new Sql(db.dialect);
        await db.exec(`INSERT INTO follows (account_id, kind, target, feed_id, title, folder_id) VALUES (${q.p(accountId)}, ${q.p(f.kind)}, ${q.p(f.target)}, ${q.p(f.feedId ?? null)}, ${q.p(f.title.slice(0, 300))}, ${q.p(f.folderId ?? null)})`, q.params);
      } catch (e) {
        if (!db.isUnique(e)) throw e;
        return { follow: (await find())!, created: false };
      }
      return { follow: (await find())!, created: true };
    },
    async updateFollow(accountId, id, patch) {
      const q = new Sql(db.dialect);
      const set: string[] = [];
      if (patch.title !== undefined) set.push(`title = ${q.p(patch.title.trim().slice(0, 300))}`);
      if (patch.folderId !== undefined) set.push(`folder_id = ${q.p(patch.folderId)}`);
      if (!set.length) return;
      if (patch.folderId != null) {
        const c = new Sql(db.dialect);
        if (!(await one(c, `SELECT 1 AS x FROM folders WHERE id = ${c.p(patch.folderId)} AND account_id = ${c.p(accountId)}`))) throw new LedeError('not_found', `folder ${patch.folderId} does not exist`);
      }
      mustChange(await db.exec(`UPDATE follows SET ${set.join(', ')} WHERE id = ${q.p(id)} AND account_id = ${q.p(accountId)}`, q.params), `follow ${id}`);
    },
    async removeFollow(accountId, id) {
      const q = new Sql(db.dialect);
      return (await db.exec(`DELETE FROM follows WHERE id = ${q.p(id)} AND account_id = ${q.p(accountId)}`, q.params)) > 0;
    },

    async readingStream(accountId, s) {
      const limit = Math.max(1, Math.min(s.limit, 1000));
      if (s.starredOnly) return starredStream(accountId, { ...s, limit });
      const floor = Math.max(s.afterId != null ? s.afterId + 1 : 0, s.unreadOnly ? s.windowStart : 0);
      const ceiling = s.beforeId ?? NO_END;
      if (s.ids) return (await streamPass(accountId, s, floor, ceiling, limit)).map((r) => itemOf(r, s.windowStart));
      // Read the id range in widening spans from the end the order starts at, so a first page costs a few
      // thousand index entries, not a month (unread) or the whole history (all).
      const top = Math.min(ceiling, (await newestId()) + 1);
      const out: Row[] = [];
      let span = FIRST_SPAN;
      if (s.order === 'oldest') {
        for (let lo = floor; lo < top && out.length < limit; lo += span, span *= 4) {
          out.push(...(await streamPass(accountId, s, lo, Math.min(top, lo + span), limit - out.length)));
        }
      } else {
        for (let hi = top; hi > floor && out.length < limit; hi -= span, span *= 4) {
          out.push(...(await streamPass(accountId, s, Math.max(floor, hi - span), hi, limit - out.length)));
        }
      }
      return out.map((r) => itemOf(r, s.windowStart));
    },

    async unreadCounts(accountId, s): Promise<UnreadCounts> {
      // Counted in the store: per follow, and the distinct articles (one article may come by two follows).
      const q = new Sql(db.dialect);
      const m = matches(q, accountId, undefined, s.searchMatches, s.windowStart, NO_END);
      const rows = await all(q, `WITH m AS (${m}),
        u AS (SELECT m.fid, m.aid FROM m LEFT JOIN reading_states st ON st.account_id = ${q.p(accountId)} AND st.article_id = m.aid
              WHERE st.read = 0 OR (st.read IS NULL AND m.aid > m.rb))
        SELECT fid, count(*) AS n FROM u GROUP BY fid
        UNION ALL SELECT 0, count(DISTINCT aid) FROM u`);
      const byFollow = new Map<FollowId, number>();
      let total = 0;
      for (const r of rows) {
        if (Number(r.fid) === 0) total = Number(r.n);
        else byFollow.set(Number(r.fid) as FollowId, Number(r.n));
      }
      return { total, byFollow };
    },

    async setRead(accountId, ids, read, at) {
      if (!ids.length) return;
      await db.transaction(async () => {
        for (const id of new Set(ids)) {
          const q = new Sql(db.dialect);
          // From articles: an id that names no article (deleted, or an app's stale id) is skipped, not an error.
          await db.exec(`INSERT INTO reading_states (account_id, article_id, read, changed_at) SELECT ${q.p(accountId)}, a.id, ${q.p(read ? 1 : 0)}, ${q.p(at)} FROM articles a WHERE a.id = ${q.p(id)}
            ON CONFLICT (account_id, article_id) DO UPDATE SET read = excluded.read, changed_at = excluded.changed_at`, q.params);
        }
      });
    },
    async setStarred(accountId, ids, starred, at) {
      if (!ids.length) return;
      await db.transaction(async () => {
        for (const id of new Set(ids)) {
          const q = new Sql(db.dialect);
          if (starred) {
            await db.exec(`INSERT INTO reading_states (account_id, article_id, starred_at, changed_at) SELECT ${q.p(accountId)}, a.id, ${q.p(at)}, ${q.p(at)} FROM articles a WHERE a.id = ${q.p(id)}
              ON CONFLICT (account_id, article_id) DO UPDATE SET starred_at = coalesce(reading_states.starred_at, excluded.starred_at), changed_at = excluded.changed_at`, q.params);
          } else {
            await db.exec(`UPDATE reading_states SET starred_at = NULL, changed_at = ${q.p(at)} WHERE account_id = ${q.p(accountId)} AND article_id = ${q.p(id)}`, q.params);
          }
        }
      });
    },
    async markAllRead(accountId, upToId, follows) {
      await db.transaction(async () => {
        const q = new Sql(db.dialect);
        await db.exec(`UPDATE follows SET read_before = ${q.p(upToId)} WHERE account_id = ${q.p(accountId)} AND read_before < ${q.p(upToId)}${follows ? ' AND ' + q.in('id', follows) : ''}`, q.params);
        // Everything read: rows that only said "read" are now said by read_before, and kept-unread rows
        // give way. (For some follows only, a row may still matter to another follow: kept.) Starred stay.
        if (follows) return;
        const d = new Sql(db.dialect);
        await db.exec(`DELETE FROM reading_states WHERE account_id = ${d.p(accountId)} AND article_id <= ${d.p(upToId)} AND starred_at IS NULL`, d.params);
        const k = new Sql(db.dialect);
        await db.exec(`UPDATE reading_states SET read = NULL WHERE account_id = ${k.p(accountId)} AND article_id <= ${k.p(upToId)} AND read = 0`, k.params);
      });
    },
    // Ids follow arrival, so these are cheap where ingest fills the store; a backfill can put an older
    // article after newer ones, and min/max over the time range stays right then too.
    async firstArticleSince(at) {
      const q = new Sql(db.dialect);
      const r = await one(q, `SELECT min(id) AS id FROM articles WHERE first_seen >= ${q.p(at)}`);
      return (r?.id != null ? Number(r.id) : (await newestId()) + 1) as ArticleId;
    },
    async lastArticleBefore(at) {
      const q = new Sql(db.dialect);
      const newest = await one(q, `SELECT 1 AS later FROM articles WHERE first_seen >= ${q.p(at)} LIMIT 1`);
      if (!newest) return (await newestId()) as ArticleId; // everything is older: no scan
      const o = new Sql(db.dialect);
      const r = await one(o, `SELECT max(id) AS id FROM articles WHERE first_seen < ${o.p(at)}`);
      return (r?.id != null ? Number(r.id) : 0) as ArticleId;
    },
    async readingStateSize() {
      const [r] = await db.all('SELECT (SELECT count(*) FROM reading_states) AS rows, (SELECT count(*) FROM follows) AS follows', []);
      return { rows: Number(r!.rows), follows: Number(r!.follows) };
    },

    async setApiPassword(accountId, passwordHash, feverKeyHash, at) {
      await db.transaction(async () => {
        const d = new Sql(db.dialect);
        await db.exec(`DELETE FROM api_tokens WHERE account_id = ${d.p(accountId)}`, d.params);
        const q = new Sql(db.dialect);
        await db.exec(`INSERT INTO api_credentials (account_id, password_hash, fever_key, created_at) VALUES (${q.p(accountId)}, ${q.p(passwordHash)}, ${q.p(feverKeyHash)}, ${q.p(at)})
          ON CONFLICT (account_id) DO UPDATE SET password_hash = excluded.password_hash, fever_key = excluded.fever_key, created_at = excluded.created_at`, q.params);
      });
    },
    async revokeApiPassword(accountId) {
      await db.transaction(async () => {
        await db.exec(`DELETE FROM api_tokens WHERE account_id = ${db.dialect === 'sqlite' ? '?' : '$1'}`, [accountId]);
        await db.exec(`DELETE FROM api_credentials WHERE account_id = ${db.dialect === 'sqlite' ? '?' : '$1'}`, [accountId]);
      });
    },
    async apiPasswordOf(accountId) {
      const q = new Sql(db.dialect);
      const r = await one(q, `SELECT password_hash, created_at FROM api_credentials WHERE account_id = ${q.p(accountId)}`);
      return r ? { passwordHash: String(r.password_hash), createdAt: iso(r.created_at) } : null;
    },
    async findAccountByFeverKey(feverKeyHash) {
      const q = new Sql(db.dialect);
      const r = await one(q, `SELECT acc.* FROM api_credentials c JOIN accounts acc ON acc.id = c.account_id WHERE c.fever_key = ${q.p(feverKeyHash)}`);
      return r ? toAccount(r) : null;
    },
    async createApiToken(accountId, tokenHash, at) {
      const q = new Sql(db.dialect);
      await db.exec(`INSERT INTO api_tokens (token_hash, account_id, created_at) VALUES (${q.p(tokenHash)}, ${q.p(accountId)}, ${q.p(at)})`, q.params);
    },
    async findApiToken(tokenHash, at) {
      const q = new Sql(db.dialect);
      const r = await one(q, `SELECT acc.*, t.last_used_at FROM api_tokens t JOIN accounts acc ON acc.id = t.account_id WHERE t.token_hash = ${q.p(tokenHash)}`);
      if (!r) return null;
      // Noted at most once an hour: a busy app must not turn every read into a write.
      if (!r.last_used_at || Date.parse(at) - Date.parse(iso(r.last_used_at)) > 3600_000) {
        const u = new Sql(db.dialect);
        await db.exec(`UPDATE api_tokens SET last_used_at = ${u.p(at)} WHERE token_hash = ${u.p(tokenHash)}`, u.params);
      }
      return toAccount(r);
    },

    async getSetting(name) {
      const q = new Sql(db.dialect);
      const r = await one(q, `SELECT value FROM settings WHERE name = ${q.p(name)}`);
      return r ? String(r.value) : null;
    },
    async setSetting(name, value) {
      const q = new Sql(db.dialect);
      await db.exec(`INSERT INTO settings (name, value) VALUES (${q.p(name)}, ${q.p(value)}) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, q.params);
    },
  };
}
