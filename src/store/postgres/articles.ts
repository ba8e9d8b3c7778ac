// Items, articles, versions, fingerprints and enrichment.
import { LedeError } from '../../domain/errors.ts';
import type { Article, ArticleId, Enrichment, FeedId, Item, SourceId, Version, VersionId } from '../../domain/types.ts';
import type { ArticleRepo, ArticleWithVersions, Fingerprint, FingerprintLogPage, LoggedFingerprint, NewVersion } from '../repository.ts';
import { searchTerms } from '../../pipeline/normalize/arabic.ts';
import { storable, storableParams } from '../../domain/text.ts';
import type { Db, Row } from './db.ts';
import { iso, isoOrNull, time, toArticle, toSummary, toVersion } from './rows.ts';
import { withVersions } from '../rows.ts';
import { LOG_SEEN, storyLogPage, storyLogRows, unseen } from './story-log.ts';

/** The columns of an ArticleSummary, for `FROM articles a`. Shared with stories and search. */
export const SUMMARY_COLUMNS = `a.id, a.story_id, a.title, a.outlet, a.url, a.published, a.first_seen, a.image,
  left(coalesce(nullif(a.lede, ''), a.text), 280) AS snippet,
  (SELECT count(DISTINCT v.outlet) FROM versions v WHERE v.article_id = a.id) AS outlet_count`;

const VERSION_COLUMNS = `article_id, source_id, feed_id, outlet, url, canonical_url, title, byline, text, html, lede,
  image, language, published, fetched_at, content_hash`;

// addVersion in one statement (it was four): the version inserted, the article taking its text when asked
// (makeCanonical's SQL), the fingerprint (one row per article, its log position moved on). A repeat of a
// stored copy inserts nothing and changes no text here: see addVersion. Parameters: versionParams, search
// terms, canonical, signature, text length, anchors.
const ADD_VERSION = `
  WITH a AS (SELECT id FROM articles WHERE id = $1 FOR UPDATE),
  ins AS (
    INSERT INTO versions (${VERSION_COLUMNS})
    SELECT a.id, $2::bigint, $3::bigint, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text, $12::text,
      $13::text, $14::timestamptz, $15::timestamptz, $16::text FROM a
    ON CONFLICT (article_id, outlet, content_hash) DO NOTHING RETURNING *),
  canon AS (
    UPDATE articles ar SET canonical_version_id = ins.id, title = ins.title, byline = ins.byline, text = ins.text, html = ins.html,
      lede = ins.lede, image = coalesce(ins.image, ar.image), language = coalesce(ins.language, ar.language), url = ins.url,
      outlet = ins.outlet, published = coalesce(ins.published, ar.published), search_terms = $17
    FROM ins WHERE ar.id = ins.article_id AND $18::boolean),
  fp AS (
    INSERT INTO fingerprints (article_id, signature, text_length, published, outlet, anchors, seq)
    SELECT a.id, $19::bytea, $20::int, $14::timestamptz, $4::text, $21::text, pg_current_xact_id()::text::bigint FROM a WHERE $19::bytea IS NOT NULL
    ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature, text_length = excluded.text_length,
      published = excluded.published, outlet = excluded.outlet, anchors = excluded.anchors, seq = excluded.seq)
  SELECT EXISTS (SELECT 1 FROM a) AS found, (SELECT row_to_json(ins) FROM ins) AS version`;

// createArticle's statement (see there). Parameters: the version's columns, search terms, signature, text length,
// anchors.
const CREATE_ARTICLE = `
  WITH ids AS (SELECT nextval(pg_get_serial_sequence('articles', 'id')) AS a, nextval(pg_get_serial_sequence('versions', 'id')) AS v),
  art AS (
    INSERT INTO articles (id, canonical_version_id, title, byline, text, html, lede, image, language, url, outlet, published, first_seen, search_terms)
    SELECT ids.a, ids.v, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text, $12::text, $4::text, $3::text,
      $13::timestamptz, $14::timestamptz, $16::text FROM ids),
  ver AS (
    INSERT INTO versions (id, ${VERSION_COLUMNS})
    SELECT ids.v, ids.a, $1::bigint, $2::bigint, $3, $4, $5::text, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text FROM ids),
  fp AS (
    INSERT INTO fingerprints (article_id, signature, text_length, published, outlet, anchors, seq)
    SELECT ids.a, $17::bytea, $18::int, $13, $3, $19::text, pg_current_xact_id()::text::bigint FROM ids WHERE $17::bytea IS NOT NULL)
  SELECT a, v FROM ids`;

const versionParams = (articleId: number, v: NewVersion) => [
  articleId, v.sourceId, v.feedId, v.outlet, v.url, v.canonicalUrl, v.title, v.byline, v.text, v.html, v.lede,
  v.image, v.language, time(v.published), time(v.fetchedAt), v.contentHash,
];

/** The time lists order an article by (see the SQLite store); the same expression as index articles_listed. */
export const LISTED = 'least(coalesce(a.published, a.first_seen), a.first_seen)';

/** Opaque page cursor: the (listed time, id) of the last row shown. */
export function encodeCursor(listed: string, id: number): string {
  return Buffer.from(`${listed}|${id}`).toString('base64url');
}
export function decodeCursor(cursor: string): { listed: Date; id: number } {
  const [t, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const listed = new Date(t ?? '');
  if (Number.isNaN(listed.getTime()) || !Number.isInteger(Number(id))) throw new LedeError('bad_input', 'invalid page cursor');
  return { listed, id: Number(id) };
}

// The fingerprint log (migration 014): a row's seq is the id of the transaction that wrote it, and the
// cursor handed back is the oldest transaction still running when the rows were read: everything older had
// ended, and was read if it committed. The rows from a cursor (oldest first), the next cursor and the
// snapshot (LOG_SEEN: the rows after the cursor it saw are not sent again) are read in one statement, so
// they share a snapshot.
const LOG_CURSOR = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';
const logRows = (from: string, seen: string) => `(SELECT json_agg(json_build_array(f.seq, f.article_id, f.anchors, encode(f.signature, 'base64'), f.published)
     ORDER BY f.seq, f.article_id) FROM fingerprints f WHERE f.seq >= ${from} AND ${unseen('f', seen)})`;
const FINGERPRINTS_SINCE = `SELECT ${LOG_CURSOR} AS cursor, ${LOG_SEEN} AS seen, ${logRows('$1', '$2')} AS rows`;

// placementLookup: findVersionByHash, findVersionByUrl, termDocs, fingerprintsSince and storiesSince in one
// statement. Parameters: content hash, URL (or null), terms with '' as a JSON array (or null: JSON.stringify is
// native, where a text array is escaped term by term in this process), log cursor (or null), story log cursor
// (or null), what the read before saw of each log (LogSeen, or null). Both logs share the statement's cursor and snapshot.
const PLACEMENT_LOOKUP = `
  SELECT
    (SELECT row_to_json(v) FROM (SELECT * FROM versions WHERE content_hash = $1 ORDER BY id LIMIT 1) v) AS by_hash,
    (SELECT row_to_json(v) FROM (SELECT * FROM versions WHERE $2::text IS NOT NULL AND (url = $2 OR canonical_url = $2)
                                 ORDER BY (url = $2) DESC, id LIMIT 1) v) AS by_url,
    (SELECT json_object_agg(term, docs) FROM term_stats WHERE term = ANY(ARRAY(SELECT json_array_elements_text($3::json)))) AS term_docs,
    ${LOG_CURSOR} AS log_cursor, ${LOG_SEEN} AS log_seen, CASE WHEN $4::bigint IS NOT NULL THEN ${logRows('$4', '$6')} END AS log_rows,
    CASE WHEN $5::bigint IS NOT NULL THEN ${storyLogRows('$5', '$7')} END AS story_rows`;

// The first read of a process: the newest $1 as plain rows (a JSON value of 100k rows would be ~70 MB), after
// the cursor is taken (a cursor taken first is safe: whatever ended before it is visible to the later read).
const HORIZON = `SELECT ${LOG_CURSOR} AS cursor`;
const NEWEST_FINGERPRINTS = 'SELECT seq, article_id, anchors, signature, published FROM fingerprints ORDER BY seq DESC, article_id DESC LIMIT $1';

// Only committed rows are read (a placement reads the log before it writes): none is ever lost, so the
// generation stays 0.
const logPage = (cursor: unknown, rows: unknown, seen: unknown): FingerprintLogPage => ({
  rows: ((rows ?? []) as Parameters<typeof toLogged>[0][]).map(toLogged),
  cursor: Number(cursor),
  seen: (seen as string | null) ?? null,
  generation: 0,
});

const toLogged = ([seq, id, anchors, signature, published]: [string | number, string | number, string, Buffer | string, unknown]): LoggedFingerprint => ({
  seq: Number(seq),
  articleId: Number(id) as ArticleId,
  bands: anchors ? anchors.split(' ') : [],
  signature: new Uint8Array(typeof signature === 'string' ? Buffer.from(signature, 'base64') : signature),
  published: isoOrNull(published),
});

export function articlePort(db: Db): ArticleRepo {
  async function insertVersion(articleId: number, v: NewVersion): Promise<Version> {
    // A repeat of the same copy (same outlet, same text) returns the stored one instead of doubling it.
    const inserted = await db.one(
      `INSERT INTO versions (${VERSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (article_id, outlet, content_hash) DO NOTHING RETURNING *`,
      versionParams(articleId, v),
    );
    if (inserted) return toVersion(inserted);
    const existing = await db.one('SELECT * FROM versions WHERE article_id = $1 AND outlet = $2 AND content_hash = $3', [articleId, v.outlet, v.contentHash]);
    return toVersion(existing!);
  }

  async function makeCanonical(articleId: number, version: Version): Promise<void> {
    await db.exec(
      `UPDATE articles a SET canonical_version_id = v.id, title = v.title, byline = v.byline, text = v.text, html = v.html,
         lede = v.lede, image = coalesce(v.image, a.image), language = coalesce(v.language, a.language), url = v.url,
         outlet = v.outlet, published = coalesce(v.published, a.published), search_terms = $3
       FROM versions v WHERE a.id = $1 AND v.id = $2`,
      [articleId, version.id, searchTerms(version.title, version.text)],
    );
  }

  async function readArticles(ids: ArticleId[]): Promise<ArticleWithVersions[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const articles = await db.prepared('SELECT * FROM articles WHERE id = ANY($1::bigint[])', [unique]);
    const versions = await db.prepared('SELECT * FROM versions WHERE article_id = ANY($1::bigint[]) ORDER BY id', [unique]);
    return withVersions(ids, articles.map(toArticle), versions.map(toVersion));
  }

  async function readEnrichments(articleIds: ArticleId[]): Promise<Map<ArticleId, Enrichment>> {
    if (articleIds.length === 0) return new Map();
    const rows = await db.prepared<{ article_id: ArticleId; data: Enrichment }>('SELECT article_id, data FROM enrichments WHERE article_id = ANY($1::bigint[])', [[...new Set(articleIds)]]);
    return new Map(rows.map((r) => [Number(r.article_id) as ArticleId, r.data]));
  }

  return {
    async hasItem(feedId: FeedId, key: string) {
      return (await db.preparedOne('SELECT 1 FROM items WHERE feed_id = $1 AND key = $2', [feedId, key])) !== null;
    },
    async recordItem(feedId: FeedId, key: string, item: Item, versionId: VersionId | null) {
      await db.preparedExec(
        `INSERT INTO items (feed_id, key, guid, url, title, published, data, version_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (feed_id, key) DO UPDATE SET version_id = coalesce(excluded.version_id, items.version_id)`,
        [feedId, key, item.guid, item.url, item.title, time(item.published), JSON.stringify(item), versionId],
      );
    },
    async findVersionByUrl(url: string) {
      const r = await db.preparedOne('SELECT * FROM versions WHERE url = $1 OR canonical_url = $1 ORDER BY (url = $1) DESC, id LIMIT 1', [url]);
      return r ? toVersion(r) : null;
    },
    async findVersionByHash(contentHash: string) {
      const r = await db.one('SELECT * FROM versions WHERE content_hash = $1 ORDER BY id LIMIT 1', [contentHash]);
      return r ? toVersion(r) : null;
    },

    // One statement (ingest's costliest part on PostgreSQL was round trips: this was nine). The two ids are
    // drawn first so that the article names its canonical version as it is inserted (that reference is
    // checked at commit); the version's other columns are the article's own, from the same parameters.
    // Only the ids come back: the rest is what was just sent (as storableParams made it), which the answer
    // used to carry back, text and HTML included, for this process to parse again.
    async createArticle(v: NewVersion, fp: Fingerprint | null) {
      const params = storableParams([
        v.sourceId, v.feedId, v.outlet, v.url, v.canonicalUrl, v.title, v.byline, v.text, v.html, v.lede, v.image, v.language,
        time(v.published), time(v.fetchedAt), v.contentHash, searchTerms(v.title, v.text),
        fp ? Buffer.from(fp.signature) : null, v.text.length, fp ? [...new Set(fp.bands)].join(' ') : '',
      ]);
      // Made storable above: not scanned again (the text and HTML are most of the bytes sent).
      const [r] = await db.prepared<{ a: number; v: number }>(CREATE_ARTICLE, params, { storable: true });
      const [sourceId, feedId, outlet, url, canonicalUrl, title, byline, text, html, lede, image, language, published, fetchedAt, contentHash] =
        params as [SourceId | null, FeedId | null, string, string | null, string | null, string, string | null, string, string, string | null,
          string | null, string | null, Date | null, Date, string];
      const articleId = Number(r!.a) as ArticleId;
      const versionId = Number(r!.v) as VersionId;
      const article: Article = {
        id: articleId, storyId: null, canonicalVersionId: versionId, title, byline, text, html, lede, image, language, url, outlet,
        published: isoOrNull(published), firstSeen: iso(fetchedAt),
      };
      const version: Version = {
        id: versionId, articleId, sourceId, outlet, url, canonicalUrl, title, byline, text, html, lede, image, language,
        published: isoOrNull(published), fetchedAt: iso(fetchedAt), contentHash,
      };
      return { article, version };
    },
    async addVersion(articleId: ArticleId, v: NewVersion, canonical: boolean, fp: Fingerprint | null) {
      return db.transaction(async () => {
        const [r] = await db.prepared<{ found: boolean; version: Row | null }>(ADD_VERSION, [
          ...versionParams(articleId, v), canonical ? searchTerms(storable(v.title), storable(v.text)) : null, canonical,
          fp ? Buffer.from(fp.signature) : null, v.text.length, fp ? [...new Set(fp.bands)].join(' ') : '',
        ]);
        if (!r?.found) throw new LedeError('not_found', `article ${articleId} does not exist`);
        if (r.version) return toVersion(r.version);
        // The same copy (outlet and text) was stored before: that version stands, and takes the text as before.
        const version = await insertVersion(articleId, v);
        if (canonical) await makeCanonical(articleId, version);
        return version;
      });
    },
    // One statement, one round trip: the reads a placement starts with, each as one JSON value. The same SQL
    // as the calls it stands for.
    async placementLookup(q) {
      const r = (await db.prepared(PLACEMENT_LOOKUP, [
        q.contentHash, q.url, q.terms ? JSON.stringify(['', ...new Set(q.terms)]) : null, q.fingerprintsAfter, q.storiesAfter,
        q.fingerprintsSeen ?? null, q.storiesSeen ?? null,
      ]))[0]!;
      let termDocs: { docs: number; counts: Map<string, number> } | null = null;
      if (q.terms) {
        const counts = new Map<string, number>();
        let docs = 0;
        for (const [term, n] of Object.entries((r.term_docs ?? {}) as Record<string, number>)) {
          if (term === '') docs = Number(n);
          else counts.set(term, Number(n));
        }
        termDocs = { docs, counts };
      }
      const version = (v: unknown) => (v ? toVersion(v as Record<string, unknown>) : null);
      const fingerprints = q.fingerprintsAfter === null ? null : logPage(r.log_cursor, r.log_rows, r.log_seen);
      const stories = q.storiesAfter === null ? null : storyLogPage(r.log_cursor, r.story_rows, r.log_seen);
      return { byHash: version(r.by_hash), byUrl: version(r.by_url), termDocs, fingerprints, stories };
    },
    async fingerprintsSince(cursor, newest, seen = null) {
      if (cursor === null) {
        const horizon = Number((await db.one(HORIZON))!.cursor);
        const rows = await db.query(NEWEST_FINGERPRINTS, [newest]);
        return {
          rows: rows.reverse().map((r) => toLogged([r.seq as string, r.article_id as string, r.anchors as string, r.signature as Buffer, r.published])),
          cursor: horizon, generation: 0,
        };
      }
      const r = (await db.prepared(FINGERPRINTS_SINCE, [cursor, seen]))[0]!;
      return logPage(r.cursor, r.rows, r.seen);
    },

    async getArticle(id: ArticleId) {
      return (await readArticles([id]))[0] ?? null;
    },
    getArticles: readArticles,
    async latestArticles(opts) {
      const where: string[] = [];
      const params: unknown[] = [];
      const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
      if (opts.outlet) where.push(`EXISTS (SELECT 1 FROM versions v WHERE v.article_id = a.id AND v.outlet = ${p(opts.outlet)})`);
      if (opts.hashtag) where.push(`EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = a.id AND h.hashtag = ${p(opts.hashtag)})`);
      if (opts.cursor) {
        const c = decodeCursor(opts.cursor);
        where.push(`(${LISTED}, a.id) < (${p(c.listed)}, ${p(c.id)})`);
      }
      const limit = Math.max(1, opts.limit);
      const rows = await db.query(
        `SELECT ${SUMMARY_COLUMNS}, ${LISTED} AS listed FROM articles a ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
         ORDER BY ${LISTED} DESC, a.id DESC LIMIT ${p(limit + 1)}`,
        params,
      );
      const items = rows.slice(0, limit).map(toSummary);
      const last = rows[limit - 1];
      return { items, next: rows.length > limit && last ? encodeCursor(new Date(last.listed as string | Date).toISOString(), Number(last.id)) : null };
    },
    async countArticles() {
      return Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM articles'))!.n);
    },

    // One statement, so atomic without a transaction of its own: the enrichment, and the article's hashtags
    // and entity names (for readers who follow one) made the same as its lists — the rows no longer listed
    // deleted, the new ones added (sub-statements of one statement cannot see each other's rows, so the
    // two touch disjoint rows).
    async saveEnrichment(articleId: ArticleId, e: Enrichment) {
      await db.preparedExec(
        `WITH en AS (
           INSERT INTO enrichments (article_id, language, data) VALUES ($1, $2, $3)
           ON CONFLICT (article_id) DO UPDATE SET language = excluded.language, data = excluded.data),
         tags_gone AS (DELETE FROM article_hashtags WHERE article_id = $1 AND NOT (hashtag = ANY($4::text[]))),
         tags AS (INSERT INTO article_hashtags (article_id, hashtag) SELECT $1, unnest($4::text[]) ON CONFLICT DO NOTHING),
         names_gone AS (DELETE FROM article_entities WHERE article_id = $1 AND NOT (entity = ANY($5::text[])))
         INSERT INTO article_entities (article_id, entity) SELECT $1, unnest($5::text[]) ON CONFLICT DO NOTHING`,
        [articleId, e.language, JSON.stringify(e), [...new Set(e.hashtags)], [...new Set(e.entities.map((x) => x.canonical).filter(Boolean))]],
      );
    },
    async getEnrichment(articleId: ArticleId) {
      return (await readEnrichments([articleId])).get(articleId) ?? null;
    },
    getEnrichments: readEnrichments,
    async trendingHashtags(since, limit) {
      const rows = await db.query<{ hashtag: string; count: number; stories: number; outlets: number }>(
        `SELECT h.hashtag, count(*) AS count, count(DISTINCT coalesce(a.story_id, -a.id)) AS stories, count(DISTINCT a.outlet) AS outlets
         FROM article_hashtags h JOIN articles a ON a.id = h.article_id
         WHERE a.first_seen >= $1 GROUP BY h.hashtag
         ORDER BY count(DISTINCT coalesce(a.story_id, -a.id)) DESC, count(DISTINCT a.outlet) DESC, count(*) DESC, h.hashtag LIMIT $2`,
        [time(since), limit],
      );
      return rows.map((r) => ({ hashtag: r.hashtag, count: Number(r.count), stories: Number(r.stories), outlets: Number(r.outlets) }));
    },
  };
}
