// A store made before the fingerprint log (SQLite migration 015, PostgreSQL 014) keeps finding the copies
// of what it holds: each fingerprint takes its anchors from the band rows the migration drops.
import { describe, expect, it } from 'vitest';
import { fingerprintText, storeFingerprint } from '../../src/pipeline/dedup/index.ts';
import { placeVersion } from '../../src/pipeline/stories/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { olderPostgresStore, olderSqliteStore, testPostgres } from './backends.ts';
import { newVersion, unrelatedNews } from '../pipeline/stories/helpers.ts';

const news = unrelatedNews()[0]!;
const stored = storeFingerprint(fingerprintText(news.text));
const AT = '2026-03-01T10:00:00.000Z';
const ARTICLE = `INSERT INTO articles (id, title, text, html, outlet, first_seen) VALUES (7, 'Old', 'old text', '', 'Old Outlet', '${AT}')`;

/** The old store's one article is found by its fingerprint, as the log and by a copy placed now. */
async function expectFound(repo: Repository): Promise<void> {
  const logged = (await repo.fingerprintsSince(null, 10)).rows;
  expect(logged.map((r) => [r.articleId, [...r.bands].sort()])).toEqual([[7, [...new Set(stored.bands)].sort()]]);
  const copy = await placeVersion(repo, newVersion({ outlet: 'Copier', title: news.title, text: news.text.replace(/\./g, '!'), published: AT }));
  expect(copy.isNewArticle).toBe(false);
  expect(copy.article.id).toBe(7);
}

describe('the fingerprint log on a store made before it', () => {
  it('sqlite: anchors come from the band rows', async () => {
    await olderSqliteStore(14, (conn) => {
      conn.prepare(ARTICLE).run();
      conn.prepare(`INSERT INTO fingerprints (article_id, signature, text_length, outlet) VALUES (7, ?, ?, 'Old Outlet')`).run(Buffer.from(stored.signature), news.text.length);
      const band = conn.prepare('INSERT INTO fingerprint_bands (band, article_id) VALUES (?, 7)');
      for (const b of new Set(stored.bands)) band.run(b);
    }, expectFound);
  });

  it('postgres: anchors come from the band rows', async (ctx) => {
    const server = await testPostgres();
    if (server.kind !== 'server') ctx.skip(); // the embedded engine holds one database, already migrated
    await olderPostgresStore(server, 13, async (db) => {
      await db.query(ARTICLE);
      await db.query(`INSERT INTO fingerprints (article_id, signature, text_length, outlet) VALUES (7, $1, $2, 'Old Outlet')`, [Buffer.from(stored.signature), news.text.length]);
      await db.query('INSERT INTO fingerprint_bands (band, article_id) SELECT unnest($1::text[]), 7', [[...new Set(stored.bands)]]);
      await db.query(`SELECT setval(pg_get_serial_sequence('articles', 'id'), 7)`);
    }, expectFound);
  });
});
