// The structured-perceptron training loop, shared by train-ner (the shipped model) and the cross-validation
// scripts ner-cv (features) and ner-cv-rules (post-rules), which never read the held-out sentences.
import { gazetteer } from '../src/pipeline/enrich/gazetteer.ts';
import { dynamicFeatures, lowerCaseWords, norm, staticFeatures } from '../src/pipeline/enrich/ner/features.ts';
import { Perceptron, TAGS } from '../src/pipeline/enrich/ner/perceptron.ts';
import { tagWords } from '../src/pipeline/enrich/ner/tagger.ts';
import { PREV_STATES, START, viterbi } from '../src/pipeline/enrich/ner/viterbi.ts';
import { correctHonorifics, entitySet, prf, type Sentence } from './train-ner-data.ts';

/** Sentences taken from each other corpus for the mix model (a fixed shuffle's first ones). */
export const MIX_CAP = 4000;
/** GMB's model's share in the shipped soup (NER_SOUP overrides it for experiments). */
export const SOUP_SHARE = Number(process.env.NER_SOUP ?? 0.65);
/**
 * How many times wikigold's sentences go into the shipped mix model (NER_WG overrides it): 0 keeps wikigold
 * held out. scripts/ner-kfold.ts measures the recipes by 5-fold cross-validation on wikigold's documents.
 */
export const WIKIGOLD_TIMES = Number(process.env.NER_WG ?? 0);
/** Training epochs of the shipped model and the cross-validation scripts' default. */
export const EPOCHS = 10;
/**
 * The training decoder's bonus to every wrong tag (cost-augmented decoding, as in margin-rescaled
 * structured learning): the perceptron then updates until the gold tags win by a margin that grows with
 * the number of wrong tags, not merely until they win. 4-fold CV, tagger alone: 0.8352 without (8 epochs,
 * the best of 8–12), 0.8381 with 30 (10 epochs); 20 and 45 gave 0.837–0.838, 120 gave 0.836.
 */
export const TRAIN_COST = 30;
/** NER_COST overrides it for experiments (NER_COST=0: the plain perceptron). */
const COST = Number(process.env.NER_COST ?? TRAIN_COST);

export interface TrainOptions {
  epochs: number;
  seed?: number;
  /** Called after each epoch with the weights averaged so far (for early-stopping curves). */
  onEpoch?: (epoch: number, errors: number, averaged: () => Perceptron) => void;
  /**
   * Each sentence's corpus, for feature augmentation (Daume 2007): every feature has a shared weight and
   * one per corpus, and a sentence is scored and updated with the shared weights plus its corpus's, so
   * what only one corpus teaches (its conventions) goes to that corpus's weights and what the corpora
   * share to the shared ones. The model returned is the one corpus `keep`'s view: shared plus its own
   * weights summed into one table (the size and speed of a plain model; the tagger knows no corpora).
   */
  /** Each sentence's update size (default 1): a smaller one lets a corpus inform the weights without outvoting the rest. */
  weights?: readonly number[];
  /** The sentences whose lower-case words make the model's `lower` set (default: the training sentences). */
  lowerFrom?: Sentence[];
  domains?: { of: readonly string[]; keep: string; /** Update size of the other corpora's sentences (1: as the kept one's). */ rate?: number };
}

/**
 * Two models' weights averaged (a "model soup"): `a` at share `wa`, `b` at 1 - wa, with `a`'s lower-case
 * words. Both taggers are linear in the same features, so the average scores every sentence as the
 * weighted sum of the two scores would, at the size of one model.
 */
export function soup(a: Perceptron, b: Perceptron, wa: number): Perceptron {
  const out = new Perceptron();
  out.lower = a.lower;
  for (const [f, w] of a.weights) out.weights.set(f, w.map((x) => x * wa));
  for (const [f, w] of b.weights) {
    const cur = out.weights.get(f);
    if (cur) for (let k = 0; k < w.length; k++) cur[k]! += (1 - wa) * w[k]!;
    else out.weights.set(f, w.map((x) => x * (1 - wa)));
  }
  return out;
}

/** Adds `b`'s weights into `a`. */
function addWeights(a: Perceptron, b: Perceptron): void {
  for (const [f, w] of b.weights) {
    const cur = a.weights.get(f);
    if (cur) for (let k = 0; k < w.length; k++) cur[k]! += w[k]!;
    else a.weights.set(f, Float64Array.from(w));
  }
}

// Structured perceptron: decode the whole sentence with the current weights, then move weights towards
// the gold sequence and away from the guess wherever they differ (the tagger trains on its own
// history, the way it will run).
export function trainPerceptron(sentences: Sentence[], opts: TrainOptions): Perceptron {
  const train = sentences.map(correctHonorifics);
  const gaz = gazetteer();
  const p = new Perceptron();
  // With corpora marked, the words "used in lower case" are the kept (edited newswire) corpus's: tweets
  // write names in lower case ("obama"), which would teach that a capitalised word seen lower-cased is no name.
  const lowerFrom = opts.lowerFrom ?? (opts.domains && process.env.NER_LOWER_ALL !== '1' ? train.filter((_, i) => opts.domains!.of[i] === opts.domains!.keep) : train);
  p.lower = lowerCaseWords(lowerFrom.map((s) => s.words));
  const feats = train.map((s) => staticFeatures(s.words, gaz, p.lower));
  const order = train.map((_, i) => i);
  const own = new Map<string, Perceptron>();
  for (const d of opts.domains?.of ?? []) if (!own.has(d)) own.set(d, new Perceptron());
  const all = [p, ...own.values()];
  const both = (si: number) => (opts.domains ? [p, own.get(opts.domains.of[si]!)!] : [p]);
  const scores = (ps: Perceptron[], f: string[]) => { const v = ps[0]!.scores(f); for (let k = 1; k < ps.length; k++) ps[k]!.scores(f, v); return v; };
  let seed = opts.seed ?? 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let e = 0; e < opts.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const si of order) {
      const s = train[si]!;
      const f = feats[si]!;
      const wn = s.words.map(norm);
      const gold = s.tags.map((t) => TAGS.indexOf(t as (typeof TAGS)[number]));
      const ps = both(si);
      const em = f.map((x, i) => {
        const v = scores(ps, x);
        for (let k = 0; k < v.length; k++) if (k !== gold[i]) v[k]! += COST;
        return v;
      });
      const guess = viterbi(em, (i, k) => scores(ps, dynamicFeatures(PREV_STATES[k]!, wn[i]!)));
      for (const q of all) q.tick();
      for (let i = 0; i < gold.length; i++) {
        const gp = i ? gold[i - 1]! : START;
        const pp = i ? guess[i - 1]! : START;
        if (gold[i] === guess[i] && gp === pp) continue;
        if (gold[i] !== guess[i]) errors++;
        const gf = [...f[i]!, ...dynamicFeatures(PREV_STATES[gp]!, wn[i]!)];
        const pf = [...f[i]!, ...dynamicFeatures(PREV_STATES[pp]!, wn[i]!)];
        const r = (opts.weights?.[si] ?? 1) * (opts.domains && opts.domains.of[si] !== opts.domains.keep ? (opts.domains.rate ?? 1) : 1);
        for (const q of ps) { q.add(gf, gold[i]!, r); q.add(pf, guess[i]!, -r); }
      }
    }
    opts.onEpoch?.(e + 1, errors, () => { const c = p.averagedCopy(); if (opts.domains) addWeights(c, own.get(opts.domains.keep)!.averagedCopy()); return c; });
  }
  p.average();
  if (opts.domains) { const k = own.get(opts.domains.keep)!; k.average(); addWeights(p, k); }
  return p;
}

/** Entity-level micro P/R/F1 of the tagger alone over sentences. */
export function taggerScore(sents: Sentence[], model: Perceptron): { p: number; r: number; f: number; orgR: number } {
  const gaz = gazetteer();
  let tp = 0, fp = 0, fn = 0, orgTp = 0, orgFn = 0;
  sents.forEach((s, k) => {
    const gold = entitySet(s.tags, String(k));
    const pred = entitySet(tagWords(s.words, model, gaz), String(k));
    for (const x of pred) if (gold.has(x)) tp++; else fp++;
    for (const x of gold) {
      const org = x.endsWith(':ORG');
      if (!pred.has(x)) { fn++; if (org) orgFn++; } else if (org) orgTp++;
    }
  });
  // Organisations' recall apart: the weakest figure on unseen news (issue 14).
  return { ...prf(tp, fp, fn), orgR: orgTp / Math.max(1, orgTp + orgFn) };
}

export const fmtScore = (r: { p: number; r: number; f: number }) => `P ${r.p.toFixed(3)} R ${r.r.toFixed(3)} F1 ${r.f.toFixed(3)}`;
