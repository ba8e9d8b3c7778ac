// `lede migrate`: a SQLite instance with something in every table moves to PostgreSQL whole, ids and all,
// through the real CLI; a non-empty target or a count mismatch leaves the target untouched, exit non-zero.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, ArticleId, Enrichment, Item } from '../../src/domain/types.ts';
import { openStore } from '../../src/store/index.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { testPostgres, type TestPostgres } from './backends.ts';

const T0 = '2026-05-01T10:00:00.000Z';
let dir: string;
let sqlitePath: string;
let server: TestPostgres;
const made: { articles: ArticleId[]; admin: AccountId; reader: AccountId } = { articles: [], admin: 0 as AccountId, reader: 0 as AccountId };

// Asynchronous: the embedded PostgreSQL answers from this very process, so it must not be blocked.
function lede(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lede.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function version(i: number, over: Partial<NewVersion> = {}): NewVersion {
  return {
    sourceId: null, feedId: null, outlet: `Outlet ${i % 3}`, url: `https://o${i % 3}.example/a/${i}`, canonicalUrl: null,
    title: `Harbour strike day ${i}`, byline: 'A. Writer', text: `Dock workers walked out on day ${i}. Ships wait offshore.`,
    html: `<p>Dock workers walked out on day ${i}.</p>`, lede: `Dock workers walked out on day ${i}.`, image: null, language: 'en',
    published: T0, fetchedAt: new Date(Date.parse(T0) + i * 60_000).toISOString(), contentHash: `hash-${i}`, ...over,
  };
}

async function fill(repo: Repository): Promise<void> {
  const src = await repo.addSource({ name: 'Harbour News', homeUrl: 'https://harbour.example/', language: 'en', country: 'GB' });
  const feed = await repo.addFeed({ sourceId: src.id, url: 'https://harbour.example/rss', title: 'Harbour', category: 'Local' });
  await repo.recordFetch(feed.id, { status: 'ok', etag: '"e1"', lastModified: null, fetchedAt: T0, nextFetchAt: T0 });
  const story = await repo.createStory('Harbour strike', T0);
  for (let i = 0; i < 25; i++) {
    const { article, version: v } = await repo.createArticle(version(i, { sourceId: src.id, feedId: feed.id }), { bands: [`b${i % 5}`, `c${i}`], signature: new Uint8Array([i, 1, 2]) });
    const item: Item = { guid: `g${i}`, url: v.url, title: v.title, summary: null, contentHtml: null, authors: [], published: T0, updated: null, categories: [], image: null };
    await repo.recordItem(feed.id, `g${i}`, item, v.id);
    await repo.assignStory(article.id, story.id);
    made.articles.push(article.id);
  }
  await repo.addVersion(made.articles[0]!, version(100, { outlet: 'Wire copy', contentHash: 'wire-0' }), false, null);
  await repo.saveStoryState({ storyId: story.id, terms: ['harbour', 'strike'], centroid: new Uint8Array([9, 8, 7]), lastSeen: T0 });
  // A placement's save: logged, and folded into story_terms later.
  await repo.saveStoryState({ storyId: story.id, terms: ['harbour', 'strike', 'dock'], centroid: new Uint8Array([9, 8, 7]), lastSeen: T0, touched: ['dock'] });
  const e: Enrichment = { language: 'en', hashtags: ['HarbourStrike'], keyphrases: ['dock workers'], entities: [], mentions: [], facts: [], quotes: [], summary: ['Dock workers walked out.'] };
  await repo.saveEnrichment(made.articles[0]!, e);
  const admin = await repo.createAccount({ email: 'ed@example.org', name: 'Ed', passwordHash: 'scrypt$x' });
  const reader = await repo.createAccount({ email: 'rd@example.org', name: 'Rd', passwordHash: 'scrypt$y' });
  made.admin = admin.id;
  made.reader = reader.id;
  await repo.createSession(reader.id, 'token-hash', '2099-01-01T00:00:00.000Z');
  await repo.hit('comment|ip', T0);
  const top = await repo.addComment({ articleId: made.articles[0]!, accountId: reader.id, parentId: null, body: 'First!', at: T0 });
  await repo.addComment({ articleId: made.articles[0]!, accountId: admin.id, parentId: top.id, body: 'Welcome.', at: T0 });
  await repo.reportComment(top.id, admin.id);
}

beforeAll(async () => {
  server = await testPostgres();
  dir = mkdtempSync(join(tmpdir(), 'lede-migrate-'));
  sqlitePath = join(dir, 'lede.db');
  const repo = await openStore(`sqlite:${sqlitePath}`);
  await fill(repo);
  await repo.close();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lede migrate', () => {
  it('copies every table with its ids, resets sequences and verifies counts', async () => {
    const url = await server.createDatabase();
    try {
      const r = await lede(['migrate', '--from', `sqlite:${sqlitePath}`, '--to', url, '--batch', '7']);
      expect(r.err + r.out).toMatch(/counts verified/);
      expect(r.code).toBe(0);

      const [from, to] = [await openStore(`sqlite:${sqlitePath}`), await openPostgresStore(url)];
      try {
        for (const id of made.articles) expect(await to.getArticle(id)).toEqual(await from.getArticle(id));
        expect(await to.listSources()).toEqual(await from.listSources());
        expect(await to.listFeeds()).toEqual(await from.listFeeds());
        const story = (await from.getArticle(made.articles[0]!))!.article.storyId!;
        expect(await to.getStory(story)).toEqual(await from.getStory(story));
        expect(await to.findStoriesByTerms(['strike'], T0, 5)).toEqual(await from.findStoriesByTerms(['strike'], T0, 5));
        // Fingerprints come over with their anchors; their log positions are PostgreSQL's own (old: 0).
        const logged = async (r: Repository) => (await r.fingerprintsSince(null, 10)).rows.map((f) => ({ ...f, seq: 0 })).sort((x, y) => x.articleId - y.articleId);
        expect(await logged(to)).toEqual(await logged(from));
        expect((await to.fingerprintsSince(null, 10)).rows.every((f) => f.seq === 0)).toBe(true);
        expect(await to.getEnrichment(made.articles[0]!)).toEqual(await from.getEnrichment(made.articles[0]!));
        expect(await to.listComments(made.articles[0]!, { includeHidden: true })).toEqual(await from.listComments(made.articles[0]!, { includeHidden: true }));
        expect(await to.findSession('token-hash', T0)).toMatchObject({ id: made.reader, email: 'rd@example.org' });
        expect(await to.findAccountByEmail('ED@example.org')).toMatchObject({ id: made.admin, role: 'admin', passwordHash: 'scrypt$x' });
        expect(await to.hit('comment|ip', T0)).toBe(2);
        expect(await to.hasItem((await to.listFeeds())[0]!.id, 'g3')).toBe(true);
        // The search index is built from the copied text.
        expect((await to.search('offshore', { limit: 50 })).total).toBe(made.articles.length);
        // Sequences continue after the copied ids: nothing new collides.
        const next = await to.createArticle(version(999, { contentHash: 'new' }), null);
        expect(next.article.id).toBeGreaterThan(Math.max(...made.articles));
        const acc = await to.createAccount({ email: 'new@example.org', name: 'New', passwordHash: 'h' });
        expect(acc.id).toBeGreaterThan(made.reader);
        expect(acc.role).toBe('reader');
        expect(await to.checkIntegrity()).toEqual([]);
        // The copied story log is folded and its cursor put past it: no placement or story window reads it again.
        expect(await to.findStoriesByTerms(['dock'], T0, 5)).toEqual(await from.findStoriesByTerms(['dock'], T0, 5));
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          const { rows } = await c.query(`SELECT (SELECT count(*) FROM story_log) AS logged,
            (SELECT count(*) FROM story_log WHERE seq >= (SELECT coalesce(max(cursor), 0) FROM story_fold)) AS behind`);
          expect(Number(rows[0].logged)).toBeGreaterThan(0);
          expect(Number(rows[0].behind)).toBe(0);
        } finally {
          await c.end();
        }
      } finally {
        await from.close();
        await to.close();
      }
    } finally {
      await server.dropDatabase(url);
    }
  });

  it('refuses a target that already holds data, and rolls back on a count mismatch', async () => {
    const url = await server.createDatabase();
    try {
      const pgRepo = await openPostgresStore(url);
      await pgRepo.addSource({ name: 'Already here', homeUrl: 'https://here.example/' });
      await pgRepo.close();
      const refused = await lede(['migrate', '--from', `sqlite:${sqlitePath}`, '--to', url]);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toMatch(/not empty/);

      // A rule that silently swallows rows stands for any copy that loses data.
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query('DELETE FROM sources');
        await c.query(`CREATE RULE swallow AS ON INSERT TO article_hashtags DO INSTEAD NOTHING`);
        const r = await lede(['migrate', '--from', `sqlite:${sqlitePath}`, '--to', url]);
        expect(r.code).not.toBe(0);
        expect(r.err).toMatch(/article_hashtags 1 → 0/);
        const { rows } = await c.query('SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM sources) AS s');
        expect(rows[0]).toEqual({ a: '0', s: '0' });
      } finally {
        await c.end();
      }
    } finally {
      await server.dropDatabase(url);
    }
  });

  it('explains bad arguments', async () => {
    const r = await lede(['migrate', '--from', 'sqlite:/nonexistent/lede.db', '--to', 'postgres://127.0.0.1/x']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no SQLite database/);
    expect((await lede(['migrate', '--to', 'postgres://x/y'])).err).toMatch(/--from and --to are required/);
  });
});
