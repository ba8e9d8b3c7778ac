// SQLite-specific behaviour: the file's settings, migrations, several connections (= several `lede
// ingest` processes) sharing one file, and the integrity check catching real damage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { loadMigrations } from '../../src/store/sqlite/index.ts';
import { SEARCH_BATCH } from '../../src/store/sqlite/search-queue.ts';

const dirs: string[] = [];
const repos: Repository[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lede-sqlite-'));
  dirs.push(dir);
  return join(dir, 'nested', 'lede.db');
}
async function open(path: string): Promise<Repository> {
  const r = await openStore(`sqlite:${path}`);
  repos.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.close().catch(() => {})));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const version = (hash: string) => ({
  sourceId: null, feedId: null, outlet: 'O', url: `https://o.test/${hash}`, canonicalUrl: null, title: `T ${hash}`, byline: null,
  text: `Text ${hash} about the harbour.`, html: '<p>x</p>', lede: null, image: null, language: 'en', published: null,
  fetchedAt: new Date().toISOString(), contentHash: hash,
});

describe('SQLite store', () => {
  it('creates the file and its directory, in WAL mode with foreign keys, migrated once', async () => {
    const path = tempDb();
    await (await open(path)).close();
    await open(path); // a second open applies nothing again
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('refuses a database made by a newer Lede', async () => {
    const path = tempDb();
    await (await open(path)).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name) VALUES (999, ?)').run('999_future');
    db.close();
    await expect(openStore(`sqlite:${path}`)).rejects.toMatchObject({ code: 'bad_config' });
  });

  it('rejects unknown database URLs with a clear error', async () => {
    await expect(openStore('mysql://x')).rejects.toMatchObject({ code: 'bad_config' });
    await expect(openStore('sqlite:')).rejects.toMatchObject({ code: 'bad_config' });
  });

  it('shares feeds between connections to one file without leasing one twice', async () => {
    const path = tempDb();
    const a = await open(path);
    const b = await open(path);
    const s = await a.addSource({ name: 'S', homeUrl: 'https://s.test/' });
    for (let i = 0; i < 30; i++) await a.addFeed({ sourceId: s.id, url: `https://s.test/f${i}` });
    const got = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).leaseDueFeeds(`w${i}`, 4, 60_000)));
    const ids = got.flat().map((f) => f.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('writes from two connections never interleave inside a transaction', async () => {
    const path = tempDb();
    const a = await open(path);
    const b = await open(path);
    const inTx = a.transaction(async (tx) => {
      await tx.createArticle(version('a1'), null);
      await new Promise((r) => setTimeout(r, 50));
      await tx.createArticle(version('a2'), null);
    });
    await new Promise((r) => setTimeout(r, 10));
    await b.createArticle(version('b1'), null); // waits on the file's write lock (busy_timeout), then commits
    await inTx;
    const ids = (await b.latestArticles({ limit: 10 })).items.map((x) => x.title).sort();
    expect(ids).toEqual(['T a1', 'T a2', 'T b1']);
    expect(await a.checkIntegrity()).toEqual([]);
  });

  it('reports an article without versions and a search index out of step', async () => {
    const path = tempDb();
    const repo = await open(path);
    const { article } = await repo.createArticle(version('x'), null);
    expect((await repo.search('harbour', { limit: 5 })).hits.map((h) => h.id)).toEqual([article.id]); // indexed now
    const db = new Database(path);
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM versions WHERE article_id = ?').run(article.id);
    db.prepare(`INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)`).run(article.id, 'T x', 'Text x about the harbour.');
    db.close();
    const problems = await repo.checkIntegrity();
    expect(problems.some((p) => /without versions/.test(p))).toBe(true);
    expect(problems.some((p) => /search index/.test(p))).toBe(true);
  });

  it('indexes stored articles for search in batches, and a search finds every one stored or edited', async () => {
    const path = tempDb();
    const repo = await open(path);
    const found = async (q: string) => (await repo.search(q, { limit: 200 })).hits.map((h) => h.title).sort();
    const queued = () => {
      const db = new Database(path, { readonly: true });
      try {
        return Number((db.prepare('SELECT count(*) AS n FROM search_queue').get() as { n: number }).n);
      } finally {
        db.close();
      }
    };
    const first = await repo.createArticle(version('q1'), null);
    await repo.createArticle(version('q2'), null);
    // Edited while still queued: the search sees the new text only.
    await repo.addVersion(first.article.id, { ...version('q1b'), text: 'Text q1b about the lighthouse.' }, true, null);
    expect(await found('lighthouse')).toEqual(['T q1b']);
    expect(await found('harbour')).toEqual(['T q2']);
    expect(await repo.checkIntegrity()).toEqual([]);

    // Ingest stores one article per transaction: the queue is indexed once a batch has gathered, without a search.
    for (let i = 0; i < SEARCH_BATCH + 5; i++) await repo.createArticle(version(`b${i}`), null);
    expect(queued()).toBeLessThan(SEARCH_BATCH);
    // Edited once indexed: the old words leave the index with it.
    await repo.addVersion(first.article.id, { ...version('q1c'), text: 'Text q1c about the estuary.' }, true, null);
    expect(await found('lighthouse')).toEqual([]);
    expect(await found('estuary')).toEqual(['T q1c']);
    expect(await found('harbour')).toHaveLength(SEARCH_BATCH + 6);
    expect(queued()).toBe(0);
    expect(await repo.checkIntegrity()).toEqual([]);
  });
});
