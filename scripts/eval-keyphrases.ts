// F1@10 of the keyphrase ranker on 500N-KPCrowd (../shared/data/keyphrases), scored as the data
// README says: lower-case and Porter-stem both sides, exact match, P = correct/10, R = correct/|gold|,
// averaged over documents. A FirstPhrases-style baseline (the first 10 distinct candidate phrases) runs
// in the same process for comparison. Run: node bin/run-ts.js scripts/eval-keyphrases.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stemmer } from 'stemmer';
import { foldTypographyKeepOffsets, splitSentences } from '../src/pipeline/normalize/index.ts';
import { rankKeyphrases } from '../src/pipeline/enrich/keyphrases.ts';
import { enrich } from '../src/pipeline/enrich/index.ts';
import { STOPWORDS as STOP } from '../src/pipeline/enrich/stopwords.ts';

const DIR = resolve(import.meta.dirname, '../../shared/data/keyphrases');
if (!existsSync(DIR)) {
  console.error(`keyphrase data not found at ${DIR} (../shared/data/keyphrases relative to the repo root)`);
  process.exit(2);
}

const stem = (p: string) => p.toLowerCase().split(/\s+/).filter(Boolean).map((w) => stemmer(w)).join(' ');

function f1At10(pred: string[], gold: Set<string>): { p: number; r: number; f: number } {
  const seen = new Set<string>();
  let correct = 0;
  for (const k of pred) {
    const s = stem(k);
    if (seen.has(s)) continue;
    seen.add(s);
    if (seen.size > 10) break;
    if (gold.has(s)) correct++;
  }
  const p = correct / 10;
  const r = gold.size ? correct / gold.size : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

const files = readdirSync(resolve(DIR, 'docsutf8')).filter((f) => f.endsWith('.txt')).sort();
const systems: Record<string, (title: string, body: string, full: string) => string[]> = {
  ranker: (_t, _b, full) => {
    const folded = foldTypographyKeepOffsets(full);
    return rankKeyphrases(folded, splitSentences(folded), 10).map((k) => k.phrase);
  },
  'enrich().keyphrases': (t, b) => enrich({ title: t, text: b }).keyphrases,
  // FirstPhrases-style baseline: the first distinct runs of up to three content words, in text order.
  'first phrases (baseline)': (_t, _b, full) => {
    const out: string[] = [];
    for (const run of full.split(/[^\p{L}\p{N}' -]+/u)) {
      const words = run.split(/\s+/).filter(Boolean);
      let cur: string[] = [];
      const flush = () => { if (cur.length) out.push(cur.slice(0, 3).join(' ')); cur = []; };
      for (const w of words) (STOP.has(w.toLowerCase()) ? flush() : cur.push(w));
      flush();
      if (out.length >= 20) break;
    }
    return out;
  },
};
const only = process.argv.indexOf('--only');
if (only > 0) for (const k of Object.keys(systems)) if (!k.startsWith(process.argv[only + 1]!)) delete systems[k];
const totals: Record<string, { p: number; r: number; f: number; ms: number }> = {};
for (const name of Object.keys(systems)) totals[name] = { p: 0, r: 0, f: 0, ms: 0 };
for (const f of files) {
  const full = readFileSync(resolve(DIR, 'docsutf8', f), 'utf8');
  const gold = new Set(readFileSync(resolve(DIR, 'keys', f.replace(/\.txt$/, '.key')), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map(stem));
  const lines = full.split('\n');
  const ti = lines.findIndex((l) => l.trim());
  const title = lines[ti] ?? '';
  const body = lines.slice(ti + 1).join('\n');
  for (const [name, fn] of Object.entries(systems)) {
    const t0 = performance.now();
    const pred = fn(title, body, full);
    totals[name]!.ms += performance.now() - t0;
    const s = f1At10(pred, gold);
    totals[name]!.p += s.p;
    totals[name]!.r += s.r;
    totals[name]!.f += s.f;
  }
}
console.log(`500N-KPCrowd, ${files.length} documents (published F1@10: MultipartiteRank 18.2, FirstPhrases 17.1, TextRank 7.1)`);
for (const [name, t] of Object.entries(totals)) {
  const n = files.length;
  console.log(`${name.padEnd(26)} P@10 ${(100 * t.p / n).toFixed(1)}  R@10 ${(100 * t.r / n).toFixed(1)}  F1@10 ${(100 * t.f / n).toFixed(1)}   (${(t.ms / n).toFixed(2)} ms/doc)`);
}
