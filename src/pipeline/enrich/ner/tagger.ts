// The entity tagger: Viterbi decoding (viterbi.ts) with the averaged perceptron weights shipped in
// data/ner-model.json.gz (scripts/train-ner.ts: a GMB newswire model averaged with one trained on GMB plus
// tweets and SEC filings).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { gazetteer, type Gazetteer } from '../gazetteer.ts';
import { caseRegime, dynamicFeatures, localFeatures, lowerCaseFacts, neighbourFeatures, norm, OFFSETS, pairName, shortShape, wordAt } from './features.ts';
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
// depend on the word through "t-1|w"). The pair features (features.ts pairFeatures) join a word with
// its neighbours; their weight vectors are looked up once per word pair (and shape triple) and kept,
// since spelling and hashing their names for every token was the tagger's largest cost. The vectors are
// added in pairFeatures' order, as Perceptron.scores would, so the sums are the same to the last bit.
interface WordScores {
  local: Float64Array;
  at: Float64Array[];
  trans: Float64Array[];
  norm: string;
  shape: string;
  /** Index of `shape` in shapeIds, or -1 (too many shapes to key a triple by number). */
  shapeId: number;
  /** Weights of 'first|lc' when the word takes it, else null. */
  firstLower: Float64Array | null;
  /** Whether the word takes 'rg|lc=' in a sentence of a case regime. */
  regimeLower: boolean;
  /** Weights of 'rg|sh=' per regime (REGIMES), looked up on first use (null: no such feature). */
  regimeShape: (Float64Array | null | undefined)[];
  /** Pair weights with each word seen after this one. */
  next: Map<WordScores, PairWeights> | null;
}
/** Weights of the pair features of two adjacent words a, b: 'w|w+1=a|b' (a's) and 'w-1|w=a|b' (b's). */
interface PairWeights { ofFirst: Float64Array | undefined; ofSecond: Float64Array | undefined }
interface ModelCache {
  words: Map<string, WordScores>;
  pairs: number;
  triples: Map<number, Float64Array | null>;
  first: Float64Array | undefined;
  firstLower: Float64Array | undefined;
  regime: (Float64Array | undefined)[];
  regimeLower: (Float64Array | undefined)[];
}
const REGIMES = ['U', 'T', 'L'];
const MAX_WORDS = 100_000;
const MAX_PAIRS = 1_000_000;
const caches = new WeakMap<Perceptron, ModelCache>();
/** Short shapes numbered, so that a triple of them is one small-integer key. */
const shapeIds = new Map<string, number>();
const MAX_SHAPES = 1024;

function cacheOf(model: Perceptron): ModelCache {
  let c = caches.get(model);
  if (!c) {
    const w = model.weights;
    c = {
      words: new Map(), pairs: 0, triples: new Map(),
      first: w.get(pairName.first), firstLower: w.get(pairName.firstLower),
      regime: REGIMES.map((r) => w.get(pairName.regime(r))), regimeLower: REGIMES.map((r) => w.get(pairName.regimeLower(r))),
    };
    caches.set(model, c);
  }
  return c;
}

function scoresOf(model: Perceptron, w: string, gaz: Gazetteer, c = cacheOf(model)): WordScores {
  let s = c.words.get(w);
  if (!s) {
    const wn = norm(w);
    const shape = shortShape(w);
    let shapeId = shapeIds.get(shape);
    if (shapeId === undefined) {
      shapeId = shapeIds.size < MAX_SHAPES ? shapeIds.size : -1;
      if (shapeId >= 0) shapeIds.set(shape, shapeId);
    }
    const lc = lowerCaseFacts(w, model.lower);
    s = {
      local: model.scores(localFeatures(w, gaz, model.lower)),
      at: OFFSETS.map((d) => model.scores(neighbourFeatures(w, d, gaz))),
      trans: PREV_STATES.map((p) => model.scores(dynamicFeatures(p, wn))),
      norm: wn, shape, shapeId,
      firstLower: lc.first ? model.weights.get(pairName.firstLower) ?? null : null,
      regimeLower: lc.regime,
      regimeShape: [],
      next: null,
    };
    if (c.words.size > MAX_WORDS) { c.words.clear(); c.pairs = 0; }
    c.words.set(w, s);
  }
  return s;
}

function pairOf(model: Perceptron, c: ModelCache, a: WordScores, b: WordScores): PairWeights {
  a.next ??= new Map();
  let p = a.next.get(b);
  if (!p) {
    p = { ofFirst: model.weights.get(pairName.next(a.norm, b.norm)), ofSecond: model.weights.get(pairName.prev(a.norm, b.norm)) };
    a.next.set(b, p);
    // Dropping the words drops their pairs: a process that reads for months keeps its recent ones.
    if (++c.pairs > MAX_PAIRS) { c.words.clear(); c.pairs = 0; }
  }
  return p;
}

function tripleOf(model: Perceptron, c: ModelCache, a: WordScores, b: WordScores, d: WordScores): Float64Array | undefined {
  if (a.shapeId < 0 || b.shapeId < 0 || d.shapeId < 0) return model.weights.get(pairName.shapes(a.shape, b.shape, d.shape));
  const key = (a.shapeId * MAX_SHAPES + b.shapeId) * MAX_SHAPES + d.shapeId;
  let v = c.triples.get(key);
  if (v === undefined) {
    v = model.weights.get(pairName.shapes(a.shape, b.shape, d.shape)) ?? null;
    if (c.triples.size > MAX_WORDS) c.triples.clear();
    c.triples.set(key, v);
  }
  return v ?? undefined;
}

if (TAGS.length !== 7 || OFFSETS.join() !== '-2,-1,1,2') throw new Error('tagger.ts: emissions assume 7 tags and offsets -2, -1, 1, 2');

function addTo(s: Float64Array, v: Float64Array | null | undefined): void {
  if (!v) return;
  // Unrolled over the 7 tags (TAGS), element by element as Perceptron.scores adds.
  s[0]! += v[0]!; s[1]! += v[1]!; s[2]! += v[2]!; s[3]! += v[3]!; s[4]! += v[4]!; s[5]! += v[5]!; s[6]! += v[6]!;
}

/**
 * Emission scores (every tag-independent feature) of each token, from the per-word caches: the word's
 * local vector, its neighbours' vectors, then the weights of pairFeatures' features in their order.
 */
function emissions(words: string[], ws: WordScores[], model: Perceptron, gaz: Gazetteer): Float64Array[] {
  const c = cacheOf(model);
  const r = REGIMES.indexOf(caseRegime(words)); // -1: an ordinary sentence, no regime features
  const start = scoresOf(model, wordAt(words, -1), gaz, c);
  const end = scoresOf(model, wordAt(words, words.length), gaz, c);
  const edge = (i: number) => (i < 0 ? start : i >= words.length ? end : ws[i]!);
  const out = new Array<Float64Array>(words.length);
  // Pair j joins words j - 1 and j (pair 0 joins the sentence start and the first word).
  const pairs = new Array<PairWeights>(words.length + 1);
  for (let j = 0; j <= words.length; j++) pairs[j] = pairOf(model, c, edge(j - 1), edge(j));
  for (let i = 0; i < words.length; i++) {
    const w = ws[i]!;
    const s = new Float64Array(w.local);
    const prev = edge(i - 1);
    const next = edge(i + 1);
    // The neighbours' vectors in OFFSETS order (-2, -1, +1, +2).
    addTo(s, edge(i - 2).at[0]);
    addTo(s, prev.at[1]);
    addTo(s, next.at[2]);
    addTo(s, edge(i + 2).at[3]);
    addTo(s, pairs[i]!.ofSecond);
    addTo(s, pairs[i + 1]!.ofFirst);
    addTo(s, tripleOf(model, c, prev, w, next));
    if (i === 0) {
      addTo(s, c.first);
      if (w.firstLower) addTo(s, w.firstLower);
    }
    if (r >= 0) {
      addTo(s, c.regime[r]);
      if (w.regimeShape[r] === undefined) w.regimeShape[r] = model.weights.get(pairName.regimeShape(REGIMES[r]!, w.shape)) ?? null;
      addTo(s, w.regimeShape[r]);
      if (w.regimeLower) addTo(s, c.regimeLower[r]);
    }
    out[i] = s;
  }
  return out;
}

/** Emission scores of a sentence's words (for tests: they must equal the scores of features.ts staticFeatures). */
export function emissionScores(words: string[], model: Perceptron = loadModel(), gaz: Gazetteer = gazetteer()): Float64Array[] {
  const c = cacheOf(model);
  return emissions(words, words.map((w) => scoresOf(model, w, gaz, c)), model, gaz);
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
  const c = cacheOf(model);
  const ws = words.map((w) => scoresOf(model, w, gaz, c));
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
