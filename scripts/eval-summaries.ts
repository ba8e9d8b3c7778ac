// ROUGE-1/2/L F1 of the extractive summary on the BBC set (../shared/data/summaries) against the lead
// baseline run in the same process: lead-k (k = gold summary length) and lead-3.
// Run: node bin/run-ts.js scripts/eval-summaries.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { enrich } from '../src/pipeline/enrich/index.ts';
import { pickSummary } from '../src/pipeline/enrich/summary.ts';

const DIR = resolve(import.meta.dirname, '../../shared/data/summaries');
if (!existsSync(DIR)) {
  console.error(`summary data not found at ${DIR} (../shared/data/summaries relative to the repo root)`);
  process.exit(2);
}

const toks = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function ngrams(t: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i++) {
    const k = t.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function rougeN(sys: string[], ref: string[], n: number): number {
  const a = ngrams(sys, n);
  const b = ngrams(ref, n);
  let overlap = 0;
  for (const [k, c] of a) overlap += Math.min(c, b.get(k) ?? 0);
  const p = overlap / Math.max(1, sys.length - n + 1);
  const r = overlap / Math.max(1, ref.length - n + 1);
  return p + r ? (2 * p * r) / (p + r) : 0;
}

function rougeL(sys: string[], ref: string[]): number {
  const dp = new Uint16Array((sys.length + 1) * (ref.length + 1));
  const w = ref.length + 1;
  for (let i = 1; i <= sys.length; i++)
    for (let j = 1; j <= ref.length; j++)
      dp[i * w + j] = sys[i - 1] === ref[j - 1] ? dp[(i - 1) * w + j - 1]! + 1 : Math.max(dp[(i - 1) * w + j]!, dp[i * w + j - 1]!);
  const l = dp[sys.length * w + ref.length]!;
  const p = l / Math.max(1, sys.length);
  const r = l / Math.max(1, ref.length);
  return p + r ? (2 * p * r) / (p + r) : 0;
}

type Scores = { r1: number; r2: number; rl: number };
const systems: Record<string, (title: string, sents: string[], k: number) => string[]> = {
  'lede (k sentences)': (title, sents, k) => pickSummary(sents.map((text, index) => ({ text, doc: 0, index, of: sents.length })), { sentences: k, title }).map((i) => sents[i]!),
  'lead-k (baseline)': (_t, sents, k) => sents.slice(0, k),
  'lede (3 sentences)': (title, sents) => pickSummary(sents.map((text, index) => ({ text, doc: 0, index, of: sents.length })), { sentences: 3, title }).map((i) => sents[i]!),
  'lead-3 (baseline)': (_t, sents) => sents.slice(0, 3),
  'enrich() end to end, k': (title, sents, k) => enrich({ title, text: sents.join('\n') }, { summarySentences: k }).summary,
};
const totals: Record<string, Scores> = Object.fromEntries(Object.keys(systems).map((k) => [k, { r1: 0, r2: 0, rl: 0 }]));
let n = 0;
for (const cat of readdirSync(resolve(DIR, 'article')).sort()) {
  for (const f of readdirSync(resolve(DIR, 'article', cat)).sort()) {
    const lines = readFileSync(resolve(DIR, 'article', cat, f), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const gold = readFileSync(resolve(DIR, 'summary', cat, f), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const [title, ...sents] = lines;
    const ref = toks(gold.join(' '));
    n++;
    for (const [name, fn] of Object.entries(systems)) {
      const sys = toks(fn(title!, sents, gold.length).join(' '));
      totals[name]!.r1 += rougeN(sys, ref, 1);
      totals[name]!.r2 += rougeN(sys, ref, 2);
      totals[name]!.rl += rougeL(sys, ref);
    }
  }
}
console.log(`BBC News Summary dev split: ${n} articles; ROUGE F1 (x100) against the gold extractive summaries`);
for (const [name, t] of Object.entries(totals)) {
  console.log(`${name.padEnd(24)} R-1 ${(100 * t.r1 / n).toFixed(1)}  R-2 ${(100 * t.r2 / n).toFixed(1)}  R-L ${(100 * t.rl / n).toFixed(1)}`);
}
