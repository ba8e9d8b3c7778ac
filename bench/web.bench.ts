// Web bench: 100k articles in a SQLite file, the server in a child process, autocannon on loopback.
// Targets (issue 6): article page p99 ≤ 20 ms and ≥ 1,000 requests/s; home ≥ 1,000 requests/s;
// search p50 ≤ 10 ms; (issue 20) story and briefing pages p99 ≤ 20 ms, read from stored analyses.
// Baseline in the same run: /healthz on the same server.
// Run: npm run bench -- web   (LEDE_BENCH_WEB_ARTICLES=N to change the corpus size)
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median, type BenchTable } from './table.ts';
import type { ArticleId, StoryId } from '../src/domain/types.ts';
import type { NewVersion, Repository } from '../src/store/repository.ts';

const WORDS = ('government minister election market inflation ceasefire talks sanctions oil gas port railway harbour drought flood vaccine hospital school court ruling parliament budget tax bank central rate growth export import strike union police protest border refugee aid summit treaty nuclear energy solar wind climate storm earthquake museum orchestra football league final coach transfer satellite launch rocket research university study data privacy software chip factory farm harvest wheat rice coffee tourism airline airport bridge tunnel').split(' ');
const OUTLETS = ['Reuters', 'Al Arabiya', 'Asharq Al-Awsat', 'BBC News', 'The Guardian', 'AP', 'AFP', 'Deutsche Welle', 'NHK World', 'France 24', 'Al Jazeera', 'CNA'];
const TAGS = ['#Iran', '#Iraq', '#UnitedStates', '#Climate', '#Elections', '#Markets', '#Energy', '#Football', '#Health', '#Technology', '#Ukraine', '#China'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

// A vocabulary like news text's: a few thousand made-up words drawn with Zipf's law, plus the topic
// words above, each topic word in a few percent of articles (so searches match hundreds, not all).
function vocabulary(rand: () => number): () => string {
  const syll = ['ka', 'lo', 'mi', 'ren', 'ta', 'vo', 'su', 'pe', 'dra', 'nel', 'is', 'or', 'an', 'ter', 'bu', 'gi'];
  const words = Array.from({ length: 4000 }, () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => syll[Math.floor(rand() * syll.length)]).join(''));
  const cdf: number[] = [];
  let sum = 0;
  for (let i = 0; i < words.length; i++) cdf.push((sum += 1 / (i + 1)));
  return () => {
    if (rand() < 0.04) return WORDS[Math.floor(rand() * WORDS.length)]!;
    const x = rand() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid]! < x) lo = mid + 1; else hi = mid; }
    return words[lo]!;
  };
}

/** Every COPY_EVERY-th article of the last day also has a second outlet's copy (a second version). */
const COPY_EVERY = 3;
const DAY_MS = 24 * 3600_000;

// The articles arrive a minute apart and end now, so the last day's stories make a briefing.
async function fill(repo: Repository, n: number): Promise<{ articleIds: ArticleId[] }> {
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const word = vocabulary(rand);
  const sentence = () => {
    const w = Array.from({ length: 10 + Math.floor(rand() * 12) }, word);
    w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1);
    return w.join(' ') + '.';
  };
  const t0 = Date.now() - n * 60_000;
  const ids: ArticleId[] = [];
  const batch = 1000;
  let story: StoryId | null = null;
  for (let start = 0; start < n; start += batch) {
    await repo.transaction(async (tx) => {
      for (let i = start; i < Math.min(n, start + batch); i++) {
        const paragraphs = Array.from({ length: 5 }, () => Array.from({ length: 3 }, sentence).join(' '));
        const published = new Date(t0 + i * 60_000).toISOString();
        const text = paragraphs.join('\n\n');
        const v: NewVersion = {
          sourceId: null, feedId: null, outlet: pick(OUTLETS), url: `https://news.example/${i}`, canonicalUrl: null,
          title: sentence().slice(0, 90).replace(/\.$/, ''), byline: null, text, html: paragraphs.map((p) => `<p>${p}</p>`).join(''),
          lede: paragraphs[0]!, image: null, language: 'en', published, fetchedAt: published,
          contentHash: createHash('sha1').update(text).digest('hex'),
        };
        const { article } = await tx.createArticle(v, null);
        ids.push(article.id);
        if (Date.parse(published) > Date.now() - DAY_MS && i % COPY_EVERY === 0) {
          // An aggregator's copy: the lede dropped, a line of furniture added.
          const copyText = [...paragraphs.slice(1), 'Read more stories like this on our app.'].join('\n\n');
          await tx.addVersion(article.id, { ...v, outlet: pick(OUTLETS.filter((o) => o !== v.outlet)), url: `https://copies.example/${i}`, text: copyText, html: copyText.split('\n\n').map((p) => `<p>${p}</p>`).join(''), lede: paragraphs[1]!, contentHash: createHash('sha1').update(copyText).digest('hex') }, false, null);
        }
        if (i % 5 === 0) {
          const tags = [pick(TAGS), pick(TAGS)];
          await tx.saveEnrichment(article.id, { language: 'en', hashtags: [...new Set(tags)], keyphrases: [], entities: [], mentions: [], facts: [], quotes: [], summary: [paragraphs[0]!.split('. ')[0]! + '.'] });
        }
        if (i % 4 === 0) story = (await tx.createStory(v.title, published)).id;
        if (story) await tx.assignStory(article.id, story);
      }
    });
  }
  return { articleIds: ids };
}

/**
 * Story analyses as ingest leaves them (refreshStory after a poll): for the hot articles' stories and every
 * story active in the last day (the briefing's). The web only reads them.
 */
async function analyseStories(repo: Repository, hot: ArticleId[]): Promise<StoryId[]> {
  const { refreshStories } = await import('../src/pipeline/compare/index.ts');
  const hotStories = new Set<StoryId>();
  for (const id of hot) {
    const s = (await repo.getArticle(id))?.article.storyId;
    if (s) hotStories.add(s);
  }
  const day = new Set<StoryId>();
  for (const a of (await repo.latestArticles({ limit: 1440 })).items) if (a.storyId && Date.parse(a.published ?? a.firstSeen) > Date.now() - DAY_MS) day.add(a.storyId);
  await refreshStories(repo, [...hotStories, ...day]);
  return [...hotStories];
}

interface Load { name: string; rps: number; p50: number; p99: number; errors: number }

function run(url: string, name: string, requests: { path: string }[], connections: number, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, requests: requests.map((r) => ({ method: 'GET', path: r.path })) }, (err, r) => {
      if (err) return reject(err);
      resolve({ name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
    });
  });
}

/** The server in a child process; `ops`: metrics on and a log line per request (to /dev/null, as to a journal). */
async function startChild(db: string, ops = false): Promise<{ url: string; child: ChildProcess }> {
  const here = fileURLToPath(import.meta.url);
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const env = { ...process.env, LEDE_BENCH_WEB_CHILD: db, LEDE_LOG_LEVEL: ops ? 'info' : 'warn', LEDE_BENCH_WEB_METRICS: ops ? '1' : '0' };
  const child = spawn(process.execPath, [runTs, here], { env, stdio: ['ignore', 'pipe', ops ? 'ignore' : 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url, child };
}

export default async function bench(): Promise<BenchTable> {
  const n = Number(process.env.LEDE_BENCH_WEB_ARTICLES ?? 100_000);
  // LEDE_BENCH_WEB_DB=PATH keeps the filled database there and reuses it on the next run.
  const keep = process.env.LEDE_BENCH_WEB_DB;
  const dir = keep ? null : mkdtempSync(join(tmpdir(), 'lede-web-bench-'));
  const db = keep ?? join(dir!, 'lede.db');
  const { openStore } = await import('../src/store/index.ts');
  const reuse = !!keep && existsSync(keep);
  const repo = await openStore(`sqlite:${db}`);
  const t = Date.now();
  const articleIds = reuse
    ? (await repo.latestArticles({ limit: 2000 })).items.map((a) => a.id)
    : (await fill(repo, n)).articleIds;
  const fillSeconds = (Date.now() - t) / 1000;
  const total = await repo.countArticles();
  const rand = rng(7);
  // The hot set: articles being read right now. Each one's first view renders it (related articles
  // included) and is measured apart; the load then reads them as cached pages plus live comments.
  const hot = Array.from({ length: 40 }, () => articleIds[Math.floor(rand() * articleIds.length)]!);
  const storyIds = await analyseStories(repo, hot);
  await repo.close();
  const { url, child } = await startChild(db);
  try {
    const articles = hot.map((id) => ({ path: `/article/${id}` }));
    const cold: number[] = [];
    for (const id of hot) {
      const t0 = performance.now();
      await fetch(`${url}/article/${id}`).then((r) => r.text());
      cold.push(performance.now() - t0);
    }
    const stories = storyIds.map((id) => ({ path: `/story/${id}` }));
    const coldStories: number[] = [];
    for (const s of stories) {
      const t0 = performance.now();
      await fetch(`${url}${s.path}`).then((r) => r.text());
      coldStories.push(performance.now() - t0);
    }
    const queries = ['sanctions', 'oil harbour', 'election parliament', '"central bank"', 'drought OR flood', 'vaccine hospital', 'football final', 'solar', 'treaty -nuclear', 'railway tunnel'];
    const searches = queries.map((q) => ({ path: `/search?q=${encodeURIComponent(q)}` }));
    // Every request a query not asked before: what the store's full-text index costs, no cache help.
    const wr = rng(11);
    const fresh = Array.from({ length: 20_000 }, () => ({ path: `/search?q=${encodeURIComponent(`${WORDS[Math.floor(wr() * WORDS.length)]} ${WORDS[Math.floor(wr() * WORDS.length)]}`)}&page=${1 + Math.floor(wr() * 3)}` }));
    // Warm up: JIT, SQLite page cache and the fragment cache for the hot articles.
    await run(url, 'warm', [...articles, ...stories, { path: '/' }, { path: '/briefing' }, ...searches], 4, 3);
    const rows: Load[] = [];
    rows.push(await run(url, 'baseline: /healthz (JSON, no store call)', [{ path: '/healthz' }], 10, 5));
    rows.push(await run(url, 'article page (40 hot ids)', articles, 10, 8));
    rows.push(await run(url, 'home', [{ path: '/' }], 10, 8));
    rows.push(await run(url, `story page (${stories.length} stories, analyses stored)`, stories, 10, 8));
    rows.push(await run(url, 'briefing (/briefing)', [{ path: '/briefing' }], 10, 6));
    rows.push(await run(url, 'briefing feed (/briefing/feed.xml)', [{ path: '/briefing/feed.xml' }], 10, 5));
    rows.push(await run(url, 'search, 10 repeated queries (1 connection)', searches, 1, 6));
    rows.push(await run(url, 'search, each query new (1 connection)', fresh, 1, 6));
    rows.push(await run(url, 'search, each query new (10 connections)', fresh.slice(10_000), 10, 6));
    rows.push(await run(url, 'API /api/v1/articles', [{ path: '/api/v1/articles?limit=20' }], 10, 5));
    // What operating costs: the same article load on a second server with metrics on (scraped every second)
    // and a JSON log line per request, rounds alternating with the plain server so that load drift cancels.
    const ops = await startChild(db, true);
    const plain: number[] = [];
    const observed: number[] = [];
    try {
      for (const a of articles) await fetch(`${ops.url}${a.path}`).then((r) => r.text()); // first views, as on the plain server
      await run(ops.url, 'warm', [...articles, { path: '/' }], 4, 3);
      const scraper = setInterval(() => void fetch(`${ops.url}/metrics`).then((r) => r.text()).catch(() => {}), 1000);
      try {
        for (let round = 0; round < 3; round++) {
          plain.push((await run(url, 'plain', articles, 10, 4)).rps);
          observed.push((await run(ops.url, 'ops', articles, 10, 4)).rps);
        }
      } finally {
        clearInterval(scraper);
      }
    } finally {
      ops.child.kill('SIGTERM');
    }
    const base = rows[0]!.rps;
    return {
      title: `Web: ${total.toLocaleString('en')} articles in SQLite, server in a child process, autocannon on loopback (${reuse ? 'database reused' : `filled in ${fillSeconds.toFixed(0)} s`})`,
      columns: ['load', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'vs baseline'],
      rows: rows.map((r) => [r.name, Math.round(r.rps), r.p50, r.p99, r.errors, `${(r.rps / base).toFixed(2)}×`]),
      notes: [`Article page, first view (not cached): median ${median(cold).toFixed(0)} ms over ${cold.length} articles. Story page, first view: median ${median(coldStories).toFixed(0)} ms, max ${Math.max(...coldStories).toFixed(0)} ms over ${coldStories.length} stories.`,
        `Operating cost: article page ${Math.round(median(plain))} req/s plain vs ${Math.round(median(observed))} req/s with /metrics on (scraped every second) and a JSON log line per request: ${((1 - median(observed) / median(plain)) * 100).toFixed(1)} % slower (medians of 3 alternating 4 s rounds; target ≤ 5 %).`, 'Targets: article p99 ≤ 20 ms and ≥ 1,000 req/s; home ≥ 1,000 req/s; search p50 ≤ 10 ms (1 connection).', 'baseline = /healthz (JSON, no store call) on the same server.'],
    };
  } finally {
    child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

// Child mode: serve the bench database.
if (process.env.LEDE_BENCH_WEB_CHILD && existsSync(process.env.LEDE_BENCH_WEB_CHILD)) {
  const { openStore } = await import('../src/store/index.ts');
  const { loadConfig } = await import('../src/config/index.ts');
  const { startWeb } = await import('../src/web/index.ts');
  const repo = await openStore(`sqlite:${process.env.LEDE_BENCH_WEB_CHILD}`);
  const web = await startWeb({ repo, config: loadConfig({ metrics: process.env.LEDE_BENCH_WEB_METRICS === '1' }, {}), port: 0, host: '127.0.0.1' });
  console.log(`listening ${web.url}`);
  process.once('SIGTERM', () => { void web.close().then(() => repo.close()).then(() => process.exit(0)); });
}
