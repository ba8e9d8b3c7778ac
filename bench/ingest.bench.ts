// Ingest end to end over loopback at scale: the scale newswire (bench/newswire.ts: 5,000 articles plus
// copies, 240 feeds, 120 hosts, slow pages, one slow host, one huge full-text feed) read into a fresh
// SQLite file by `lede ingest --once` (a real process, configured as a user would: the loopback newswire
// allowed, no delay between requests to one host), beside the fetch-only baseline: the same feeds and
// pages fetched by the same polite fetcher with the same number of workers, nothing extracted or stored.
// Then the same ingest in this process, where the pipeline's per-item timings say where the time goes.
//
//   npm run bench -- ingest
//   BENCH_WIRE_ARTICLES=1000 BENCH_WIRE_HOSTS=40 BENCH_WIRE_FEEDS=80 npm run bench -- ingest   (quick look)
//   BENCH_INGEST_CONCURRENCY=8 npm run bench -- ingest
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../src/jobs/index.ts';
import { runPool } from '../src/jobs/pool.ts';
import { createFetcher, type FetcherOptions } from '../src/pipeline/fetch/index.ts';
import { parseFeed } from '../src/pipeline/feeds/index.ts';
import { READ_AHEAD, type ItemSeconds } from '../src/pipeline/run.ts';
import { openStore } from '../src/store/index.ts';
import type { Repository } from '../src/store/repository.ts';
import { startScaleWire, type ScaleWire } from './newswire.ts';
import { median, withPeakMemory, type BenchTable } from './table.ts';
import { coresBusy, machineTicks } from './cpu.ts';

const ARTICLES = Number(process.env.BENCH_WIRE_ARTICLES ?? 5000);
const HOSTS = Number(process.env.BENCH_WIRE_HOSTS ?? 120);
const FEEDS = Number(process.env.BENCH_WIRE_FEEDS ?? 240);
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 8);
/** The environment `lede ingest` runs with: loopback allowed, no politeness delay (one machine serves all hosts). */
export const BENCH_ENV = { LEDE_ALLOW_PRIVATE_NETWORKS: 'true', LEDE_FETCH_MIN_DELAY_MS: '0', LEDE_LOG_LEVEL: 'warn' };
const FETCHER: FetcherOptions = { allowPrivateNetworks: true, minDelayMs: 0 };

export default async function ingestBench(): Promise<BenchTable[]> {
  const wire = await startScaleWire({ articles: ARTICLES, hosts: HOSTS, feeds: FEEDS });
  try {
    const baseline = await fetchOnly(wire);
    const cli = await ingestProcess(wire, { LEDE_INGEST_THREADS: '1' });
    const cliInline = await ingestProcess(wire, { LEDE_INGEST_THREADS: '0' });
    const staged = await ingestInProcess(wire);
    const feeds = wire.feeds.length;
    const pages = wire.items.length;
    return [{
      title: `Ingest end to end over loopback: ${pages} items (${ARTICLES} articles and ${pages - ARTICLES} copies) from ${feeds} feeds on ${wire.hosts.length} hosts into a fresh SQLite file, concurrency ${CONCURRENCY}`,
      columns: ['run', 'items stored', 'seconds', 'items/s', 'x slower than fetch only', 'CPU ms per item', 'cores busy (machine)', 'peak RSS MiB'],
      rows: [
        ['fetch only: feeds + pages, nothing stored', baseline.pages, baseline.seconds, baseline.pages / baseline.seconds, 1, '-', '-', baseline.peakMiB],
        ['lede ingest --once, 1 extract/enrich thread (default)', cli.stored, cli.seconds, cli.stored / cli.seconds, (baseline.pages / baseline.seconds) / (cli.stored / cli.seconds), (cli.cpuSeconds / cli.stored) * 1000, cli.coresBusy, '-'],
        ['lede ingest --once, LEDE_INGEST_THREADS=0', cliInline.stored, cliInline.seconds, cliInline.stored / cliInline.seconds, (baseline.pages / baseline.seconds) / (cliInline.stored / cliInline.seconds), (cliInline.cpuSeconds / cliInline.stored) * 1000, cliInline.coresBusy, '-'],
        ['runIngest in this process (timed), 1 thread', staged.stored, staged.seconds, staged.stored / staged.seconds, (baseline.pages / baseline.seconds) / (staged.stored / staged.seconds), '-', '-', staged.peakMiB],
      ],
      notes: [
        `Command: npm run bench -- ingest (BENCH_WIRE_ARTICLES, BENCH_WIRE_HOSTS, BENCH_WIRE_FEEDS, BENCH_INGEST_CONCURRENCY). ` +
        `Items stored counts every version (copies too); ${wire.storiesOfSeveral} stories have several articles. ` +
        `One host answers every page after 1.5 s, 1% of pages after 2 s; the huge feed carries ${wire.feeds.find((f) => f.fullText)?.items.length ?? 0} items in full text. ` +
        `Cores busy: the whole machine's, of ${availableParallelism()}, while lede ran (this process serves the wire beside it; anything else running counts too).`,
      ],
    }, staged.table];
  } finally {
    await wire.close();
  }
}

/**
 * Every feed and every item page, fetched by `CONCURRENCY` workers taking feeds in turn, each reading
 * READ_AHEAD pages of its feed at once as ingest does: the fastest the same fetcher gets the same pages.
 */
async function fetchOnly(wire: ScaleWire): Promise<{ pages: number; seconds: number; peakMiB: number }> {
  const fetcher = createFetcher(FETCHER);
  const queue = [...wire.feeds];
  let pages = 0;
  try {
    const t0 = performance.now();
    const { peakMiB } = await withPeakMemory(() => runPool(CONCURRENCY, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const feed = await fetcher.get(f.url, { kind: 'feed' });
        const items = parseFeed(feed.body, { contentType: feed.contentType, url: feed.url }).items;
        const urls = f.fullText ? [] : items.flatMap((item) => (item.url ? [item.url] : []));
        pages += items.length;
        await runPool(READ_AHEAD, async () => {
          for (let url = urls.shift(); url; url = urls.shift()) await fetcher.get(url, { kind: 'page' });
        });
      }
    }));
    return { pages, seconds: (performance.now() - t0) / 1000, peakMiB };
  } finally {
    await fetcher.close();
  }
}

/** One source per host, one feed per section, as `lede sources add` would leave them. */
export async function subscribeWire(repo: Repository, wire: ScaleWire): Promise<void> {
  const sources = new Map<number, number>();
  for (const f of wire.feeds) {
    let id = sources.get(f.host);
    if (id === undefined) {
      id = (await repo.addSource({ name: f.outlet, homeUrl: `${wire.hosts[f.host]!.url}/` })).id;
      sources.set(f.host, id);
    }
    await repo.addFeed({ sourceId: id as never, url: f.url });
  }
}

/** Runs `lede ingest --once` on `databaseUrl`; resolves with its wall time and the items it stored (from its summary line). */
export function runLedeIngest(databaseUrl: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<{ seconds: number; stored: number; cpuSeconds: number; coresBusy: number }> {
  const t0 = performance.now();
  const machine0 = machineTicks();
  // GNU time reports the process's CPU time (its threads included): the machine is shared, so CPU per
  // item says more than wall time when other work runs beside the bench.
  const timed = existsSync('/usr/bin/time');
  const argv = [...nodeArgs, 'bin/lede.js', 'ingest', '--once', '--concurrency', String(CONCURRENCY)];
  return new Promise((resolve, reject) => {
    const child = spawn(timed ? '/usr/bin/time' : process.execPath, timed ? ['-f', 'CPU %U %S', process.execPath, ...argv] : argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...BENCH_ENV, LEDE_DATABASE_URL: databaseUrl, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`lede ingest exited ${code}: ${err.slice(-800)}`));
      const m = /(\d+) new article\(s\), (\d+) further version/.exec(out);
      const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(err);
      resolve({
        seconds: (performance.now() - t0) / 1000, stored: m ? Number(m[1]) + Number(m[2]) : NaN, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN,
        coresBusy: coresBusy(machine0, machineTicks()),
      });
    });
  });
}

async function ingestProcess(wire: ScaleWire, env: Record<string, string> = {}): Promise<{ stored: number; seconds: number; cpuSeconds: number; coresBusy: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-bench-'));
  const url = `sqlite:${join(dir, 'lede.db')}`;
  try {
    const repo = await openStore(url);
    await subscribeWire(repo, wire);
    await repo.close();
    return await runLedeIngest(url, env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ingestInProcess(wire: ScaleWire): Promise<{ stored: number; seconds: number; peakMiB: number; table: BenchTable }> {
  const dir = mkdtempSync(join(tmpdir(), 'lede-bench-'));
  const repo = await openStore(`sqlite:${join(dir, 'lede.db')}`);
  const fetcher = createFetcher(FETCHER);
  const stages: Record<string, number[]> = {};
  try {
    await subscribeWire(repo, wire);
    const t0 = performance.now();
    const { result, peakMiB } = await withPeakMemory(() => runIngest({
      repo, fetcher, concurrency: CONCURRENCY, once: true, pollIntervalMs: 30 * 60_000, feedBudgetMs: 120_000, threads: 1,
      onEvent: (e) => {
        if (e.type !== 'item' || e.outcome.status !== 'stored' || !e.seconds) return;
        for (const [k, v] of Object.entries(e.seconds as ItemSeconds)) (stages[k] ??= []).push(v);
      },
    }));
    const seconds = (performance.now() - t0) / 1000;
    const sum = (k: string) => (stages[k] ?? []).reduce((a, b) => a + b, 0);
    const total = sum('total');
    const order = ['fetch', 'extract', 'read', 'enrich', 'place', 'store', 'total'].filter((k) => stages[k]);
    return {
      stored: result.stored, seconds, peakMiB,
      table: {
        title: `Where an item's time goes (the same ingest, in this process: ${result.stored} items stored in ${seconds.toFixed(1)} s)`,
        columns: ['stage', 'median ms per item', 'mean ms per item', 'share of item time'],
        rows: order.map((k) => [k, median(stages[k]!) * 1000, (sum(k) / stages[k]!.length) * 1000, `${Math.round((sum(k) / total) * 100)}%`]),
        notes: [
          'Per stored item, wall time inside ingestItem (workers overlap, so the shares are of item time, not of the run); extract and enrich are timed on the thread that ran them. ' +
          'fetch: the page (waiting for a worker slot on the host included); extract: HTML to text and normalize; enrich: names, facts, hashtags, summary; ' +
          'place: dedup and story placement (issue 17a); store: the rest of the transaction (version, item, enrichment, story notes).',
        ],
      },
    };
  } finally {
    await fetcher.close();
    await repo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
