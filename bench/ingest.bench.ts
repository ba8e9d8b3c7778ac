// Ingest end to end over loopback: the demo newswire (45 articles over 36 outlets, RSS/Atom/JSON Feed) read
// into a fresh SQLite file through the real pipeline (fetch → feeds → extract → normalize → dedup and
// stories → enrich → store), median of runs, with peak memory. The baseline, in the same process, fetches
// the same feeds and pages with the same polite fetcher and does nothing else: the ratio is what the
// pipeline and the store cost over bare HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { loadDemoCorpus, readPage } from '../src/demo/corpus.ts';
import { subscribe } from '../src/demo/index.ts';
import { startNewswire } from '../src/demo/newswire.ts';
import { runIngest } from '../src/jobs/index.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../src/pipeline/fetch/index.ts';
import { enrich } from '../src/pipeline/enrich/index.ts';
import { extract } from '../src/pipeline/extract/index.ts';
import { parseFeed } from '../src/pipeline/feeds/index.ts';
import { normalizeText } from '../src/pipeline/normalize/index.ts';
import { openStore } from '../src/store/index.ts';
import { median, withPeakMemory, type BenchTable } from './table.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

export default async function ingestBench(): Promise<BenchTable[]> {
  return [await endToEnd(), stageCosts()];
}

async function endToEnd(): Promise<BenchTable> {
  const config = loadConfig({ allowPrivateNetworks: true, fetchMinDelayMs: 0 }, {});
  const fetcherOptions = { ...fetcherOptionsFromConfig(config), allowPrivateNetworks: true, minDelayMs: 0 };
  const newswire = await startNewswire();
  const rows: BenchTable['rows'] = [];
  try {
    const bare: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const fetcher = createFetcher(fetcherOptions);
      const t0 = performance.now();
      let pages = 0;
      await Promise.all(newswire.outlets.map(async (o) => {
        const feed = await fetcher.get(o.feedUrl, { kind: 'feed' });
        for (const item of parseFeed(feed.body, { contentType: feed.contentType, url: feed.url }).items) {
          if (item.url) { await fetcher.get(item.url, { kind: 'page' }); pages++; }
        }
      }));
      bare.push(pages / ((performance.now() - t0) / 1000));
      await fetcher.close();
    }

    for (const concurrency of [1, 4]) {
      const rates: number[] = [];
      let peak = 0;
      let articles = 0;
      for (let r = 0; r < RUNS; r++) {
        const dir = mkdtempSync(join(tmpdir(), 'lede-bench-'));
        const repo = await openStore(`sqlite:${join(dir, 'lede.db')}`);
        const fetcher = createFetcher(fetcherOptions);
        try {
          await subscribe(repo, newswire.outlets);
          const t0 = performance.now();
          const { result, peakMiB } = await withPeakMemory(() => runIngest({ repo, fetcher, concurrency, once: true, pollIntervalMs: 30 * 60_000 }));
          const seconds = (performance.now() - t0) / 1000;
          articles = result.stored;
          rates.push(result.stored / seconds);
          peak = Math.max(peak, peakMiB);
        } finally {
          await fetcher.close();
          await repo.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }
      rows.push([`ingest, concurrency ${concurrency}`, articles, median(rates), median(bare) / median(rates), peak]);
    }
    rows.unshift(['baseline: fetch feeds + pages only', newswire.outlets.reduce((n, o) => n + o.items, 0), median(bare), 1, process.memoryUsage().rss / 1024 / 1024]);
  } finally {
    await newswire.close();
  }
  return {
    title: `Ingest end to end over loopback: demo newswire into a fresh SQLite file (median of ${RUNS} runs)`,
    columns: ['run', 'articles', 'articles/s', 'x slower than baseline', 'peak RSS MiB'],
    rows,
    notes: ['Command: npm run bench ingest (BENCH_RUNS=N for more runs). Peak RSS is of the whole bench process.'],
  };
}

/** Where an article's time goes: the pure stages over the same pages, in this process, median of runs. */
function stageCosts(): BenchTable {
  const items = loadDemoCorpus().outlets.flatMap((o) => o.items.map((i) => ({ i, body: readPage(i).toString('utf8') })));
  enrich({ title: 'Warm-up', text: 'The model and gazetteers load on first use.' });
  const runs: Record<'extract' | 'normalize' | 'enrich', number[]> = { extract: [], normalize: [], enrich: [] };
  for (let r = 0; r < RUNS; r++) {
    let te = 0, tn = 0, tr = 0;
    for (const { i, body } of items) {
      let t = performance.now();
      const page = i.contentType.startsWith('text/plain') ? extract({ text: body }) : extract({ html: body });
      te += performance.now() - t;
      t = performance.now();
      const norm = normalizeText(page.text);
      tn += performance.now() - t;
      t = performance.now();
      enrich({ title: page.title ?? '', text: norm.text, language: norm.language });
      tr += performance.now() - t;
    }
    runs.extract.push(te / items.length);
    runs.normalize.push(tn / items.length);
    runs.enrich.push(tr / items.length);
  }
  const total = median(runs.extract) + median(runs.normalize) + median(runs.enrich);
  return {
    title: `CPU per article by stage over the same ${items.length} pages (median of ${RUNS} runs)`,
    columns: ['stage', 'ms per article', 'share'],
    rows: (['extract', 'normalize', 'enrich'] as const).map((k) => [k, median(runs[k]), `${Math.round((median(runs[k]) / total) * 100)}%`]),
    notes: ['The rest of an ingest (HTTP, feed parsing, dedup, stories, SQLite) is the difference to the end-to-end rate above.'],
  };
}
