// What CoNLL-convention training data buys on unseen newswire-like text, and what it costs elsewhere.
//
// Part "kfold": wikigold (Wikipedia, CoNLL-2003 guidelines: the convention of the unseen newswire set) in
// FOLDS folds by document (document d in fold d mod FOLDS). For each fold the recipe is trained with the
// other folds' documents in its mix and scores the fold left out; the counts of the folds are pooled (micro
// F1 over all of wikigold, each sentence scored by a model that never saw its document).
// Part "loco": the same recipes trained with all of wikigold, scored leave-one-corpus-out on the other
// corpora: GMB's held-out slice and the own set (test/fixtures/ner, never trained on) with the full recipe;
// BTC with the recipe trained without BTC, SEC without SEC.
//
// A recipe is a soup (train-ner.ts): the GMB-only model (pruned at 0.05, as shipped) averaged weight by weight
// with a "mix" model trained on GMB + up to MIX_CAP sentences each of BTC and SEC + wikigold repeated ×w,
// at GMB-only share s; the soup pruned at weight 1, as shipped. s = 1 is the GMB-only model, s = 0 the mix model
// alone; w = 0 is the shipped recipe (no wikigold). Scores: the tagger alone (entity-level micro P/R/F1,
// ORG recall) and the whole pipeline (enrichDocument, as eval-ner: wikigold by its documents; GMB held-out
// with nationalities apart, the product's convention; the own set as annotated).
//
// Trained models are cached in .tmp/ner-kfold/ (gitignored; NER_KFOLD_FRESH=1 retrains), one training at a time.
// Run: [NER_KFOLD_PART=kfold,loco] [NER_KFOLD_WG=0,1,2,3] [NER_KFOLD_SOUPS=1,0.65,0.5,0.35,0] nice node bin/run-ts.js scripts/ner-kfold.ts [EPOCHS=10]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gazetteer } from '../src/pipeline/enrich/gazetteer.ts';
import { Perceptron } from '../src/pipeline/enrich/ner/perceptron.ts';
import { deserializeModel, loadModel, serializeModel, tagWords, useModel } from '../src/pipeline/enrich/ner/tagger.ts';
import { EPOCHS, MIX_CAP, soup, trainPerceptron, WIKIGOLD_TIMES } from './ner-train-core.ts';
import {
  entitySet, HELDOUT, inDocuments, OWN_SET, prf, readBtc, readConllDir, readGmb, readSec, readWikigoldDocuments, requireData, sample, scoreDocuments,
  type Sentence, type TypeCounts,
} from './train-ner-data.ts';

requireData();
const epochs = Number(process.argv[2] ?? EPOCHS);
const FOLDS = 5;
const SEED = 42;
const parts = (process.env.NER_KFOLD_PART ?? 'kfold,loco').split(',');
const WG = (process.env.NER_KFOLD_WG ?? '0,1,2,3').split(',').map(Number);
const SHARES = (process.env.NER_KFOLD_SOUPS ?? '1,0.65,0.5,0.35,0').split(',').map(Number);
const CACHE = resolve(import.meta.dirname, '../.tmp/ner-kfold');
mkdirSync(CACHE, { recursive: true });

/** A trained model from the cache, or trained now and cached (full precision, unpruned). */
function cached(key: string, make: () => Perceptron): Perceptron {
  const path = resolve(CACHE, `${key}-e${epochs}-s${SEED}.json.gz`);
  if (existsSync(path) && process.env.NER_KFOLD_FRESH !== '1') {
    const j = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as { lower: string[]; weights: Record<string, number[]> };
    const p = new Perceptron();
    p.lower = new Set(j.lower);
    for (const [f, w] of Object.entries(j.weights)) p.weights.set(f, Float64Array.from(w));
    return p;
  }
  const t0 = Date.now();
  const p = make();
  writeFileSync(path, gzipSync(JSON.stringify({ lower: [...p.lower], weights: Object.fromEntries([...p.weights].map(([f, w]) => [f, Array.from(w)])) })));
  console.error(`trained ${key} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return p;
}

const gmbAll = readGmb();
const gmbTrain = gmbAll.slice(0, gmbAll.length - HELDOUT);
const gmbTest = gmbAll.slice(gmbAll.length - HELDOUT);
const btc = sample(readBtc(), MIX_CAP);
const sec = sample(readSec(), MIX_CAP);
const wgDocs = readWikigoldDocuments();
const own = readConllDir(OWN_SET);
const times = <T>(xs: T[], n: number): T[] => Array.from({ length: n }, () => xs).flat();

/** The GMB-only model as train-ner ships it inside the soup (pruned at 0.05). */
const gmbModel = cached('gmb', () => deserializeModel(serializeModel(trainPerceptron(gmbTrain, { epochs, seed: SEED }), 0.05)));
/** A mix model: GMB + BTC + SEC (each unless left out) + wikigold sentences repeated `w` times. */
function mixModel(key: string, w: number, wg: Sentence[], leaveOut?: 'btc' | 'sec'): Perceptron {
  const k = w === 0 ? `mix-w0${leaveOut ? '-no' + leaveOut : ''}` : key;
  return cached(k, () => trainPerceptron([...gmbTrain, ...(leaveOut === 'btc' ? [] : btc), ...(leaveOut === 'sec' ? [] : sec), ...times(wg, w)], { epochs, seed: SEED, lowerFrom: gmbTrain }));
}
/** The shipped form of a recipe: the soup at GMB-only share `s`, pruned at weight 1 (train-ner's MIN_WEIGHT). */
const shipForm = (mix: Perceptron, s: number) => deserializeModel(serializeModel(s === 1 ? gmbModel : soup(gmbModel, mix, s), 1));

type Counts = { tp: number; fp: number; fn: number; per: TypeCounts };
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, per: { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0] } });
function addCounts(a: Counts, b: Counts): void {
  a.tp += b.tp; a.fp += b.fp; a.fn += b.fn;
  for (const t of ['PER', 'ORG', 'LOC'] as const) for (let j = 0; j < 3; j++) a.per[t][j]! += b.per[t][j]!;
}
/** The tagger alone over sentences, with per-type counts. */
function taggerCounts(sents: Sentence[], model: Perceptron): Counts {
  const c = zero();
  const gaz = gazetteer();
  sents.forEach((s, k) => {
    const gold = entitySet(s.tags, String(k));
    const pred = entitySet(tagWords(s.words, model, gaz), String(k));
    const type = (x: string) => x.split(':').at(-1) as 'PER' | 'ORG' | 'LOC';
    for (const x of pred) if (gold.has(x)) { c.tp++; c.per[type(x)][0]++; } else { c.fp++; c.per[type(x)][1]++; }
    for (const x of gold) if (!pred.has(x)) { c.fn++; c.per[type(x)][2]++; }
  });
  return c;
}
function pipelineCounts(docs: Sentence[][], model: Perceptron, nationalitiesApart = false): Counts {
  useModel(model);
  return scoreDocuments(docs, nationalitiesApart);
}
const f1 = (c: Counts) => prf(c.tp, c.fp, c.fn).f.toFixed(3);
const orgR = (c: Counts) => prf(...c.per.ORG).r.toFixed(2);
const orgP = (c: Counts) => prf(...c.per.ORG).p.toFixed(2);

const recipes: { w: number; s: number; label: string }[] = [];
for (const w of WG) for (const s of SHARES) {
  if (s === 1 && recipes.some((r) => r.s === 1)) continue; // GMB only: the same model whatever w
  recipes.push({ w, s, label: s === 1 ? 'GMB only' : s === 0 ? `mix model alone, wikigold ×${w}` : `soup ${s} GMB-only, wikigold ×${w}` });
}
const shipped = loadModel();

if (parts.includes('kfold')) {
  const folds = Array.from({ length: FOLDS }, (_, k) => ({ test: wgDocs.filter((_, d) => d % FOLDS === k), train: wgDocs.filter((_, d) => d % FOLDS !== k).flat() }));
  const tag = new Map<string, Counts>();
  const pipe = new Map<string, Counts>();
  const add = (m: Map<string, Counts>, k: string, c: Counts) => { if (!m.has(k)) m.set(k, zero()); addCounts(m.get(k)!, c); };
  for (const [k, { test, train }] of folds.entries()) {
    add(tag, 'shipped', taggerCounts(test.flat(), shipped));
    add(pipe, 'shipped', pipelineCounts(test, shipped));
    for (const w of WG) {
      const mix = mixModel(`mix-w${w}-fold${k}of${FOLDS}`, w, train);
      for (const r of recipes.filter((r) => r.w === w)) {
        const m = shipForm(mix, r.s);
        add(tag, r.label, taggerCounts(test.flat(), m));
        add(pipe, r.label, pipelineCounts(test, m));
      }
    }
    console.error(`fold ${k + 1} of ${FOLDS} scored`);
  }
  console.log(`\nwikigold ${FOLDS}-fold by document (${wgDocs.length} documents, ${wgDocs.flat().length} sentences), ${epochs} epochs; counts pooled over the folds`);
  console.log('| recipe | tagger F1 | tagger ORG P / R | pipeline F1 | pipeline ORG P / R |\n|---|---|---|---|---|');
  for (const label of ['shipped', ...recipes.map((r) => r.label)]) {
    const a = tag.get(label)!, b = pipe.get(label)!;
    console.log(`| ${label === 'shipped' ? `shipped model (${WIKIGOLD_TIMES ? 'trained on all of wikigold: not held out' : 'wikigold never trained on'})` : label} | ${f1(a)} | ${orgP(a)} / ${orgR(a)} | ${f1(b)} | ${orgP(b)} / ${orgR(b)} |`);
  }
}

if (parts.includes('loco')) {
  const wgAll = wgDocs.flat();
  console.log(`\nleave-one-corpus-out with all of wikigold in the mix (tagger alone F1; pipeline F1 where named), ${epochs} epochs`);
  console.log('| recipe | GMB held-out | GMB held-out, pipeline, nationalities apart | own set | own set, pipeline | BTC (trained without BTC) | SEC (trained without SEC) |\n|---|---|---|---|---|---|---|');
  const btcAll = readBtc(), secAll = readSec();
  const row = (label: string, full: Perceptron, noBtc: Perceptron, noSec: Perceptron) => {
    console.log(`| ${label} | ${f1(taggerCounts(gmbTest, full))} | ${f1(pipelineCounts(inDocuments(gmbTest), full, true))} | ${f1(taggerCounts(own.flat(), full))} | ${f1(pipelineCounts(own, full))} | ${f1(taggerCounts(btcAll, noBtc))} | ${f1(taggerCounts(secAll, noSec))} |`);
  };
  console.log(`| shipped model (BTC, SEC: trained on them, not left out) | ${f1(taggerCounts(gmbTest, shipped))} | ${f1(pipelineCounts(inDocuments(gmbTest), shipped, true))} | ${f1(taggerCounts(own.flat(), shipped))} | ${f1(pipelineCounts(own, shipped))} | (${f1(taggerCounts(btcAll, shipped))}) | (${f1(taggerCounts(secAll, shipped))}) |`);
  for (const w of WG) {
    const full = mixModel(`mix-w${w}-all`, w, wgAll);
    const noBtc = mixModel(`mix-w${w}-all-nobtc`, w, wgAll, 'btc');
    const noSec = mixModel(`mix-w${w}-all-nosec`, w, wgAll, 'sec');
    for (const r of recipes.filter((r) => r.w === w)) row(r.label, shipForm(full, r.s), shipForm(noBtc, r.s), shipForm(noSec, r.s));
  }
}
