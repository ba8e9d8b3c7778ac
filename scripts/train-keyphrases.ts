// Fits the keyphrase ranker (src/pipeline/enrich/data/keyphrase-model.json): a linear score over the
// features of each candidate that enrich() finds (src/pipeline/enrich/keyphrases.ts, KEYPHRASE_FEATURES),
// trained listwise (softmax over a document's candidates, the gold ones as targets; ListNet-style; 500 epochs) on
// 500N-KPCrowd and Inspec, each set weighing the same. Prints, F1@5 / F1@10 beside the hand-tuned ranker
// on the same documents and candidates:
//   - both sets, 5-fold cross-validation (trained on four fifths of both, scored on the fifth left out);
//   - leave one corpus out: each set scored by the model trained on the others only;
//   - the BBC and web sets (keyed by hand as phrases), scored by the same models, trained on only with --bbc-weight
//     / --web-weight.
// No feature says which set a text comes from. --write fits on all of both and writes the model.
// Run: node bin/run-ts.js scripts/train-keyphrases.ts [--loss softmax|pairwise|pointwise] [--kp-weight W]
//   [--features a,b,c] [--drop a,b] [--l2 X] [--epochs N] [--no-eval] [--write]
import { writeFileSync } from 'node:fs';
import { keyphraseCandidatesOf } from '../src/pipeline/enrich/index.ts';
import { KEYPHRASE_FEATURES, linearRanker, type KeyphraseModel } from '../src/pipeline/enrich/keyphrases.ts';
import { loadSet, multiWordKeys, prf, stem } from './keyphrase-data.ts';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const L2 = Number(arg('--l2') ?? 0.0001);
const LOSS = arg('--loss') ?? 'softmax';
// KPCrowd weighs 0.8 of the whole, Inspec 0.2: chosen with the shift below (docs/benchmarks.md, "Keyphrases, seventh
// pass"), the point that beats FirstPhrases and MultipartiteRank on KPCrowd, on its phrase-keyed proxy and on Inspec.
const KP_WEIGHT = Number(arg('--kp-weight') ?? 0.8);
// A single word scores SHIFT less (in units of the standardised score) after fitting: the sets disagree on
// single words (KPCrowd's keys are mostly words, Inspec's and the unseen news set's mostly phrases). The guard is
// the last table line, KPCrowd's stories scored on their multi-word keys only (news keyed as people write
// keyphrases): at 0.1 the ranker fell below FirstPhrases and MultipartiteRank there; 0.5 passes both and keeps
// KPCrowd above them too. The BBC set keyed as phrases (seventh session) moved it to 0.6: BBC F1@10 29.2 -> 33.4 at
// 0.7 held out, KPCrowd -1.1; 0.6 is the highest shift that keeps enrich() above FirstPhrases and MultipartiteRank
// on KPCrowd (docs/benchmarks.md, "Keyphrases, ninth pass"). The model keeps the shift apart from its weights (hashtag
// topics rank without it). --shifts a,b,c prints the tables for several.
const SHIFTS = (arg('--shifts') ?? arg('--shift') ?? '0.6').split(',').map(Number);
// The shift for ranking hashtag topics (enrich() tags from the first 20 candidates in that order): 0.2 keeps the tags
// nearest to those of the ranker fitted before the 0.5 shift (15 of 601 texts' tags changed, against 52 at 0).
const TOPIC_SHIFT = Number(arg('--topic-shift') ?? 0.2);
const EPOCHS = Number(arg('--epochs') ?? 500);
const drop = new Set((arg('--drop') ?? '').split(',').filter(Boolean));
const FEATURES = (arg('--features')?.split(',') ?? [...KEYPHRASE_FEATURES]).filter((f) => !drop.has(f));
const at = FEATURES.map((f) => KEYPHRASE_FEATURES.indexOf(f as typeof KEYPHRASE_FEATURES[number]));
if (at.some((i) => i < 0)) throw new Error(`unknown feature in ${FEATURES.join(',')}; known: ${KEYPHRASE_FEATURES.join(',')}`);
const D = FEATURES.length;

interface Doc { set: string; fold: number; withBody: boolean; gold: Set<string>; phrases: string[]; x: Float64Array[]; raw: Float64Array[]; y: Uint8Array }

// The sets keyed by hand as phrases (BBC and web, test/fixtures/keyphrases-*) are scored, not trained on, unless
// --bbc-weight W / --web-weight W gives them a share of the fit (KPCrowd and Inspec then share the rest as
// --kp-weight says).
const BBC_WEIGHT = Number(arg('--bbc-weight') ?? 0);
const WEB_WEIGHT = Number(arg('--web-weight') ?? 0);
const TRAIN_SETS = ['kpcrowd', 'inspec', ...(BBC_WEIGHT > 0 ? ['bbc'] : []), ...(WEB_WEIGHT > 0 ? ['web'] : [])];
const ALL_SETS = ['kpcrowd', 'inspec', 'bbc', 'web'];
const docs: Doc[] = [];
for (const set of ALL_SETS) {
  const loaded = loadSet(set, Number(arg('--limit') ?? Infinity));
  if (!loaded && (set === 'bbc' || set === 'web')) { console.error(`${set}: keys or texts not found, not scored`); continue; }
  if (!loaded) { console.error(`${set}: data not found`); process.exit(2); }
  loaded.forEach((d, i) => {
    const cands = keyphraseCandidatesOf({ title: d.title, text: d.body, language: 'en' });
    docs.push({
      set, fold: i % 5, withBody: d.withBody, gold: d.gold,
      phrases: cands.map((c) => c.phrase),
      raw: cands.map((c) => c.features),
      x: cands.map((c) => Float64Array.from(at, (k) => c.features[k]!)),
      y: Uint8Array.from(cands, (c) => (d.gold.has(stem(c.phrase)) ? 1 : 0)),
    });
  });
}

function fit(all: Doc[]): KeyphraseModel {
  const train = all.filter((d) => TRAIN_SETS.includes(d.set));
  const mean = new Array<number>(D).fill(0);
  const std = new Array<number>(D).fill(0);
  let n = 0;
  for (const d of train) for (const x of d.x) { n++; for (let k = 0; k < D; k++) mean[k]! += x[k]!; }
  for (let k = 0; k < D; k++) mean[k]! /= n;
  for (const d of train) for (const x of d.x) for (let k = 0; k < D; k++) std[k]! += (x[k]! - mean[k]!) ** 2;
  for (let k = 0; k < D; k++) std[k] = Math.sqrt(std[k]! / n) || 1;
  const z = train.map((d) => d.x.map((x) => Float64Array.from(x, (v, k) => (v - mean[k]!) / std[k]!)));
  // Each set weighs the same (or KPCrowd --kp-weight of the whole), whatever its number of documents.
  const perSet = new Map<string, number>();
  for (const d of train) if (d.y.some((v) => v)) perSet.set(d.set, (perSet.get(d.set) ?? 0) + 1);
  const rest = 1 - BBC_WEIGHT - WEB_WEIGHT;
  const shares: Record<string, number> = { kpcrowd: KP_WEIGHT * rest, inspec: (1 - KP_WEIGHT) * rest, bbc: BBC_WEIGHT, web: WEB_WEIGHT };
  const present = [...perSet.keys()].reduce((a, k) => a + shares[k]!, 0);
  const setWeight = (set: string) => shares[set]! / present;
  const w = new Float64Array(D);
  const m = new Float64Array(D), v = new Float64Array(D);
  const lr = 0.05, b1 = 0.9, b2 = 0.999;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const g = new Float64Array(D);
    let loss = 0;
    train.forEach((d, di) => {
      const pos = d.y.reduce((s, y) => s + y, 0);
      if (!pos) return;
      const weight = setWeight(d.set) / perSet.get(d.set)!;
      const zs = z[di]!;
      const s = zs.map((x) => { let t = 0; for (let k = 0; k < D; k++) t += w[k]! * x[k]!; return t; });
      if (LOSS === 'pointwise') {
        // Logistic regression: is this candidate a gold key?
        for (let i = 0; i < zs.length; i++) {
          const p = 1 / (1 + Math.exp(-s[i]!));
          loss -= weight * Math.log(d.y[i] ? p : 1 - p) / zs.length;
          const coef = weight * (p - d.y[i]!) / zs.length;
          for (let k = 0; k < D; k++) g[k]! += coef * zs[i]![k]!;
        }
        return;
      }
      if (LOSS === 'pairwise') {
        // RankNet: every gold candidate above every other one.
        const neg = zs.length - pos;
        if (!neg) return;
        // Each pair's gradient is coef x (z_i - z_j): summed per candidate first, then once over the features.
        const a = new Float64Array(zs.length);
        for (let i = 0; i < zs.length; i++) {
          if (!d.y[i]) continue;
          for (let j = 0; j < zs.length; j++) {
            if (d.y[j]) continue;
            const p = 1 / (1 + Math.exp(-(s[i]! - s[j]!)));
            loss -= weight * Math.log(p) / (pos * neg);
            const coef = weight * (p - 1) / (pos * neg);
            a[i]! += coef;
            a[j]! -= coef;
          }
        }
        for (let i = 0; i < zs.length; i++) if (a[i]) for (let k = 0; k < D; k++) g[k]! += a[i]! * zs[i]![k]!;
        return;
      }
      const max = Math.max(...s);
      const e = s.map((t) => Math.exp(t - max));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let i = 0; i < zs.length; i++) if (d.y[i]) loss -= weight * Math.log(e[i]! / sum) / pos;
      // Cross-entropy against the uniform distribution over the gold candidates.
      for (let i = 0; i < zs.length; i++) {
        const coef = weight * (e[i]! / sum - d.y[i]! / pos);
        for (let k = 0; k < D; k++) g[k]! += coef * zs[i]![k]!;
      }
    });
    if (process.env.DEBUG && epoch % 50 === 1) console.log(epoch, loss.toFixed(4), [...w].map((x) => x.toFixed(2)).join(' '));
    for (let k = 0; k < D; k++) {
      const gk = g[k]! + L2 * w[k]!;
      m[k] = b1 * m[k]! + (1 - b1) * gk;
      v[k] = b2 * v[k]! + (1 - b2) * gk * gk;
      w[k]! -= (lr * m[k]! / (1 - b1 ** epoch)) / (Math.sqrt(v[k]! / (1 - b2 ** epoch)) + 1e-8);
    }
  }
  return { features: FEATURES, mean, std, weights: [...w].map((x) => Math.round(x * 1e4) / 1e4) };
}

/** The model with single words scored `shift` lower (the len1 weight moved by shift x its spread). */
function shifted(m: KeyphraseModel, shift: number): KeyphraseModel {
  const k = m.features.indexOf('len1');
  if (k < 0 || !shift) return m;
  const weights = [...m.weights];
  weights[k] = Math.round((weights[k]! - shift * m.std[k]!) * 1e4) / 1e4;
  return { ...m, weights };
}

type Scorer = (d: Doc, i: number) => number;
const handTuned: Scorer = (d, i) => d.raw[i]![0]!;
const modelScorer = (m: KeyphraseModel): Scorer => { const r = linearRanker(m); return (d, i) => r.score(d.raw[i]!); };

function score(test: Doc[], scorer: Scorer, goldOf: (d: Doc) => Set<string> = (d) => d.gold): { f5: number; f10: number; multi: number } {
  let f5 = 0, f10 = 0, multi = 0;
  for (const d of test) {
    const gold = goldOf(d);
    const order = d.phrases.map((_, i) => i).sort((a, b) => scorer(d, b) - scorer(d, a));
    const pred = order.slice(0, 20).map((i) => d.phrases[i]!);
    f5 += prf(pred, gold, 5).f;
    f10 += prf(pred, gold, 10).f;
    const top = pred.slice(0, 10);
    if (top.length) multi += top.filter((p) => p.includes(' ')).length / top.length;
  }
  return { f5: (100 * f5) / test.length, f10: (100 * f10) / test.length, multi: (100 * multi) / test.length };
}

const fmt = (r: { f5: number; f10: number; multi: number }) => `${r.f5.toFixed(1)} / ${r.f10.toFixed(1)} (${r.multi.toFixed(0)} %)`;
// The last group is the phrase-keyed news proxy (keyphrase-data.ts, multiWordKeys).
const phrasesOnly = (d: Doc) => multiWordKeys(d.gold);
const groups: [string, (d: Doc) => boolean, ((d: Doc) => Set<string>)?][] = [
  ['KPCrowd (500)', (d) => d.set === 'kpcrowd'],
  ['KPCrowd, with a body', (d) => d.set === 'kpcrowd' && d.withBody],
  ['Inspec (2,000)', (d) => d.set === 'inspec'],
  ['KPCrowd, with a body, multi-word keys only', (d) => d.set === 'kpcrowd' && d.withBody && phrasesOnly(d).size > 0, phrasesOnly],
  ['BBC (61), keyed as phrases by hand', (d) => d.set === 'bbc'],
  ['web (50), keyed as phrases by hand', (d) => d.set === 'web'],
];

console.log(`features: ${FEATURES.join(', ')}; ${LOSS} loss, L2 ${L2}, ${EPOCHS} epochs, KPCrowd weight ${KP_WEIGHT}`);
if (!process.argv.includes('--no-eval')) {
// Cross-validation over both sets: each document scored by the model that did not see it.
const cvModels = new Map<number, KeyphraseModel>();
for (let fold = 0; fold < 5; fold++) cvModels.set(fold, fit(docs.filter((d) => d.fold !== fold)));
const locoModels = new Map<string, KeyphraseModel>();
for (const set of ALL_SETS) locoModels.set(set, fit(docs.filter((d) => d.set !== set)));
for (const shift of SHIFTS) {
  const cvScores = new Map<number, Scorer>([...cvModels].map(([f, m]) => [f, modelScorer(shifted(m, shift))]));
  const cv: Scorer = (d, i) => cvScores.get(d.fold)!(d, i);
  const loco = new Map<string, Scorer>([...locoModels].map(([s, m]) => [s, modelScorer(shifted(m, shift))]));
  const locoScorer: Scorer = (d, i) => loco.get(d.set)!(d, i);
  console.log(`\nsingle-word shift ${shift}: F1@5 / F1@10 (share of multi-word phrases in the top 10)`);
  console.log('| documents | hand-tuned (shipped before) | learned, 5-fold CV | learned, trained on the other sets only |');
  console.log('|---|---|---|---|');
  for (const [label, keep, goldOf] of groups) {
    const test = docs.filter(keep);
    console.log(`| ${label} | ${fmt(score(test, handTuned, goldOf))} | ${fmt(score(test, cv, goldOf))} | ${fmt(score(test, locoScorer, goldOf))} |`);
  }
}
}

// Written unshifted, with the two shifts beside the weights: enrich() lists keyphrases by the one and ranks hashtag
// topics by the other.
const full: KeyphraseModel = { ...fit(docs), singleWordShift: SHIFTS[0]!, topicShift: TOPIC_SHIFT };
console.log(`\nweights (trained on both sets, standardised features; single-word shift ${full.singleWordShift}, topics ${full.topicShift}):`);
for (let k = 0; k < D; k++) console.log(`  ${FEATURES[k]!.padEnd(18)} ${full.weights[k]!.toFixed(3)}`);
if (process.argv.includes('--write')) {
  const out = new URL('../src/pipeline/enrich/data/keyphrase-model.json', import.meta.url);
  const round = (xs: number[]) => xs.map((x) => Number(x.toPrecision(6)));
  writeFileSync(out, JSON.stringify({ ...full, mean: round(full.mean), std: round(full.std), trainedOn: `${TRAIN_SETS.join(' + ')}, scripts/train-keyphrases.ts` }, null, 1) + '\n');
  console.log(`written to ${out.pathname}`);
}
