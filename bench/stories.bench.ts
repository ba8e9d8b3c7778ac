// Per-article cost of placement (dedup + story assignment, the one algorithm ingest runs) with 10k and
// 100k articles already indexed (1M with LEDE_BENCH_1M=1), in-memory index, scale corpus from scripts/gen-scale-corpus.ts. The 10k run is the
// baseline in the same process; the target is ≤ 2 ms per article at 1M and within 1.5× of 10k.
// LEDE_BENCH_SIZES=10000,50000 picks other sizes. The store-backed table (placeVersion on SQLite
// :memory:, what `lede ingest` runs) takes LEDE_BENCH_SQLITE_SIZES=2000,10000,… (0 skips it).
// Each row is also written to stderr as soon as it is measured, so a long run is not lost whole.
import { fingerprintText, storeFingerprint } from '../src/pipeline/dedup/index.ts';
import { StoryClusterer } from '../src/pipeline/stories/index.ts';
import { generateCorpus, loadSentences, type ScaleArticle } from '../scripts/gen-scale-corpus.ts';
import { createHash } from 'node:crypto';
import { placeVersion, prepareVersion } from '../src/pipeline/stories/index.ts';
import { openStore } from '../src/store/index.ts';
import type { NewVersion } from '../src/store/ports/articles.ts';
import { median, type BenchTable } from './table.ts';

const MEASURED = 3000;
const BATCH = 100;

function sizes(): number[] {
  if (process.env.LEDE_BENCH_SIZES) return process.env.LEDE_BENCH_SIZES.split(',').map(Number).filter((n) => n > 0);
  return process.env.LEDE_BENCH_1M ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
}

const mib = (b: number) => b / 1024 / 1024;
const progress = (table: string, row: (string | number)[]) =>
  process.stderr.write(`stories bench (${table}): ${row.map((x) => (typeof x === 'number' ? x.toPrecision(3) : x)).join(' | ')}\n`);

function toVersion(a: ScaleArticle): NewVersion {
  const at = new Date(a.published).toISOString();
  return {
    sourceId: null, feedId: null, outlet: `outlet-${a.n % 50}`, url: `https://outlet${a.n % 50}.example/a/${a.n}`,
    canonicalUrl: null, title: a.title, byline: null, text: a.text, html: '', lede: null, image: null,
    language: 'en', published: at, fetchedAt: at, contentHash: createHash('sha256').update(a.text).digest('hex'),
  };
}

/**
 * placeVersion against a real SQLite store (in memory): the path `lede ingest` takes. The baseline, on
 * the same store, writes 500 other articles with createArticle alone (fingerprint computed beforehand,
 * no lookups, no story): what storing an article costs, so that the rest is dedup + story assignment.
 */
async function sqliteTable(sentences: string[], origin: string): Promise<BenchTable> {
  const sizes = (process.env.LEDE_BENCH_SQLITE_SIZES ?? '2000,10000').split(',').map(Number).filter((n) => n > 0);
  const rows: (string | number)[][] = [];
  let baseline = 0;
  const cpuMsPer = (c: NodeJS.CpuUsage, n: number) => (c.user + c.system) / 1000 / n;
  for (const size of sizes) {
    const repo = await openStore('sqlite::memory:');
    const gen = generateCorpus(size + 1000, sentences, { seed: 2 });
    for (let i = 0; i < size; i++) await placeVersion(repo, toVersion(gen.next().value as ScaleArticle));
    const rest = [...gen];
    const placed = rest.slice(0, 500).map(toVersion);
    const storedOnly = rest.slice(500).map((a) => ({ v: toVersion(a), fp: storeFingerprint(fingerprintText(a.text)) }));
    // The pure part (fingerprint, term counts) apart: ingest does it on the extract/enrich thread.
    const cpuP = process.cpuUsage();
    const t0 = performance.now();
    const prepared = placed.map((v) => prepareVersion(v));
    const prepareMs = cpuMsPer(process.cpuUsage(cpuP), placed.length);
    const cpu0 = process.cpuUsage();
    for (const p of prepared) await placeVersion(repo, p);
    const wall = (performance.now() - t0) / placed.length;
    const storeMs = cpuMsPer(process.cpuUsage(cpu0), placed.length);
    const cpuMs = prepareMs + storeMs;
    const cpu1 = process.cpuUsage();
    for (const { v, fp } of storedOnly) await repo.transaction((tx) => tx.createArticle(v, fp));
    const createMs = cpuMsPer(process.cpuUsage(cpu1), storedOnly.length);
    if (!baseline) baseline = cpuMs;
    rows.push([size.toLocaleString('en'), cpuMs, cpuMs / baseline, wall, prepareMs, storeMs, createMs, cpuMs - createMs, await repo.countArticles()]);
    progress('sqlite', rows[rows.length - 1]!);
    await repo.close();
  }
  return {
    title: 'stories: placeVersion (dedup + story assignment + storing) per article against SQLite (:memory:)',
    columns: ['stored', 'CPU ms/article', 'vs first size', 'wall ms/article', 'of which prepare (pure)', 'of which from prepared (under the lock)', 'baseline: createArticle alone CPU ms', 'dedup + story CPU ms (difference)', 'articles after'],
    rows,
    notes: [`500 articles placed after N are stored, then 500 more stored with createArticle alone; corpus from ${origin}. LEDE_BENCH_SQLITE_SIZES=… picks sizes (0 skips).`],
  };
}

export default async (): Promise<BenchTable[]> => {
  const { sentences, origin } = loadSentences();
  const memory = await memoryTable(sentences, origin);
  return process.env.LEDE_BENCH_SQLITE_SIZES === '0' ? [memory] : [memory, await sqliteTable(sentences, origin)];
};

async function memoryTable(sentences: string[], origin: string): Promise<BenchTable> {
  const rows: (string | number)[][] = [];
  let baseline = 0;
  for (const size of sizes()) {
    globalThis.gc?.();
    const before = process.memoryUsage();
    const clusterer = new StoryClusterer();
    const gen = generateCorpus(size + MEASURED, sentences, { seed: 1 });
    const fillStart = performance.now();
    for (let i = 0; i < size; i++) {
      const a = gen.next().value as ScaleArticle;
      await clusterer.place({ title: a.title, text: a.text, published: a.published });
    }
    const fillMs = performance.now() - fillStart;
    process.stderr.write(`stories bench: ${size} indexed in ${(fillMs / 1000).toFixed(0)} s\n`);
    const measured: ScaleArticle[] = [];
    for (const a of gen) measured.push(a);
    const perArticle: number[] = [];
    let copies = 0, found = 0, falseCopies = 0;
    // CPU time as well as wall time: on a shared machine other processes inflate the wall clock.
    const cpu0 = process.cpuUsage();
    for (let b = 0; b < measured.length; b += BATCH) {
      const batch = measured.slice(b, b + BATCH);
      const t0 = performance.now();
      for (const a of batch) {
        const p = await clusterer.place({ title: a.title, text: a.text, published: a.published });
        if (a.copyOf !== null) { copies++; if (!p.isNewArticle) found++; } else if (!p.isNewArticle) falseCopies++;
      }
      perArticle.push((performance.now() - t0) / batch.length);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / measured.length;
    const after = process.memoryUsage();
    const ms = median(perArticle);
    if (!baseline) baseline = cpuMs;
    rows.push([
      size.toLocaleString('en'), cpuMs, cpuMs / baseline, ms,
      (fillMs / size) * 1000 / 1000, mib(clusterer.index.dedup.bytes), mib(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers), mib(after.rss),
      `${found}/${copies}, ${falseCopies} false`,
    ]);
    progress('memory', rows[rows.length - 1]!);
  }
  return {
    title: 'stories: placement (dedup + story assignment) per article, with N articles already indexed (in memory)',
    columns: ['indexed', 'CPU ms/article', 'vs first size', 'wall ms/article (median)', 'fill wall ms/article', 'dedup index MiB', 'heap+buffers MiB', 'RSS MiB', 'planted copies found'],
    rows,
    notes: [
      `Scale corpus: scripts/gen-scale-corpus.ts over ${sentences.length} real sentences of ${origin}, ~3000 articles a day, 3-day story window.`,
      `Per-article figures over the ${MEASURED} articles placed after the index holds N: CPU time (user+system) per article, and wall-clock medians over batches of ${BATCH}.`,
    ],
  };
}
