// Leave-one-corpus-out for the entity tagger: for each NER corpus in ../shared/data/ner (GMB, wikigold,
// the Broad Twitter Corpus, SEC filings), train on a mix of the others and score the tagger alone on the
// one left out, beside the shipped model (trained on GMB) on the same sentences. A rule or feature is kept
// only if it wins across corpora, and a retrained model is shipped only if this table says it generalises.
// GMB's left-out test is its held-out slice (the last HELDOUT sentences, never trained on).
// Run: [NER_LOCO_RECIPES=others,mix,gmb2,aug] [NER_LOCO_ONLY=gmb,sec] nice node bin/run-ts.js scripts/ner-loco.ts [EPOCHS=5] [MAX_PER_CORPUS=4000]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadModel } from '../src/pipeline/enrich/ner/tagger.ts';
import { taggerScore, trainPerceptron } from './ner-train-core.ts';
import { DATA, HELDOUT, readGmb, readWikigold, requireData, type Sentence } from './train-ner-data.ts';

requireData();
const epochs = Number(process.argv[2] ?? 5);
const cap = Number(process.argv[3] ?? 4000);

/** CoNLL-like lines: word first, tag last; IO or BIO tags; MISC and anything else dropped to O. */
function readConll(path: string, sep: RegExp): Sentence[] {
  const out: Sentence[] = [];
  let cur: Sentence = { words: [], tags: [] };
  const flush = () => { if (cur.words.length) out.push(cur); cur = { words: [], tags: [] }; };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('-DOCSTART-')) { flush(); continue; }
    const parts = line.trim().split(sep);
    const word = parts[0]!;
    const tag = parts.length > 1 ? parts[parts.length - 1]! : 'O';
    const m = /^([BI])-(PER|ORG|LOC)$/.exec(tag);
    const prev = cur.tags.at(-1) ?? 'O';
    cur.words.push(word);
    if (!m) cur.tags.push('O');
    else cur.tags.push(m[1] === 'B' || prev.slice(2) !== m[2] ? `B-${m[2]}` : `I-${m[2]}`);
  }
  flush();
  return out;
}

const gmb = readGmb();
const corpora: Record<string, { train: Sentence[]; test: Sentence[] }> = {
  gmb: { train: gmb.slice(0, gmb.length - HELDOUT), test: gmb.slice(gmb.length - HELDOUT) },
  wikigold: { train: readWikigold(), test: readWikigold() },
  btc: (() => { const s = ['a', 'b', 'e', 'f', 'g', 'h'].flatMap((x) => readConll(resolve(DATA, `btc/${x}.conll`), /\t/)); return { train: s, test: s }; })(),
  sec: (() => { const s = ['FIN5', 'FIN3'].flatMap((x) => readConll(resolve(DATA, `sec-filings/${x}.txt`), / /)); return { train: s, test: s }; })(),
};

// A fixed shuffle, then the first `cap` sentences of each corpus, so no corpus swamps the mix.
function sample(s: Sentence[], n: number): Sentence[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const idx = s.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
  return idx.slice(0, n).map((i) => s[i]!);
}

// The recipes compared (NER_LOCO_RECIPES, comma-separated; default: the first two):
// gmb — GMB alone (the shipped recipe, retrained: how far retraining alone moves a figure); others — the other corpora only; mix — GMB's training sentences + the others; gmb2 — the same with GMB
// twice; aug — GMB + the others with feature augmentation by corpus, GMB's view kept (ner-train-core.ts).
type Named = { name: string; s: Sentence[] };
const RECIPES: Record<string, { label: string; train: (gmb: Sentence[], others: Named[]) => Sentence[] | { s: Sentence[]; domains: string[] } }> = {
  gmb: { label: 'GMB only, retrained', train: (g) => g },
  others: { label: 'the other corpora only', train: (g, o) => [...o.flatMap((x) => x.s), ...g] },
  mix: { label: 'GMB + the other corpora', train: (g, o) => [...g, ...o.flatMap((x) => x.s)] },
  gmb2: { label: 'GMB ×2 + the other corpora', train: (g, o) => [...g, ...g, ...o.flatMap((x) => x.s)] },
  aug: {
    label: 'GMB + the others, augmented by corpus',
    train: (g, o) => ({ s: [...g, ...o.flatMap((x) => x.s)], domains: [...g.map(() => 'gmb'), ...o.flatMap((x) => x.s.map(() => x.name))] }),
  },
};
/** NER_AUG_RATE: the update size of the other corpora's sentences in "aug" (GMB's is 1). */
const RATE = Number(process.env.NER_AUG_RATE ?? 1);
/** NER_SEED: the training shuffle's seed (42, as train-ner's, by default). */
const SEED = Number(process.env.NER_SEED ?? 42);
const chosen = (process.env.NER_LOCO_RECIPES ?? 'others,mix').split(',');
const only = process.env.NER_LOCO_ONLY?.split(',');

const shipped = loadModel();
console.log(`leave-one-corpus-out, tagger alone, entity-level micro F1 (PER/ORG/LOC); up to ${cap} sentences of each other corpus (GMB: all its training sentences), ${epochs} epochs`);
console.log(`| left out | test sentences | shipped model (GMB only) | ${chosen.map((r) => RECIPES[r]!.label).join(' | ')} | best − shipped |\n|---|---|---|${chosen.map(() => '---|').join('')}---|`);
for (const [name, { test }] of Object.entries(corpora)) {
  if (only && !only.includes(name)) continue;
  const others = Object.entries(corpora).filter(([n]) => n !== name && n !== 'gmb').map(([n, c]) => ({ name: n, s: sample(c.train, cap) }));
  const a = taggerScore(test, shipped).f;
  const fs: number[] = [];
  for (const r of chosen) {
    const t0 = Date.now();
    // "others" has no GMB on GMB's row and a capped GMB sample elsewhere; the other recipes all of GMB's training sentences.
    const gmbPart = r !== 'others' ? corpora.gmb!.train : name === 'gmb' ? [] : sample(corpora.gmb!.train, cap);
    const set = RECIPES[r]!.train(gmbPart, others);
    const model = Array.isArray(set) ? trainPerceptron(set, { epochs, seed: SEED }) : trainPerceptron(set.s, { epochs, seed: SEED, domains: { of: set.domains, keep: 'gmb', rate: RATE } });
    fs.push(taggerScore(test, model).f);
    console.error(`${name} ${r}: ${fs.at(-1)!.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const d = Math.max(...fs) - a;
  console.log(`| ${name} | ${test.length} | ${a.toFixed(3)} | ${fs.map((f) => f.toFixed(3)).join(' | ')} | ${(d >= 0 ? '+' : '') + d.toFixed(3)} |`);
}
