// The entity tagger: greedy left-to-right decoding with the averaged perceptron weights shipped in
// data/ner-model.json.gz (trained by scripts/train-ner.ts on the GMB newswire corpus).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { gazetteer, type Gazetteer } from '../gazetteer.ts';
import { dynamicFeatures, localFeatures, neighbourFeatures, norm, OFFSETS, pairFeatures, wordAt } from './features.ts';
import { Perceptron, TAGS, type Tag } from './perceptron.ts';

export interface SerializedModel {
  tags: string[];
  scale: number;
  weights: Record<string, number[]>;
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
  return { tags: [...TAGS], scale, weights };
}

export function deserializeModel(m: SerializedModel): Perceptron {
  const p = new Perceptron();
  for (const [f, w] of Object.entries(m.weights)) p.weights.set(f, Float64Array.from(w));
  return p;
}

let cached: Perceptron | null = null;

export function loadModel(): Perceptron {
  if (cached) return cached;
  const raw = readFileSync(new URL('../data/ner-model.json.gz', import.meta.url));
  cached = deserializeModel(JSON.parse(gunzipSync(raw).toString('utf8')) as SerializedModel);
  return cached;
}

// Most features depend on one word at one offset, so their scores are cached per word: the local
// score and one vector per neighbour offset. Only the pair and tag features are looked up per token.
interface WordScores {
  local: Float64Array;
  at: Float64Array[];
}
const wordScores = new WeakMap<Perceptron, Map<string, WordScores>>();

function scoresOf(model: Perceptron, w: string, gaz: Gazetteer): WordScores {
  let cache = wordScores.get(model);
  if (!cache) { cache = new Map(); wordScores.set(model, cache); }
  let s = cache.get(w);
  if (!s) {
    s = { local: model.scores(localFeatures(w, gaz)), at: OFFSETS.map((d) => model.scores(neighbourFeatures(w, d, gaz))) };
    if (cache.size > 100_000) cache.clear();
    cache.set(w, s);
  }
  return s;
}

export function tagWords(words: string[], model: Perceptron = loadModel(), gaz: Gazetteer = gazetteer()): Tag[] {
  const tags: Tag[] = [];
  let p1 = '<s>';
  let p2 = '<s>';
  const n = TAGS.length;
  const s = new Float64Array(n);
  for (let i = 0; i < words.length; i++) {
    s.set(scoresOf(model, words[i]!, gaz).local);
    OFFSETS.forEach((d, k) => {
      const v = scoresOf(model, wordAt(words, i + d), gaz).at[k]!;
      for (let j = 0; j < n; j++) s[j]! += v[j]!;
    });
    model.scores(pairFeatures(words, i), s);
    model.scores(dynamicFeatures(p1, p2, norm(words[i]!)), s);
    let best = 0;
    for (let k = 1; k < n; k++) if (s[k]! > s[best]!) best = k;
    let t = TAGS[best]!;
    // An I- tag must continue an entity of the same type.
    if (t.startsWith('I-') && p1.slice(2) !== t.slice(2)) t = ('B-' + t.slice(2)) as Tag;
    tags.push(t);
    p2 = p1;
    p1 = t;
  }
  return tags;
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
