// Enrichment throughput (articles/second, one core, one process): the whole enrich() and its parts,
// against normalize's sentence split + tokenize run over the same texts as the baseline. Uses the dev
// corpus (../shared/data: BBC summaries articles and 500N-KPCrowd stories) when present, else the texts
// bundled in the repo (the seeds and the NER dev set's articles).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldTypographyKeepOffsets, splitSentences, tokenize } from '../src/pipeline/normalize/index.ts';
import { enrich, enrichStory } from '../src/pipeline/enrich/index.ts';
import { findNames } from '../src/pipeline/enrich/ner/index.ts';
import { rankKeyphrases } from '../src/pipeline/enrich/keyphrases.ts';
import { median, type BenchTable } from './table.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const shared = resolve(root, '../shared/data');

interface Doc { title: string; text: string }

function fromFile(path: string): Doc {
  const lines = readFileSync(path, 'utf8').split('\n');
  const ti = lines.findIndex((l) => l.trim());
  return { title: (lines[ti] ?? '').trim(), text: lines.slice(ti + 1).join('\n').trim() };
}

function corpus(): { name: string; docs: Doc[] } {
  const docs: Doc[] = [];
  const sum = resolve(shared, 'summaries/article');
  const kp = resolve(shared, 'keyphrases/docsutf8');
  if (existsSync(sum) && existsSync(kp)) {
    for (const cat of readdirSync(sum)) for (const f of readdirSync(resolve(sum, cat))) docs.push(fromFile(resolve(sum, cat, f)));
    for (const f of readdirSync(kp)) docs.push(fromFile(resolve(kp, f)));
    return { name: `dev corpus (${docs.length} articles: BBC summaries + 500N-KPCrowd)`, docs };
  }
  for (const dir of ['fixtures/seeds', 'test/fixtures/ner']) {
    const d = resolve(root, dir);
    if (existsSync(d)) for (const f of readdirSync(d).filter((x) => x.endsWith('.txt'))) docs.push(fromFile(resolve(d, f)));
  }
  return { name: `bundled texts (${docs.length} articles; ../shared/data absent)`, docs };
}

function rate(docs: Doc[], fn: (d: Doc) => unknown, runs = 5): { perSec: number; msPerDoc: number } {
  for (const d of docs.slice(0, 20)) fn(d); // warm-up: models load, JIT
  // CPU time of this process, not wall-clock: other work on a shared machine does not count
  // against the one core enrich runs on.
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    for (const d of docs) fn(d);
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  const ms = median(times);
  return { perSec: (docs.length / ms) * 1000, msPerDoc: ms / docs.length };
}

export default async (): Promise<BenchTable> => {
  const { name, docs } = corpus();
  const chars = docs.reduce((s, d) => s + d.title.length + d.text.length, 0);
  const base = rate(docs, (d) => { const t = `${d.title}\n\n${d.text}`; splitSentences(t); tokenize(t); });
  const rows: (string | number)[][] = [];
  const add = (label: string, r: { perSec: number; msPerDoc: number }) =>
    rows.push([label, Math.round(r.perSec), r.msPerDoc, (r.msPerDoc / base.msPerDoc).toFixed(1) + 'x']);
  add('baseline: sentence split + tokenize', base);
  add('entities (tagger + gazetteers + rules)', rate(docs, (d) => { const f = foldTypographyKeepOffsets(`${d.title}\n\n${d.text}`); findNames(f, splitSentences(f)); }));
  add('keyphrases', rate(docs, (d) => { const f = foldTypographyKeepOffsets(`${d.title}\n\n${d.text}`); rankKeyphrases(f, splitSentences(f)); }));
  add('enrich() — everything', rate(docs, (d) => enrich(d)));
  const stories: Doc[][] = [];
  for (let i = 0; i + 3 <= Math.min(docs.length, 60); i += 3) stories.push(docs.slice(i, i + 3));
  const st = rate(stories as unknown as Doc[], (s) => enrichStory((s as unknown as Doc[]).map((d) => ({ ...d, outlet: 'x' }))), 3);
  rows.push(['enrichStory() of 3 articles (stories/s)', Math.round(st.perSec), st.msPerDoc, '—']);
  return {
    title: `enrich: articles per second, one core — ${name}, mean ${Math.round(chars / docs.length)} chars`,
    columns: ['what', 'articles/s', 'ms/article', 'vs baseline'],
    rows,
    notes: ['Medians of 5 passes after a warm-up, in process CPU time (one core). Target: enrich() ≥ 100 articles/s.'],
  };
};
