// The entity tagger: Viterbi decoding (viterbi.ts) with the averaged perceptron weights shipped in
// data/ner-model.json.gz (scripts/train-ner.ts: a GMB newswire model averaged with one trained on GMB plus
// tweets and SEC filings).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { gazetteer, type Gazetteer } from '../gazetteer.ts';
import { caseRegime, dynamicFeatures, pairFeatures, localFeatures, neighbourFeatures, norm, OFFSETS, wordAt } from './features.ts';
import { Perceptron, TAGS, type Tag } from './perceptron.ts';
import { pathScore, PREV_STATES, viterbi } from './viterbi.ts';

export interface SerializedModel {
  tags: string[];
  scale: number;
  weights: Record<string, number[]>;
  lower?: string[];
}

export function serializeModel(p: Perceptron, minWeight: number): SerializedModel {
  let max = 0;
  for (const w of p.weights.values()) for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = max / 1000 || 1;
  const weights: Record<string, number[]> = {};
  for (const [f, w] of p.weights) {
    if (Math.max(...w.map(Math.abs)) < minWeight) continue;
    weights[f] = Array.from(w, (x) => Math.round(x / scale));
  }
  return { tags: [...TAGS], scale, weights, lower: [...p.lower].sort() };
}

export function deserializeModel(m: SerializedModel): Perceptron {
  const p = new Perceptron();
  // Back to training units, so that score margins mean the same for a shipped and a freshly trained model.
  for (const [f, w] of Object.entries(m.weights)) p.weights.set(f, Float64Array.from(w, (x) => x * m.scale));
  p.lower = new Set(m.lower ?? []);
  return p;
}

let cached: Perceptron | null = null;

/** Makes `p` the model the pipeline tags with (development scripts score models they just trained). */
export function useModel(p: Perceptron): void {
  cached = p;
}

export function loadModel(): Perceptron {
  if (cached) return cached;
  const raw = readFileSync(new URL('../data/ner-model.json.gz', import.meta.url));
  cached = deserializeModel(JSON.parse(gunzipSync(raw).toString('utf8')) as SerializedModel);
  return cached;
}

// Most features depend on one word at one offset, so their scores are cached per word: the local
// score, one vector per neighbour offset and the transition scores from each previous state (which
// depend on the word through "t-1|w"). Only the pair features are looked up per token.
interface WordScores {
  local: Float64Array;
  at: Float64Array[];
  trans: Float64Array[];
}
const wordScores = new WeakMap<Perceptron, Map<string, WordScores>>();

function scoresOf(model: Perceptron, w: string, gaz: Gazetteer): WordScores {
  let cache = wordScores.get(model);
  if (!cache) { cache = new Map(); wordScores.set(model, cache); }
  let s = cache.get(w);
  if (!s) {
    const wn = norm(w);
    s = {
      local: model.scores(localFeatures(w, gaz, model.lower)),
      at: OFFSETS.map((d) => model.scores(neighbourFeatures(w, d, gaz))),
      trans: PREV_STATES.map((p) => model.scores(dynamicFeatures(p, wn))),
    };
    if (cache.size > 100_000) cache.clear();
    cache.set(w, s);
  }
  return s;
}

/** Emission scores (every tag-independent feature) of each token, from the per-word caches. */
function emissions(words: string[], ws: WordScores[], model: Perceptron, gaz: Gazetteer): Float64Array[] {
  const n = TAGS.length;
  const regime = caseRegime(words);
  const edge = (i: number) => (i < 0 || i >= words.length ? scoresOf(model, wordAt(words, i), gaz) : ws[i]!);
  return words.map((_, i) => {
    const s = Float64Array.from(ws[i]!.local);
    for (let k = 0; k < OFFSETS.length; k++) {
      const v = edge(i + OFFSETS[k]!).at[k]!;
      for (let j = 0; j < n; j++) s[j]! += v[j]!;
    }
    return model.scores(pairFeatures(words, i, model.lower, regime), s);
  });
}

export function tagWords(words: string[], model: Perceptron = loadModel(), gaz: Gazetteer = gazetteer()): Tag[] {
  return tagSentence(words, model, gaz).tags;
}

export interface TaggedSentence {
  tags: Tag[];
  /**
   * How much the tagger prefers its own tags over the best tagging that makes tokens [from, to) one
   * entity of `type` (or, for 'O', no entity at all): 0 when its tags already do, larger the surer it
   * is of something else. A gazetteer may overrule the tagger where it was unsure, not where training
   * taught it otherwise.
   */
  margin(from: number, to: number, type: 'PER' | 'ORG' | 'LOC' | 'O'): number;
}

export function tagSentence(words: string[], model: Perceptron = loadModel(), gaz: Gazetteer = gazetteer()): TaggedSentence {
  const ws = words.map((w) => scoresOf(model, w, gaz));
  const em = emissions(words, ws, model, gaz);
  const trans = (i: number, p: number) => ws[i]!.trans[p]!;
  const path = viterbi(em, trans);
  return {
    tags: path.map((k) => TAGS[k]!),
    margin(from, to, type) {
      const b = TAGS.indexOf(`B-${type}` as Tag); // -1 for 'O', which needs no B- tag
      const inside = b + 1; // TAGS lists each B- right before its I-
      // Token `from` may only be B-type, the rest of the span only I-type, and the token after the span
      // anything but I-type (so that the entity ends there). For 'O', every token of the span is O.
      const permitted = type === 'O'
        ? (i: number, k: number) => i === to || TAGS[k] === 'O'
        : (i: number, k: number) => (i === from ? k === b : i < to ? k === inside : k !== inside);
      const forced = em.map((e, i) => (i < from || i > to ? e : e.map((x, k) => (permitted(i, k) ? x : -Infinity))));
      return pathScore(em, trans, path) - pathScore(forced, trans, viterbi(forced, trans));
    },
  };
}

/** Entity spans (token index ranges, end exclusive) from BIO tags. */
export function spansOf(tags: readonly string[]): { type: string; from: number; to: number }[] {
  const out: { type: string; from: number; to: number }[] = [];
  let cur: { type: string; from: number; to: number } | null = null;
  tags.forEach((t, i) => {
    if (t === 'O' || t.startsWith('B-') || (cur && t.slice(2) !== cur.type)) {
      if (cur) out.push(cur);
      cur = t === 'O' ? null : { type: t.slice(2), from: i, to: i + 1 };
    } else if (cur) cur.to = i + 1;
    else cur = { type: t.slice(2), from: i, to: i + 1 };
  });
  if (cur) out.push(cur);
  return out;
}
