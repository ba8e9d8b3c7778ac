// Items, articles, versions, fingerprints and enrichment.
import { LedeError } from '../../domain/errors.ts';
import type { ArticleId, Enrichment, FeedId, Item, Version, VersionId } from '../../domain/types.ts';
import type { ArticleRepo, ArticleWithVersions, Fingerprint, FingerprintLogPage, LoggedFingerprint, NewVersion } from '../repository.ts';
import { searchTerms } from '../../pipeline/normalize/arabic.ts';
import { time, type SqliteDb } from './db.ts';
import { isoOrNull, toArticle, toSummary, toVersion } from './rows.ts';
import { withVersions } from '../rows.ts';
import { termDocs } from './terms.ts';
import { storiesSince } from './story-log.ts';

/** The columns of an ArticleSummary, for `FROM articles a`. Shared with stories and search. */
export const SUMMARY_COLUMNS = `a.id, a.story_id, a.title, a.outlet, a.url, a.published, a.first_seen, a.image,
  substr(coalesce(nullif(a.lede, ''), a.text), 1, 280) AS snippet,
  (SELECT count(DISTINCT v.outlet) FROM versions v WHERE v.article_id = a.id) AS outlet_count`;

const VERSION_COLUMNS = `article_id, source_id, feed_id, outlet, url, canonical_url, title, byline, text, html, lede,
  image, language, published, fetched_at, content_hash`;

/**
 * The time lists order an article by (and show): when it was published, or when Lede first saw it when
 * it has no date or is dated later than that (a future date is a feed's slip, not tomorrow's news), so an
 * old piece a feed carries only now sorts among its own days. The same expression as index articles_listed.
 */
export const LISTED = 'min(coalesce(a.published, a.first_seen), a.first_seen)';

/** Opaque page cursor: the (listed time, id) of the last row shown (same encoding as the PostgreSQL store). */
export function encodeCursor(listed: string, id: number): string {
  return Buffer.from(`${listed}|${id}`).toString('base64url');
}
export function decodeCursor(cursor: string): { listed: string; id: number } {
  const [t, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const listed = time(t ?? '');
  if (!listed || !Number.isInteger(Number(id))) throw new LedeError('bad_input', 'invalid page cursor');
  return { listed, id: Number(id) };
}

/**
 * WHERE parts for the outlet and hashtag filters shared by lists and search; `id` is the column holding
 * the article id (search filters the full-text table's rowid, never reading the article row).
 */
export function articleFilters(opts: { outlet?: string; hashtag?: string }, where: string[], params: unknown[], id = 'a.id'): void {
  if (opts.outlet) {
    where.push(`EXISTS (SELECT 1 FROM versions v WHERE v.article_id = ${id} AND v.outlet = ?)`);
    params.push(opts.outlet);
  }
  if (opts.hashtag) {
    where.push(`EXISTS (SELECT 1 FROM article_hashtags h WHERE h.article_id = ${id} AND h.hashtag = ?)`);
    params.push(opts.hashtag);
  }
}

// The fingerprint log (migration 015): rows after a position, or the newest `n`, oldest first.
const FINGERPRINT_COLUMNS = 'seq, article_id, anchors, signature, published';
const FINGERPRINTS_AFTER = `SELECT ${FINGERPRINT_COLUMNS} FROM fingerprints WHERE seq > ? ORDER BY seq`;
const NEWEST_FINGERPRINTS = `SELECT * FROM (SELECT ${FINGERPRINT_COLUMNS} FROM fingerprints ORDER BY seq DESC LIMIT ?) ORDER BY seq`;

const toLogged = (r: Record<string, unknown>): LoggedFingerprint => ({
  seq: Number(r.seq),
  articleId: r.article_id as ArticleId,
  bands: r.anchors ? (r.anchors as string).split(' ') : [],
  signature: new Uint8Array(r.signature as Buffer),
  published: isoOrNull(r.published),
});

export function articlePort(db: SqliteDb): ArticleRepo {
  function insertVersion(articleId: number, v: NewVersion): Version {
    // A repeat of the same copy (same outlet, same text) returns the stored one instead of doubling it.
    const inserted = db.get(
      `INSERT INTO versions (${VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (article_id, outlet, content_hash) DO NOTHING RETURNING *`,
      articleId, v.sourceId, v.feedId, v.outlet, v.url, v.canonicalUrl, v.title, v.byline, v.text, v.html, v.lede,
      v.image, v.language, time(v.published), time(v.fetchedAt), v.contentHash,
    );
    if (inserted) return toVersion(inserted);
    return toVersion(db.get('SELECT * FROM versions WHERE article_id = ? AND outlet = ? AND content_hash = ?', articleId, v.outlet, v.contentHash)!);
  }

  function makeCanonical(articleId: number, version: Version): void {
    db.exec(
      `UPDATE articles SET canonical_version_id = v.id, title = v.title, byline = v.byline, text = v.text, html = v.html,
         lede = v.lede, image = coalesce(v.image, articles.image), language = coalesce(v.language, articles.language),
         url = v.url, outlet = v.outlet, published = coalesce(v.published, articles.published), search_terms = ?
       FROM (SELECT * FROM versions WHERE id = ?) AS v WHERE articles.id = ?`,
      searchTerms(version.title, version.text), version.id, articleId,
    );
  }

  function saveFingerprint(articleId: number, fp: Fingerprint, v: NewVersion): void {
    // The next log position: writers hold the write lock, so positions are taken and committed in order.
    db.exec(
      `INSERT INTO fingerprints (article_id, signature, text_length, published, outlet, anchors, seq)
       VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM fingerprints))
       ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature, text_length = excluded.text_length,
         published = excluded.published, outlet = excluded.outlet, anchors = excluded.anchors, seq = excluded.seq`,
      articleId, Buffer.from(fp.signature), v.text.length, time(v.published), v.outlet, [...new Set(fp.bands)].join(' '),
    );
  }

  function findVersionByUrl(url: string): Version | null {
    const r = db.get('SELECT * FROM versions WHERE url = ? OR canonical_url = ? ORDER BY (url = ?) DESC, id LIMIT 1', url, url, url);
    return r ? toVersion(r) : null;
  }

  function findVersionByHash(contentHash: string): Version | null {
    const r = db.get('SELECT * FROM versions WHERE content_hash = ? ORDER BY id LIMIT 1', contentHash);
    return r ? toVersion(r) : null;
  }

  function fingerprintsSince(cursor: number | null, newest: number): FingerprintLogPage {
    const rows = (cursor === null ? db.all(NEWEST_FINGERPRINTS, newest) : db.all(FINGERPRINTS_AFTER, cursor)).map(toLogged);
    return { rows, cursor: rows.length ? rows[rows.length - 1]!.seq : cursor ?? 0, generation: db.lostGroups };
  }

  function readArticles(ids: ArticleId[]): ArticleWithVersions[] {
    if (ids.length === 0) return [];
    const unique = JSON.stringify([...new Set(ids)]);
    const articles = db.all('SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))', unique).map(toArticle);
    const versions = db.all('SELECT * FROM versions WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY id', unique).map(toVersion);
    return withVersions(ids, articles, versions);
  }

  function readEnrichments(articleIds: ArticleId[]): Map<ArticleId, Enrichment> {
    if (articleIds.length === 0) return new Map();
    const rows = db.all('SELECT article_id, data FROM enrichments WHERE article_id IN (SELECT value FROM json_each(?))', JSON.stringify([...new Set(articleIds)]));
    return new Map(rows.map((r) => [r.article_id as ArticleId, JSON.parse(r.data as string) as Enrichment]));
  }

  return {
    hasItem: (feedId: FeedId, key: string) => db.run(() => db.get('SELECT 1 FROM items WHERE feed_id = ? AND key = ?', feedId, key) !== null),
    recordItem: (feedId: FeedId, key: string, item: Item, versionId: VersionId | null) =>
      db.run(() => {
        db.exec(
          `INSERT INTO items (feed_id, key, guid, url, title, published, data, version_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (feed_id, key) DO UPDATE SET version_id = coalesce(excluded.version_id, items.version_id)`,
          feedId, key, item.guid, item.url, item.title, time(item.published), JSON.stringify(item), versionId,
        );
      }),
    findVersionByUrl: (url: string) => db.run(() => findVersionByUrl(url)),
    findVersionByHash: (contentHash: string) => db.run(() => findVersionByHash(contentHash)),

    createArticle: (v: NewVersion, fp: Fingerprint | null) =>
      db.atomic(() => {
        const id = db.insert(
          `INSERT INTO articles (title, byline, text, html, lede, image, language, url, outlet, published, first_seen, search_terms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          v.title, v.byline, v.text, v.html, v.lede, v.image, v.language, v.url, v.outlet, time(v.published), time(v.fetchedAt),
          searchTerms(v.title, v.text),
        );
        const version = insertVersion(id, v);
        db.exec('UPDATE articles SET canonical_version_id = ? WHERE id = ?', version.id, id);
        if (fp) saveFingerprint(id, fp, v);
        return { article: toArticle(db.get('SELECT * FROM articles WHERE id = ?', id)!), version };
      }),
    addVersion: (articleId: ArticleId, v: NewVersion, canonical: boolean, fp: Fingerprint | null) =>
      db.atomic(() => {
        if (!db.get('SELECT 1 FROM articles WHERE id = ?', articleId)) throw new LedeError('not_found', `article ${articleId} does not exist`);
        const version = insertVersion(articleId, v);
        if (canonical) makeCanonical(articleId, version);
        if (fp) saveFingerprint(articleId, fp, v);
        return version;
      }),
    fingerprintsSince: (cursor, newest) => db.run(() => fingerprintsSince(cursor, newest)),
    // The same reads one after the other, in one call: on SQLite there is no round trip to save.
    placementLookup: (q) =>
      db.run(() => ({
        byHash: findVersionByHash(q.contentHash),
        byUrl: q.url ? findVersionByUrl(q.url) : null,
        termDocs: q.terms ? termDocs(db, q.terms) : null,
        fingerprints: q.fingerprintsAfter === null ? null : fingerprintsSince(q.fingerprintsAfter, 0),
        stories: q.storiesAfter === null ? null : storiesSince(db, q.storiesAfter),
      })),

    getArticle: (id: ArticleId) => db.run(() => readArticles([id])[0] ?? null),
    getArticles: (ids: ArticleId[]) => db.run(() => readArticles(ids)),
    latestArticles: (opts) =>
      db.run(() => {
        const where: string[] = [];
        const params: unknown[] = [];
        articleFilters(opts, where, params);
        if (opts.cursor) {
          const c = decodeCursor(opts.cursor);
          where.push(`(${LISTED} < ? OR (${LISTED} = ? AND a.id < ?))`);
          params.push(c.listed, c.listed, c.id);
        }
        const limit = Math.max(1, opts.limit);
        const rows = db.all(
          `SELECT ${SUMMARY_COLUMNS}, ${LISTED} AS listed FROM articles a ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
           ORDER BY ${LISTED} DESC, a.id DESC LIMIT ?`,
          ...params, limit + 1,
        );
        const items = rows.slice(0, limit).map(toSummary);
        const last = rows[limit - 1];
        return { items, next: rows.length > limit && last ? encodeCursor(String(last.listed), Number(last.id)) : null };
      }),
    countArticles: () => db.run(() => Number(db.get('SELECT count(*) AS n FROM articles')!.n)),

    saveEnrichment: (articleId: ArticleId, e: Enrichment) =>
      db.atomic(() => {
        try {
          db.exec(
            `INSERT INTO enrichments (article_id, language, data) VALUES (?, ?, ?)
             ON CONFLICT (article_id) DO UPDATE SET language = excluded.language, data = excluded.data`,
            articleId, e.language, JSON.stringify(e),
          );
        } catch (err) {
          if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new LedeError('not_found', `article ${articleId} does not exist`, { cause: err });
          throw err;
        }
        db.exec('DELETE FROM article_hashtags WHERE article_id = ?', articleId);
        const add = db.prepare('INSERT OR IGNORE INTO article_hashtags (article_id, hashtag) VALUES (?, ?)');
        for (const tag of new Set(e.hashtags)) add.run(articleId, tag);
        // Entities by name, for readers who follow one.
        db.exec('DELETE FROM article_entities WHERE article_id = ?', articleId);
        const addEntity = db.prepare('INSERT OR IGNORE INTO article_entities (entity, article_id) VALUES (?, ?)');
        for (const name of new Set(e.entities.map((x) => x.canonical))) if (name) addEntity.run(name, articleId);
      }),
    getEnrichment: (articleId: ArticleId) => db.run(() => readEnrichments([articleId]).get(articleId) ?? null),
    getEnrichments: (articleIds: ArticleId[]) => db.run(() => readEnrichments(articleIds)),
    trendingHashtags: (since, limit) =>
      db.run(() =>
        db.all(
          `SELECT h.hashtag, count(*) AS count, count(DISTINCT coalesce(a.story_id, -a.id)) AS stories, count(DISTINCT a.outlet) AS outlets
           FROM article_hashtags h JOIN articles a ON a.id = h.article_id
           WHERE a.first_seen >= ? GROUP BY h.hashtag ORDER BY stories DESC, outlets DESC, count DESC, h.hashtag LIMIT ?`,
          time(since), limit,
        ).map((r) => ({ hashtag: r.hashtag as string, count: Number(r.count), stories: Number(r.stories), outlets: Number(r.outlets) })),
      ),
  };
}
