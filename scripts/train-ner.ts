// Trains the entity tagger (averaged perceptron) on GMB and writes
// src/pipeline/enrich/data/ner-model.json.gz. The last HELDOUT sentences of GMB are never trained on:
// scripts/eval-ner.ts scores them. Run: node bin/run-ts.js scripts/train-ner.ts [EPOCHS]
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { deserializeModel, serializeModel } from '../src/pipeline/enrich/ner/tagger.ts';
import { EPOCHS, fmtScore, taggerScore, trainPerceptron } from './ner-train-core.ts';
import { devSlice, HELDOUT, readGmb, requireData } from './train-ner-data.ts';

requireData();
const epochs = Number(process.argv[2] ?? EPOCHS);
const all = readGmb();
// NER_DEV=N also keeps the N sentences before the held-out ones out of training, so that rules and
// features can be developed against errors on sentences that are never scored in eval-ner.
const dev = Number(process.env.NER_DEV ?? 0);
const train = all.slice(0, all.length - HELDOUT - dev);
const test = all.slice(all.length - HELDOUT);
const devSet = dev ? devSlice(all, dev) : [];
const p = trainPerceptron(train, {
  epochs,
  seed: Number(process.env.SEED ?? 42),
  // With a development slice, its tagger-alone F1 after each epoch shows where to stop.
  onEpoch: (e, errors, averaged) => console.log(`epoch ${e}: ${errors} token errors${dev ? '; dev ' + fmtScore(taggerScore(devSet, averaged())) : ''}`),
});

const minWeight = Number(process.env.MIN_WEIGHT ?? 0.05);
const ser = serializeModel(p, minWeight);
const json = JSON.stringify(ser);
const gz = gzipSync(json, { level: 9 });
writeFileSync(new URL('../src/pipeline/enrich/data/ner-model.json.gz', import.meta.url), gz);
console.log(`features kept ${Object.keys(ser.weights).length} of ${p.weights.size}; model ${(gz.length / 1024).toFixed(0)} KiB gzipped`);
// Held-out is scored only for the shipped model (trained without a dev slice), never while developing.
if (!dev) console.log(`GMB held-out (${test.length} sentences, full weights): ${fmtScore(taggerScore(test, p))}`);
else console.log(`GMB dev slice (${dev} sentences): full ${fmtScore(taggerScore(devSet, p))}; shipped (pruned) ${fmtScore(taggerScore(devSet, deserializeModel(ser)))}`);
