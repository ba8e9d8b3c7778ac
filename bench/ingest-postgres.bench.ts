// Ingest scale-out on PostgreSQL: 1, 2 and 4 `lede ingest --once` processes against one database, over
// the scale newswire of the ingest bench (bench/newswire.ts), each run on a fresh database
// `lede_bench_ingest_<n>`. After each run the store is checked for what several processes could do wrong:
// the same text stored as two articles, an item stored twice, copies of one article put in two stories,
// and the article and story counts set against the one-process run.
//
//   npm run bench -- ingest-postgres
//   BENCH_WIRE_ARTICLES=2000 BENCH_WIRE_HOSTS=60 BENCH_WIRE_FEEDS=120 npm run bench -- ingest-postgres
//
// Needs a PostgreSQL server: LEDE_TEST_PG_URL, default postgres://127.0.0.1:5432/test (trust auth). BENCH_PG_DB names
// the databases (default lede_bench_ingest: lede_bench_ingest_1, …), so that two runs on one server stay apart.
import { availableParallelism } from 'node:os';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { DEFAULT_URL, withClient, withDatabase, withUser } from '../test/store/backends.ts';
import { runLedeIngest, subscribeWire } from './ingest.bench.ts';
import { startScaleWire, type ScaleWire } from './newswire.ts';
import type { BenchTable } from './table.ts';
import { coresBusy, machineTicks, sampleCpu } from './cpu.ts';
import { scoreClustering, type ClusteringScores } from '../src/pipeline/stories/metrics.ts';

const ARTICLES = Number(process.env.BENCH_WIRE_ARTICLES ?? 5000);
const HOSTS = Number(process.env.BENCH_WIRE_HOSTS ?? 120);
const FEEDS = Number(process.env.BENCH_WIRE_FEEDS ?? 240);
const PROCESSES = (process.env.BENCH_PROCESSES ?? '1,2,4').split(',').map(Number);
/** Node flags for the ingest processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where their CPU goes. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

interface Check {
  articles: number;
  stories: number;
  versions: number;
  /** Content hashes stored as more than one article. */
  hashesInTwoArticles: number;
  /** Page URLs stored as more than one version. */
  urlsTwice: number;
  /** Word-for-word copies on the wire not stored as a version of the original's article. */
  copiesApart: number;
  /** Copies (word for word or updated) whose article is in another story than the original's. */
  copiesInTwoStories: number;
  /** The stored stories against the wire's own (every stored item with its story). */
  grouping: ClusteringScores;
}

async function check(url: string, wire: ScaleWire): Promise<Check> {
  return withClient(url, async (c) => {
    const one = async (sql: string) => Number((await c.query(sql)).rows[0]!.n);
    const rows = (await c.query<{ url: string; article_id: string; story_id: string | null }>(
      'SELECT v.url, v.article_id, a.story_id FROM versions v JOIN articles a ON a.id = v.article_id')).rows;
    const byUrl = new Map(rows.map((r) => [r.url, r]));
    let copiesApart = 0;
    let copiesInTwoStories = 0;
    const gold: number[] = [];
    const placed: string[] = [];
    for (const it of wire.items) {
      const stored = byUrl.get(wire.pageUrl(it.id));
      if (stored?.story_id) {
        gold.push(it.story);
        placed.push(stored.story_id);
      }
      if (it.copyOf === null) continue;
      const copy = byUrl.get(wire.pageUrl(it.id));
      const original = byUrl.get(wire.pageUrl(it.copyOf));
      if (!copy || !original) continue;
      const verbatim = it.paragraphs.length === wire.items[it.copyOf]!.paragraphs.length;
      if (verbatim && copy.article_id !== original.article_id) copiesApart++;
      if (copy.story_id !== original.story_id) copiesInTwoStories++;
    }
    return {
      articles: await one('SELECT count(*) AS n FROM articles'),
      stories: await one('SELECT count(*) AS n FROM stories'),
      versions: await one('SELECT count(*) AS n FROM versions'),
      hashesInTwoArticles: await one('SELECT count(*) AS n FROM (SELECT content_hash FROM versions GROUP BY content_hash HAVING count(DISTINCT article_id) > 1) d'),
      urlsTwice: await one('SELECT count(*) AS n FROM (SELECT url FROM versions WHERE url IS NOT NULL GROUP BY url HAVING count(*) > 1) d'),
      copiesApart,
      copiesInTwoStories,
      grouping: scoreClustering(gold, placed),
    };
  });
}

export default async function ingestPostgresBench(): Promise<BenchTable> {
  const adminUrl = withUser(process.env.LEDE_TEST_PG_URL || DEFAULT_URL);
  const wire = await startScaleWire({ articles: ARTICLES, hosts: HOSTS, feeds: FEEDS });
  const rows: (string | number)[][] = [];
  let base = 0;
  try {
    for (const n of PROCESSES) {
      const name = `${process.env.BENCH_PG_DB ?? 'lede_bench_ingest'}_${n}`;
      await withClient(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${name}`);
      });
      const url = withDatabase(adminUrl, name);
      const repo = await openPostgresStore(url);
      await subscribeWire(repo, wire);
      await repo.close();
      const t0 = performance.now();
      const machine0 = machineTicks();
      const server = sampleCpu(() => withClient(adminUrl, async (c) =>
        (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((r) => r.pid)));
      const runs = await Promise.all(Array.from({ length: n }, () => runLedeIngest(url, {}, NODE_ARGS)));
      const seconds = (performance.now() - t0) / 1000;
      const serverMs = await server.stop();
      const busy = coresBusy(machine0, machineTicks());
      const c = await check(url, wire);
      const rate = c.versions / seconds;
      if (n === PROCESSES[0]) base = rate;
      const cpu = runs.reduce((a, r) => a + r.cpuSeconds, 0);
      const perItem = (cpu * 1000 + serverMs) / c.versions;
      rows.push([n, c.versions, seconds, rate, rate / base, (cpu / c.versions) * 1000, serverMs / c.versions, busy,
        (availableParallelism() * 1000) / perItem, c.articles, c.stories,
        `${c.grouping.bcubedPrecision.toFixed(3)} / ${c.grouping.bcubedRecall.toFixed(3)} / ${c.grouping.nmi.toFixed(3)}`,
        `${c.hashesInTwoArticles} / ${c.urlsTwice} / ${c.copiesApart} / ${c.copiesInTwoStories}`]);
      await withClient(adminUrl, (cl) => cl.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  } finally {
    await wire.close();
  }
  return {
    title: `Ingest on PostgreSQL: N lede ingest --once processes (concurrency ${process.env.BENCH_INGEST_CONCURRENCY ?? 8} each) on one database, ${wire.items.length} items from ${wire.feeds.length} feeds on ${wire.hosts.length} loopback hosts`,
    columns: ['processes', 'items stored', 'seconds', 'items/s', `x ${PROCESSES[0]} process`, 'CPU ms per item (lede)', 'server CPU ms per item',
      'cores busy', 'items/s if every core ran lede + server', 'articles', 'stories', "B-cubed P / R / NMI vs the wire's stories", 'dup hash / dup url / copies apart / copies in 2 stories'],
    rows,
    notes: [
      'Command: npm run bench -- ingest-postgres (BENCH_PROCESSES=1,2,4; BENCH_WIRE_* as in the ingest bench). The last column must read 0 / 0 / 0 / 0.',
      'The stories are scored against the stories the wire was generated from (every stored item): more processes must not join or split more.',
      `CPU from /proc: the lede processes' own (GNU time), the PostgreSQL backends' serving the database (sampled every 200 ms), and the cores busy over the whole machine (of ${availableParallelism()}; this process serves the wire too). ` +
        'The ceiling column is the rate at which the lede and server CPU of an item would fill every core: no number of processes goes past it.',
    ],
  };
}
