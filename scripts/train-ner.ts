// Trains the entity tagger (averaged perceptron) on GMB and writes
// src/pipeline/enrich/data/ner-model.json.gz. The last HELDOUT sentences of GMB are never trained on:
// scripts/eval-ner.ts scores them. Run: node bin/run-ts.js scripts/train-ner.ts [EPOCHS]
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { gazetteer } from '../src/pipeline/enrich/gazetteer.ts';
import { dynamicFeatures, lowerCaseWords, norm, staticFeatures } from '../src/pipeline/enrich/ner/features.ts';
import { Perceptron, TAGS } from '../src/pipeline/enrich/ner/perceptron.ts';
import { deserializeModel, serializeModel, tagWords } from '../src/pipeline/enrich/ner/tagger.ts';
import { PREV_STATES, START, viterbi } from '../src/pipeline/enrich/ner/viterbi.ts';
import { devSlice, entitySet, HELDOUT, prf, readGmb, requireData, type Sentence } from './train-ner-data.ts';

requireData();
const epochs = Number(process.argv[2] ?? 6);
const gaz = gazetteer();
const all = readGmb();
// NER_DEV=N also keeps the N sentences before the held-out ones out of training, so that rules and
// features can be developed against errors on sentences that are never scored in eval-ner.
const dev = Number(process.env.NER_DEV ?? 0);
const train = all.slice(0, all.length - HELDOUT - dev);
const test = all.slice(all.length - HELDOUT);
const p = new Perceptron();
p.lower = lowerCaseWords(train.map((s) => s.words));
const feats = train.map((s) => staticFeatures(s.words, gaz, p.lower));
const order = train.map((_, i) => i);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

// Structured perceptron: decode the whole sentence with the current weights, then move weights towards
// the gold sequence and away from the guess wherever they differ (the tagger trains on its own
// history, the way it will run).
for (let e = 0; e < epochs; e++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let errors = 0;
  for (const si of order) {
    const s = train[si]!;
    const f = feats[si]!;
    const wn = s.words.map(norm);
    const em = f.map((x) => p.scores(x));
    const guess = viterbi(em, (i, k) => p.scores(dynamicFeatures(PREV_STATES[k]!, wn[i]!)));
    const gold = s.tags.map((t) => TAGS.indexOf(t as (typeof TAGS)[number]));
    p.tick();
    for (let i = 0; i < gold.length; i++) {
      const gp = i ? gold[i - 1]! : START;
      const pp = i ? guess[i - 1]! : START;
      if (gold[i] === guess[i] && gp === pp) continue;
      if (gold[i] !== guess[i]) errors++;
      const fg = [...f[i]!, ...dynamicFeatures(PREV_STATES[gp]!, wn[i]!)];
      const fp = [...f[i]!, ...dynamicFeatures(PREV_STATES[pp]!, wn[i]!)];
      p.add(fg, gold[i]!, 1);
      p.add(fp, guess[i]!, -1);
    }
  }
  console.log(`epoch ${e + 1}: ${errors} token errors`);
}
p.average();

function score(sents: Sentence[], model: Perceptron): string {
  let tp = 0, fp = 0, fn = 0;
  sents.forEach((s, k) => {
    const gold = entitySet(s.tags, String(k));
    const pred = entitySet(tagWords(s.words, model, gaz), String(k));
    for (const x of pred) if (gold.has(x)) tp++; else fp++;
    for (const x of gold) if (!pred.has(x)) fn++;
  });
  const r = prf(tp, fp, fn);
  return `P ${r.p.toFixed(3)} R ${r.r.toFixed(3)} F1 ${r.f.toFixed(3)}`;
}

const minWeight = Number(process.env.MIN_WEIGHT ?? 0.05);
const ser = serializeModel(p, minWeight);
const json = JSON.stringify(ser);
const gz = gzipSync(json, { level: 9 });
writeFileSync(new URL('../src/pipeline/enrich/data/ner-model.json.gz', import.meta.url), gz);
console.log(`features kept ${Object.keys(ser.weights).length} of ${p.weights.size}; model ${(gz.length / 1024).toFixed(0)} KiB gzipped`);
console.log(`GMB held-out (${test.length} sentences, full weights): ${score(test, p)}`);
if (dev) {
  // The development slice, with the full weights and with the pruned weights that ship.
  const devSet = devSlice(all, dev);
  console.log(`GMB dev slice (${dev} sentences): full ${score(devSet, p)}; shipped (pruned) ${score(devSet, deserializeModel(ser))}`);
}
