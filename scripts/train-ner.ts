// Trains the entity tagger and writes src/pipeline/enrich/data/ner-model.json.gz: an averaged perceptron
// on GMB (newswire) and one on GMB plus up to MIX_CAP sentences each of the Broad Twitter Corpus and the
// SEC filings, their weights averaged with GMB's model at share SOUP_SHARE (a "model soup": one linear
// model the size of one, scoring as the weighted sum of the two). scripts/ner-loco.ts chose the recipe
// (it wins on every corpus left out); wikigold stays out of training so that eval-ner's wikigold figure
// stays a held-out one. The last HELDOUT sentences of GMB are never trained on: eval-ner scores them.
// NER_WG=N adds wikigold N times to the mix model (then eval-ner's wikigold lines are no longer held out;
// scripts/ner-kfold.ts measures such recipes by 5-fold cross-validation on wikigold's documents).
// Run: [NER_WG=0] [NER_SOUP=0.65] node bin/run-ts.js scripts/train-ner.ts [EPOCHS]
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { deserializeModel, serializeModel } from '../src/pipeline/enrich/ner/tagger.ts';
import { EPOCHS, fmtScore, MIX_CAP, SOUP_SHARE, soup, taggerScore, trainPerceptron, WIKIGOLD_TIMES } from './ner-train-core.ts';
import { devSlice, HELDOUT, readBtc, readGmb, readSec, readWikigold, requireData, sample } from './train-ner-data.ts';

requireData();
const epochs = Number(process.argv[2] ?? EPOCHS);
const all = readGmb();
// NER_DEV=N also keeps the N sentences before the held-out ones out of training, so that rules and
// features can be developed against errors on sentences that are never scored in eval-ner.
const dev = Number(process.env.NER_DEV ?? 0);
const train = all.slice(0, all.length - HELDOUT - dev);
const test = all.slice(all.length - HELDOUT);
const devSet = dev ? devSlice(all, dev) : [];
// The soup holds the union of both models' features; a weight below 1 (training units) is dropped, which
// keeps the model near the GMB-only one's size (577 against 471 KiB) at no loss on GMB or wikigold.
const minWeight = Number(process.env.MIN_WEIGHT ?? 1);
const seed = Number(process.env.SEED ?? 42);
const log = (e: number, errors: number, averaged: () => import('../src/pipeline/enrich/ner/perceptron.ts').Perceptron) =>
  console.log(`epoch ${e}: ${errors} token errors${dev ? '; dev ' + fmtScore(taggerScore(devSet, averaged())) : ''}`);

console.log('GMB model');
// The GMB model as it shipped on its own (pruned at 0.05), then the mix model; the soup is pruned again.
const gmbModel = deserializeModel(serializeModel(trainPerceptron(train, { epochs, seed, onEpoch: log }), 0.05));
console.log(`GMB + BTC + SEC${WIKIGOLD_TIMES ? ` + wikigold ×${WIKIGOLD_TIMES}` : ''} model`);
const wikigold = readWikigold();
const mix = [...train, ...sample(readBtc(), MIX_CAP), ...sample(readSec(), MIX_CAP), ...Array.from({ length: WIKIGOLD_TIMES }, () => wikigold).flat()];
const mixModel = trainPerceptron(mix, { epochs, seed, lowerFrom: train, onEpoch: log });
const p = soup(gmbModel, mixModel, SOUP_SHARE);

const ser = serializeModel(p, minWeight);
const json = JSON.stringify(ser);
const gz = gzipSync(json, { level: 9 });
writeFileSync(new URL('../src/pipeline/enrich/data/ner-model.json.gz', import.meta.url), gz);
console.log(`features kept ${Object.keys(ser.weights).length} of ${p.weights.size}; model ${(gz.length / 1024).toFixed(0)} KiB gzipped`);
// Held-out is scored only for the shipped model (trained without a dev slice), never while developing.
if (!dev) console.log(`GMB held-out (${test.length} sentences): full ${fmtScore(taggerScore(test, p))}; shipped (pruned) ${fmtScore(taggerScore(test, deserializeModel(ser)))}`);
else console.log(`GMB dev slice (${dev} sentences): full ${fmtScore(taggerScore(devSet, p))}; shipped (pruned) ${fmtScore(taggerScore(devSet, deserializeModel(ser)))}`);
