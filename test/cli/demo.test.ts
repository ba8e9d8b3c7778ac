// `lede demo` as a newcomer runs it: a fresh directory, no database. It must create ./data/lede.db, ingest
// the bundled newswire over loopback, serve the seed article and its Arabic version in the seed's story, stop
// cleanly on SIGINT, and store nothing twice when run again.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';

const BIN = resolve('bin/lede.js');
const dir = mkdtempSync(join(tmpdir(), 'lede-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A free port for the newswire, kept for both runs as the default 8079 is for a user. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
const wirePort = freePort();

function startDemo(port: number): { child: ChildProcess; url: Promise<string>; output: () => string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, LEDE_PORT: '0', LEDE_DEMO_NEWSWIRE_PORT: String(port) };
  delete env.LEDE_DATABASE_URL;
  delete env.LEDE_CONFIG;
  const child = spawn(process.execPath, [BIN, 'demo'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/the reader is on (http:\/\/\S+)/);
      if (m) resolveUrl(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`lede demo exited (${code}) before serving:\n${out}`)));
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, url, output: () => out, exited };
}

describe('lede demo', () => {
  it('creates ./data/lede.db, ingests the newswire and serves the seed article; a rerun stores nothing twice', async () => {
    const first = startDemo(await wirePort);
    const url = await first.url;
    expect(existsSync(join(dir, 'data', 'lede.db'))).toBe(true);

    const home = await fetch(url);
    expect(home.status).toBe(200);
    const search = await (await fetch(`${url}/api/v1/search?q=${encodeURIComponent('Coordination Framework Rubio')}`)).json() as { items?: { id: number; title: string }[] };
    const hit = search.items?.find((h) => /Ruling Coalition/i.test(h.title));
    expect(hit, JSON.stringify(search).slice(0, 500)).toBeTruthy();
    const page = await (await fetch(`${url}/article/${hit!.id}`)).text();
    expect(page).toMatch(/Ruling Coalition to Discuss US Warnings/);
    expect(page).toMatch(/Coordination Framework/);
    expect(first.output()).toMatch(/ingested: \d+ new article/);

    // The seed in Arabic: its own article, right to left, in the English seed's story.
    const arabic = await (await fetch(`${url}/api/v1/search?q=${encodeURIComponent('الإطار التنسيقي')}`)).json() as { items?: { id: number; storyId: number | null; outlet: string }[] };
    const ar = arabic.items?.find((h) => h.outlet === 'الشرق الأوسط');
    expect(ar, JSON.stringify(arabic).slice(0, 500)).toBeTruthy();
    const arPage = await (await fetch(`${url}/article/${ar!.id}`)).text();
    expect(arPage).toMatch(/<h1 id="h-title" lang="ar" dir="rtl">الإطار التنسيقي في العراق/);
    expect(arPage).toMatch(/<div class="body" lang="ar" dir="rtl">/);
    const seedStory = (await (await fetch(`${url}/api/v1/articles/${hit!.id}`)).json() as { article?: { storyId: number | null } }).article?.storyId;
    expect(ar!.storyId).not.toBeNull();
    expect(ar!.storyId).toBe(seedStory);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const repo = await openStore(`sqlite:${join(dir, 'data', 'lede.db')}`);
    const before = { articles: await repo.countArticles(), feeds: (await repo.listFeeds()).length, sources: (await repo.listSources()).length };
    await repo.close();
    expect(before.articles).toBeGreaterThanOrEqual(40);

    const second = startDemo(await wirePort);
    await second.url;
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    const again = await openStore(`sqlite:${join(dir, 'data', 'lede.db')}`);
    expect({ articles: await again.countArticles(), feeds: (await again.listFeeds()).length, sources: (await again.listSources()).length }).toEqual(before);
    expect(await again.checkIntegrity()).toEqual([]);
    await again.close();
  }, 120_000);
});
