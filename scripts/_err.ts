import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Perceptron } from '../src/pipeline/enrich/ner/perceptron.ts';
import { deserializeModel, serializeModel, useModel } from '../src/pipeline/enrich/ner/tagger.ts';
import { soup } from './ner-train-core.ts';
import { pipelineMentions, readWikigoldDocuments } from './train-ner-data.ts';
const load = (k: string) => { const j = JSON.parse(gunzipSync(readFileSync(`.tmp/ner-kfold/${k}-e10-s42.json.gz`)).toString()); const p = new Perceptron(); p.lower = new Set(j.lower); for (const [f, w] of Object.entries(j.weights)) p.weights.set(f, Float64Array.from(w as number[])); return p; };
const gmb = load('gmb');
const W = process.env.W ?? '1', S = Number(process.env.S ?? 0.35);
const docs = readWikigoldDocuments();
for (let k = 0; k < 5; k++) {
  useModel(deserializeModel(serializeModel(soup(gmb, load(`mix-w${W}-fold${k}of5`), S), 1)));
  for (const [d, doc] of docs.entries()) {
    if (d % 5 !== k) continue;
    const { gold, pred, words } = pipelineMentions(doc);
    const show = (x: string) => { const [a, b, t] = x.split(':'); return `${words.slice(Number(a), Number(b)).join(' ')}\t${t}`; };
    const ctx = (x: string) => { const [a, b] = x.split(':').map(Number); return words.slice(Math.max(0, a! - 6), b! + 6).join(' '); };
    const span = (x: string) => x.split(':').slice(0, 2).join(':');
    for (const g of gold) if (!pred.has(g)) { const o = [...pred].find((p) => span(p) === span(g)); console.log(`${o ? 'TYPE ' + o.split(':')[2] + '<-' : 'FN '}${g.split(':')[2]}\t${show(g)}\t| ${ctx(g)}`); }
    for (const p of pred) if (!gold.has(p) && ![...gold].some((g) => span(g) === span(p))) console.log(`FP ${p.split(':').at(-1)}\t${show(p)}\t| ${ctx(p)}`);
  }
}
