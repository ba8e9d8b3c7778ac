// What only the PostgreSQL store has to get right: migrations under concurrent starters, transactions on
// one pooled client, advisory locks and feed leases across processes (two pools on one database stand
// for two machines), search ranking and safe highlights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FeedId } from '../../src/domain/types.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { testPostgres, type TestPostgres } from './backends.ts';

let server: TestPostgres;
let url: string;
let a: Repository;
let b: Repository;

beforeAll(async () => {
  server = await testPostgres();
  url = await server.createDatabase();
  // Two stores on one database, each with its own pool: two workers on two machines.
  [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  if (url) await server.dropDatabase(url);
});

const at = (iso: string) => new Date(iso);

function version(over: Partial<NewVersion> = {}): NewVersion {
  return {
    sourceId: null, feedId: null, outlet: 'Wire', url: null, canonicalUrl: null, title: 'A title', byline: null,
    text: 'Some text.', html: '<p>Some text.</p>', lede: null, image: null, language: 'en', published: null,
    fetchedAt: '2026-01-01T00:00:00.000Z', contentHash: Math.random().toString(36), ...over,
  };
}

describe('migrations', () => {
  it('four stores starting at once on an empty database apply each migration exactly once', async (ctx) => {
    // The embedded engine holds one database, the one the other tests here use.
    if (server.kind !== 'server') ctx.skip();
    const empty = await server.createDatabase({ empty: true });
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(empty)));
      await Promise.all(stores.map((s) => s.close()));
      const c = new pg.Client({ connectionString: empty });
      await c.connect();
      try {
        const { rows } = await c.query('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version');
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
      } finally {
        await c.end();
      }
    } finally {
      await server.dropDatabase(empty);
    }
  });

  it('are recorded once however many stores start at once', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const { rows } = await c.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]).toMatchObject({ version: 1, name: '001_init' });
      expect(new Set(rows.map((r) => r.version)).size).toBe(rows.length);
    } finally {
      await c.end();
    }
    // Opening again applies nothing and keeps the data.
    const src = await a.addSource({ name: 'Kept', homeUrl: 'https://kept.example/' });
    const again = await openPostgresStore(url);
    expect(await again.getSource(src.id)).toMatchObject({ name: 'Kept' });
    await again.close();
  });

  it('refuse a database newer than the code', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`INSERT INTO schema_migrations (version, name) VALUES (999, '999_future')`);
      await expect(openPostgresStore(url)).rejects.toThrow(/newer than this Lede/);
    } finally {
      await c.query('DELETE FROM schema_migrations WHERE version = 999');
      await c.end();
    }
  });
});

describe('schema', () => {
  // Every index is written on every insert (and on updates of its columns): one whose columns lead another
  // index of the same table serves no lookup the other does not, and costs each write an entry.
  it('has no plain index whose columns lead another index of its table', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const { rows } = await c.query<{ small: string; big: string }>(
        `SELECT s.indexrelid::regclass::text AS small, b.indexrelid::regclass::text AS big
         FROM pg_index s JOIN pg_index b ON b.indrelid = s.indrelid AND b.indexrelid <> s.indexrelid
         JOIN pg_class t ON t.oid = s.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
         WHERE NOT s.indisunique AND s.indpred IS NULL AND b.indpred IS NULL AND s.indexprs IS NULL AND b.indexprs IS NULL
           AND (SELECT amname FROM pg_am JOIN pg_class i ON i.relam = pg_am.oid WHERE i.oid = s.indexrelid) = 'btree'
           AND (SELECT amname FROM pg_am JOIN pg_class i ON i.relam = pg_am.oid WHERE i.oid = b.indexrelid) = 'btree'
           AND s.indnkeyatts <= b.indnkeyatts
           AND (s.indkey::int2[])[0:s.indnkeyatts - 1] = (b.indkey::int2[])[0:s.indnkeyatts - 1]
           AND (s.indoption::int2[])[0:s.indnkeyatts - 1] = (b.indoption::int2[])[0:s.indnkeyatts - 1]`,
      );
      expect(rows).toEqual([]);
    } finally {
      await c.end();
    }
  });
});

describe('transactions', () => {
  it('roll back everything on error, and nested calls share the transaction', async () => {
    await expect(a.transaction(async (tx) => {
      await tx.addSource({ name: 'Gone', homeUrl: 'https://gone.example/' });
      await tx.transaction(async (inner) => { await inner.addSource({ name: 'Gone too', homeUrl: 'https://gone2.example/' }); });
      // Seen inside the transaction, not outside it yet.
      expect(await tx.findSourceByName('Gone too')).not.toBeNull();
      // (PGlite runs one backend: another connection waits for this transaction, so only a server can show it.)
      if (server.kind === 'server') expect(await b.findSourceByName('Gone too')).toBeNull();
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await a.findSourceByName('Gone')).toBeNull();
    expect(await a.findSourceByName('Gone too')).toBeNull();
  });

  it('a failed nested part can be caught without losing the outer work', async () => {
    await a.transaction(async (tx) => {
      await tx.addSource({ name: 'Outer', homeUrl: 'https://outer.example/' });
      await expect(tx.transaction(async (inner) => {
        await inner.addSource({ name: 'Dup', homeUrl: 'https://outer.example/' });
      })).rejects.toMatchObject({ code: 'conflict' });
    });
    expect(await b.findSourceByName('Outer')).not.toBeNull();
  });
});

describe('withKeys', () => {
  it('serialises sections holding a key in common across pools', async () => {
    const events: string[] = [];
    // The locks are taken with the section's first statement (in the same round trip): a section reads first.
    const section = (repo: Repository, name: string) => repo.withKeys([`only-${name}`, 'shared', `b:${name}`], async (tx) => {
      await tx.findSourceByName(name);
      events.push(`${name}:in`);
      await new Promise((r) => setTimeout(r, 150));
      events.push(`${name}:out`);
    });
    await Promise.all([section(a, 'a'), section(b, 'b'), section(a, 'c')]);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]!.split(':')[0]).toBe(events[i + 1]!.split(':')[0]);
    }
  });

  it('sections with no key in common do not block each other', async (ctx) => {
    // PGlite is one backend that runs one transaction at a time: only a server can show this.
    if (server.kind !== 'server') ctx.skip();
    const started = Date.now();
    await Promise.all([
      a.withKeys(['one', 'h:1'], async (tx) => { await tx.findSourceByName('one'); await new Promise((r) => setTimeout(r, 300)); }),
      b.withKeys(['two', 'h:2'], async (tx) => { await tx.findSourceByName('two'); await new Promise((r) => setTimeout(r, 300)); }),
    ]);
    expect(Date.now() - started).toBeLessThan(550);
  });

  it('check-then-insert under the key never doubles an article', async () => {
    const hash = 'race-' + Date.now();
    const place = (repo: Repository) => repo.withKeys([`h:${hash}`], async (tx) => {
      const found = await tx.findVersionByHash(hash);
      if (found) return found.articleId;
      await new Promise((r) => setTimeout(r, 20)); // widen the window a race would need
      return (await tx.createArticle(version({ contentHash: hash }), null)).article.id;
    });
    const ids = await Promise.all([place(a), place(b), place(a), place(b)]);
    expect(new Set(ids).size).toBe(1);
  });
});

describe('feed leases', () => {
  let feeds: FeedId[] = [];
  beforeAll(async () => {
    const s = await a.addSource({ name: 'Leases', homeUrl: 'https://leases.example/' });
    feeds = [];
    for (let i = 0; i < 10; i++) feeds.push((await a.addFeed({ sourceId: s.id, url: `https://leases.example/feed${i}.xml` })).id);
  });

  it('hand each due feed to one worker only', async () => {
    const now = at('2026-02-01T00:00:00Z');
    const [x, y] = await Promise.all([a.leaseDueFeeds('w1', 6, 60_000, now), b.leaseDueFeeds('w2', 6, 60_000, now)]);
    const ids = [...x, ...y].map((f) => f.id).filter((id) => feeds.includes(id));
    expect(ids.length).toBe(10);
    expect(new Set(ids).size).toBe(10);
    expect(await a.leaseDueFeeds('w3', 10, 60_000, now)).toEqual([]);
    for (const f of x) await a.releaseLease('w1', f.id);
    for (const f of y) await b.releaseLease('w2', f.id);
  });

  it('return a crashed worker’s feeds after the lease expires, unless it keeps renewing', async () => {
    const t0 = at('2026-03-01T00:00:00Z');
    const held = await a.leaseDueFeeds('crashed', 5, 30_000, t0);
    const kept = await a.leaseDueFeeds('alive', 5, 30_000, t0);
    expect(held.length + kept.length).toBeGreaterThanOrEqual(10);
    await a.renewLeases('alive', kept.map((f) => f.id), 30_000, at('2026-03-01T00:00:20Z'));
    const later = at('2026-03-01T00:00:40Z');
    const taken = await b.leaseDueFeeds('rescuer', 20, 30_000, later);
    expect(taken.map((f) => f.id).sort()).toEqual(held.map((f) => f.id).sort());
    // The crashed worker can no longer release or renew what it lost.
    await a.releaseLease('crashed', held[0]!.id);
    expect(await a.leaseDueFeeds('other', 20, 30_000, later)).toEqual([]);
  });

  it('skip feeds not due yet', async () => {
    const now = at('2026-04-01T00:00:00Z');
    for (const id of feeds) await a.releaseLease('rescuer', id);
    for (const id of feeds) await a.releaseLease('alive', id);
    await a.recordFetch(feeds[0]!, { status: 'ok', fetchedAt: now.toISOString(), nextFetchAt: '2026-04-01T00:30:00.000Z', etag: '"v1"' });
    const due = await a.leaseDueFeeds('w', 20, 1000, now);
    expect(due.map((f) => f.id)).not.toContain(feeds[0]);
    const f0 = await a.getFeed(feeds[0]!);
    expect(f0).toMatchObject({ status: 'ok', etag: '"v1"', nextFetchAt: '2026-04-01T00:30:00.000Z' });
  });
});

describe('search', () => {
  it('ranks title hits first, matches web-search syntax and escapes highlights', async () => {
    const body = 'Ministers met on Tuesday. The <script>alert(1)</script> tariff talks stalled & resumed.';
    const inTitle = await a.createArticle(version({ title: 'Tariff talks stall', text: 'Negotiators left without a deal after a long night.' }), null);
    const inBody = await a.createArticle(version({ title: 'Ministers meet', text: body }), null);
    await a.createArticle(version({ title: 'Weather', text: 'Sunny with tariff-free skies.' }), null);

    const res = await a.search('tariff talks', { limit: 10 });
    expect(res.total).toBe(2);
    expect(res.hits.map((h) => h.id)).toEqual([inTitle.article.id, inBody.article.id]);
    expect(res.hits[0]!.rank).toBeGreaterThan(res.hits[1]!.rank);
    const hl = res.hits[1]!.highlight;
    expect(hl).toContain('<mark>tariff</mark>');
    // Markup-like text never reaches the page as markup: tags are dropped, the rest escaped.
    expect(hl).not.toContain('<script>');
    expect(hl).toContain('alert(1)');
    expect(hl).toContain('stalled &amp; resumed');

    expect((await a.search('"talks stalled"', { limit: 10 })).hits.map((h) => h.id)).toEqual([inBody.article.id]);
    expect((await a.search('tariff -ministers', { limit: 10 })).hits.map((h) => h.id)).not.toContain(inBody.article.id);
    expect(await a.search('   ', { limit: 10 })).toEqual({ total: 0, hits: [] });
    // Accents fold as in FTS5's remove_diacritics: 'resume' finds 'résumé' and back.
    const accented = await a.createArticle(version({ title: 'Le résumé du ministre', text: 'Café.' }), null);
    expect((await a.search('resume', { limit: 10 })).hits.map((h) => h.id)).toEqual([accented.article.id]);
    expect((await a.search('CAFÉ', { limit: 10 })).hits.map((h) => h.id)).toEqual([accented.article.id]);
    // Syntax a user might type never errors.
    await expect(a.search('"unclosed & | ! (', { limit: 10 })).resolves.toBeDefined();
  });

  it('a query matching more articles than it ranks still counts, pages and puts title hits first', async () => {
    // 1,100 matches: more than the 1,000 newest that are ranked. The oldest article has the word in its
    // title, so it falls outside the ranked window; the newest title hit must lead the first page.
    await a.transaction(async (tx) => {
      for (let i = 0; i < 1100; i++) {
        const title = i === 0 || i === 1099 ? 'Harbour strike spreads' : `Dispatch ${i}`;
        const published = new Date(Date.parse('2026-02-01T00:00:00Z') + i * 60_000).toISOString();
        await tx.createArticle(version({ title, text: `Dockers at the harbour walked out, report ${i}.`, published, fetchedAt: published }), null);
      }
    });
    const first = await a.search('harbour', { limit: 20 });
    expect(first.total).toBe(1100);
    expect(first.totalIsLowerBound).toBeUndefined();
    expect(first.hits).toHaveLength(20);
    expect(first.hits[0]!.title).toBe('Harbour strike spreads');
    const later = await a.search('harbour', { limit: 20, offset: 1060 });
    expect(later.hits).toHaveLength(20);
    expect(new Set([...first.hits, ...later.hits].map((h) => h.id)).size).toBe(40);
  });
});

describe('integrity', () => {
  it('is clean after normal writes and names an article left without versions', async () => {
    expect(await a.checkIntegrity()).toEqual([]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`INSERT INTO articles (title, text, html, outlet, first_seen) VALUES ('orphan', '', '', 'X', now())`);
      const problems = await a.checkIntegrity();
      expect(problems.join('\n')).toMatch(/articles without versions/);
      await c.query(`DELETE FROM articles WHERE title = 'orphan'`);
    } finally {
      await c.end();
    }
  });
});

describe('a transaction the server rolls back to break a deadlock', () => {
  it('is reported as store_unavailable, so idempotent work (an ingested item) runs it again', async (ctx) => {
    if (server.kind !== 'server') ctx.skip(); // the embedded engine runs one transaction at a time: no deadlock
    const s1 = await a.createStory('one', '2026-01-01T00:00:00.000Z');
    const s2 = await a.createStory('two', '2026-01-01T00:00:00.000Z');
    const both = () => new Promise((r) => setTimeout(r, 150));
    // Each holds one story's row and then wants the other's: the server breaks the cycle by failing one. (An
    // update waits for the transaction's next statement, Db.later: the read after it sends it.)
    const crossed = (repo: Repository, first: typeof s1, second: typeof s1) => repo.transaction(async (tx) => {
      await tx.updateStory(first.id, { title: `held by ${first.title}` });
      await tx.getStory(first.id);
      await both();
      await tx.updateStory(second.id, { title: `then ${second.title}` });
      await tx.getStory(second.id);
    });
    const results = await Promise.allSettled([crossed(a, s1, s2), crossed(b, s2, s1)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ name: 'LedeError', code: 'store_unavailable' });
    expect(String(failed[0]!.reason.message)).toMatch(/deadlock/);
  });
});

describe('work left running by a transaction', () => {
  it('a timer set inside a transaction writes to the store once it fires after the commit', async () => {
    const before = (await a.termDocs([])).docs;
    let fired!: Promise<void>;
    await a.withKeys(['t:timer'], async (tx) => {
      await tx.termDocs(['x']);
      fired = new Promise((done) => setTimeout(() => void a.addTermDocs({ docs: 1, counts: new Map([['x', 1]]) }).then(done), 50));
    });
    await fired;
    expect((await b.termDocs([])).docs).toBe(before + 1);
  });
});
