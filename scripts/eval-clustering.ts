// Story clustering quality on ../shared/data/clustering (GoogleNews T, S, TS): one pass, in file order
// and shuffled with fixed seeds. Prints NMI, homogeneity, completeness and B-cubed F1.
//   node bin/run-ts.js scripts/eval-clustering.ts [--options '{"joinThreshold":0.3}']
//   SETS=T,S,TS,T+S node bin/run-ts.js scripts/eval-clustering.ts   (T+S: title and text apart, see titled())
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClusterOptions } from '../src/pipeline/stories/cluster.ts';
import { StoryClusterer } from '../src/pipeline/stories/streams.ts';
import { scoreClustering, type ClusteringScores } from '../src/pipeline/stories/metrics.ts';

// ../shared/data beside the repository (or beside the worktree's parent), or LEDE_SHARED_DATA.
const shared = process.env.LEDE_SHARED_DATA ?? ['../../shared/data', '../../../shared/data'].map((p) => resolve(import.meta.dirname, p)).find(existsSync) ?? resolve(import.meta.dirname, '../../shared/data');
const dir = resolve(shared, 'clustering');
if (!existsSync(dir)) {
  console.error(`eval-clustering: ${dir} is absent; this evaluation needs the shared development data.`);
  process.exit(2);
}
const optIdx = process.argv.indexOf('--options');
const options: Partial<ClusterOptions> = optIdx > 0 ? JSON.parse(process.argv[optIdx + 1]!) : {};
const SEEDS = [1, 2, 3];

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Row { title?: string; text: string; cluster: number }

async function run(rows: Row[]): Promise<ClusteringScores> {
  const c = new StoryClusterer(options);
  const placed: number[] = [];
  for (const r of rows) placed.push((await c.place({ title: r.title, text: r.text })).story);
  return scoreClustering(rows.map((r) => r.cluster), placed.map((s) => c.resolve(s)));
}

const f = (x: number) => x.toFixed(3);
console.log('| set | order | NMI | homogeneity | completeness | B-cubed F1 | stories (gold) | ms |');
console.log('|---|---|---|---|---|---|---|---|');
const read = (set: string) => readFileSync(`${dir}/GoogleNews-${set}.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
// T+S: the TS texts as ingest sees an article, the title (T) apart from the text (S); line i of T, S and TS
// is one item. Not in the default sets (the figures in docs/benchmarks.md are T, S, TS); SETS=T+S adds it.
function titled(): Row[] {
  const s = read('S');
  return read('T').map((t, i) => ({ title: t.text, text: s[i]!.text, cluster: t.cluster }));
}
for (const set of (process.env.SETS ?? 'T,S,TS').split(',')) {
  const rows = set === 'T+S' ? titled() : read(set);
  const gold = new Set(rows.map((r) => r.cluster)).size;
  const t0 = performance.now();
  const s = await run(rows);
  const ms = performance.now() - t0;
  console.log(`| ${set} | file | ${f(s.nmi)} | ${f(s.homogeneity)} | ${f(s.completeness)} | ${f(s.bcubedF1)} | ${s.clusters} (${gold}) | ${ms.toFixed(0)} |`);
  const runs: ClusteringScores[] = [];
  for (const seed of SEEDS) runs.push(await run(shuffled(rows, seed)));
  const mean = (k: keyof ClusteringScores) => runs.reduce((a, r) => a + r[k], 0) / runs.length;
  const min = Math.min(...runs.map((r) => r.nmi));
  console.log(`| ${set} | shuffled ×${SEEDS.length} (mean; min NMI ${f(min)}) | ${f(mean('nmi'))} | ${f(mean('homogeneity'))} | ${f(mean('completeness'))} | ${f(mean('bcubedF1'))} | ${mean('clusters').toFixed(0)} (${gold}) | |`);
}
