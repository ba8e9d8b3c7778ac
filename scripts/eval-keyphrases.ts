// F1@5 and F1@10 of the keyphrases that enrich() returns, on 500N-KPCrowd (../shared/data/keyphrases)
// and Inspec (../shared/data/keyphrases-inspec), scored as the data README says: lower-case and
// Porter-stem both sides, exact match, P = correct/k, R = correct/|gold|, averaged over documents.
// Three baselines run in the same process over the same noun-phrase candidates: FirstPhrases (candidates
// in text order), TextRank (Mihalcea & Tarau 2004) and MultipartiteRank (Boudin 2018, its published settings).
// --min-words N scores only documents of at least N words (50 of KPCrowd's 500 hold only their title).
// Run: node bin/run-ts.js scripts/eval-keyphrases.ts [--only NAME] [--set kpcrowd|inspec] [--limit N] [--min-words N]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stemmer } from 'stemmer';
import { foldTypographyKeepOffsets, splitSentences } from '../src/pipeline/normalize/index.ts';
import { rankKeyphrases, type KeyphraseMethod } from '../src/pipeline/enrich/keyphrases.ts';
import { enrich } from '../src/pipeline/enrich/index.ts';

// ../shared/data beside the repository (or beside the worktree's parent), or LEDE_SHARED_DATA.
const DATA = process.env.LEDE_SHARED_DATA ?? ['../../shared/data', '../../../shared/data'].map((p) => resolve(import.meta.dirname, p)).find(existsSync) ?? resolve(import.meta.dirname, '../../shared/data');
const SETS: Record<string, { dir: string; published: string }> = {
  kpcrowd: { dir: resolve(DATA, 'keyphrases'), published: 'published F1@10: MultipartiteRank 18.2, FirstPhrases 17.1, TextRank 7.1' },
  inspec: { dir: resolve(DATA, 'keyphrases-inspec'), published: 'baselines below are run here' },
};

const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const stem = (p: string) => p.toLowerCase().split(/\s+/).filter(Boolean).map((w) => stemmer(w)).join(' ');

function prf(pred: string[], gold: Set<string>, k: number): { p: number; r: number; f: number } {
  const seen = new Set<string>();
  let correct = 0;
  for (const phrase of pred) {
    const s = stem(phrase);
    if (seen.has(s)) continue;
    if (seen.size >= k) break;
    seen.add(s);
    if (gold.has(s)) correct++;
  }
  const p = correct / k;
  const r = gold.size ? correct / gold.size : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

const baseline = (method: KeyphraseMethod) => (_t: string, _b: string, full: string) => {
  const folded = foldTypographyKeepOffsets(full);
  return rankKeyphrases(folded, splitSentences(folded), 10, 'en', method).map((k) => k.phrase);
};
const systems: Record<string, (title: string, body: string, full: string) => string[]> = {
  'enrich().keyphrases': (t, b) => enrich({ title: t, text: b, language: 'en' }).keyphrases,
  'FirstPhrases (baseline)': baseline('firstphrases'),
  'TextRank (baseline)': baseline('textrank'),
  'MultipartiteRank (baseline)': baseline('multipartite'),
};
const only = arg('--only');
if (only) for (const k of Object.keys(systems)) if (!k.startsWith(only)) delete systems[k];

for (const [set, { dir, published }] of Object.entries(SETS)) {
  if (arg('--set') && arg('--set') !== set) continue;
  if (!existsSync(dir)) {
    console.error(`${set}: data not found at ${dir}`);
    process.exitCode = 2;
    continue;
  }
  const files = readdirSync(resolve(dir, 'docsutf8')).filter((f) => f.endsWith('.txt')).sort().slice(0, Number(arg('--limit') ?? 1e9));
  const totals: Record<string, { f5: number; p10: number; r10: number; f10: number; ms: number }> = {};
  for (const name of Object.keys(systems)) totals[name] = { f5: 0, p10: 0, r10: 0, f10: 0, ms: 0 };
  let scored = 0;
  for (const f of files) {
    const full = readFileSync(resolve(dir, 'docsutf8', f), 'utf8').replace(/\r/g, '');
    if (full.split(/\s+/).filter(Boolean).length < Number(arg('--min-words') ?? 0)) continue;
    scored++;
    const gold = new Set(readFileSync(resolve(dir, 'keys', f.replace(/\.txt$/, '.key')), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map(stem));
    const lines = full.split('\n');
    const ti = lines.findIndex((l) => l.trim());
    const title = (lines[ti] ?? '').trim();
    const body = lines.slice(ti + 1).map((l) => l.trim()).join('\n');
    for (const [name, fn] of Object.entries(systems)) {
      const t0 = performance.now();
      const pred = fn(title, body, `${title}\n\n${body}`);
      const t = totals[name]!;
      t.ms += performance.now() - t0;
      const at10 = prf(pred, gold, 10);
      t.f5 += prf(pred, gold, 5).f;
      t.p10 += at10.p;
      t.r10 += at10.r;
      t.f10 += at10.f;
    }
  }
  const n = scored;
  console.log(`\n${set}: ${n} documents (${published})`);
  console.log('| system | F1@5 | P@10 | R@10 | F1@10 | ms/doc |\n|---|---|---|---|---|---|');
  for (const [name, t] of Object.entries(totals)) {
    const pc = (x: number) => (100 * x / n).toFixed(1);
    console.log(`| ${name} | ${pc(t.f5)} | ${pc(t.p10)} | ${pc(t.r10)} | ${pc(t.f10)} | ${(t.ms / n).toFixed(2)} |`);
  }
}
