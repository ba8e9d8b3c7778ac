// A linear-chain CRF trained by stochastic gradient descent with L2 regularisation (Lafferty et al.
// 2001; the l2sgd of CRFsuite), over the same features as the structured perceptron. It yields weights in
// the perceptron's layout (feature → one weight per tag), so the shipped tagger decodes either model with
// the same Viterbi. Hand-written: no maintained JS CRF library trains on string features.
import { gazetteer } from '../src/pipeline/enrich/gazetteer.ts';
import { dynamicFeatures, lowerCaseWords, norm, staticFeatures } from '../src/pipeline/enrich/ner/features.ts';
import { Perceptron, TAGS } from '../src/pipeline/enrich/ner/perceptron.ts';
import { allowed, PREV_STATES, START } from '../src/pipeline/enrich/ner/viterbi.ts';
import type { Sentence } from './train-ner-data.ts';

const N = TAGS.length;
const P = N + 1; // previous states: the tags and START

export interface CrfOptions {
  epochs: number;
  seed?: number;
  /** L2 strength (the C2 of CRFsuite): the penalty is c2/2 · |w|² over the whole training set. */
  c2?: number;
  /** Initial learning rate; it decays as eta0 / (1 + t / n) over sentences seen. */
  eta0?: number;
  /** Weights are averaged over snapshots taken after each epoch from this one on (1-based). */
  averageFrom?: number;
  onEpoch?: (epoch: number, loss: number, model: () => Perceptron) => void;
}

/** A training sentence as feature ids: static ids per token, and per token and previous state the dynamic ids. */
interface Encoded {
  stat: Int32Array[];
  dyn: Int32Array[][]; // [token][prev state] → ids
  gold: Int8Array;
}

export function trainCrf(train: Sentence[], opts: CrfOptions): Perceptron {
  const gaz = gazetteer();
  const lower = lowerCaseWords(train.map((s) => s.words));
  const ids = new Map<string, number>();
  const idOf = (f: string) => { let i = ids.get(f); if (i === undefined) { i = ids.size; ids.set(f, i); } return i; };
  const data: Encoded[] = train.map((s) => {
    const feats = staticFeatures(s.words, gaz, lower);
    const wn = s.words.map(norm);
    return {
      stat: feats.map((f) => Int32Array.from(f, idOf)),
      dyn: wn.map((w) => PREV_STATES.map((p) => Int32Array.from(dynamicFeatures(p, w), idOf))),
      gold: Int8Array.from(s.tags, (t) => TAGS.indexOf(t as (typeof TAGS)[number])),
    };
  });
  const ALLOWED = new Uint8Array(P * N);
  for (let p = 0; p < P; p++) for (let k = 0; k < N; k++) ALLOWED[p * N + k] = allowed(p, k) ? 1 : 0;

  const v = new Float64Array(ids.size * N); // weights = scale · v (the scale carries the L2 decay lazily)
  let scale = 1;
  const c2 = opts.c2 ?? 1;
  const eta0 = opts.eta0 ?? 0.1;
  const n = data.length;
  let seed = opts.seed ?? 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const order = data.map((_, i) => i);
  let t = 0;
  const maxLen = Math.max(...data.map((d) => d.gold.length));
  const em = new Float64Array(maxLen * N);
  const tr = new Float64Array(maxLen * P * N);
  const alpha = new Float64Array(maxLen * N);
  const beta = new Float64Array(maxLen * N);

  // Snapshot averaging (Polyak): the SGD iterates wander around the optimum; their mean is steadier.
  const sum = new Float64Array(v.length);
  let snapshots = 0;
  const averageFrom = opts.averageFrom ?? Infinity;
  const model = () => {
    const p = new Perceptron();
    p.lower = lower;
    const w = snapshots ? (x: number, i: number) => sum[i]! / snapshots : (x: number) => x * scale;
    for (const [f, i] of ids) {
      const a = new Float64Array(N);
      for (let k = 0; k < N; k++) a[k] = w(v[i * N + k]!, i * N + k);
      p.weights.set(f, a);
    }
    return p;
  };

  for (let e = 0; e < opts.epochs; e++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const si of order) {
      const d = data[si]!;
      const len = d.gold.length;
      const eta = eta0 / (1 + t++ / n);
      // Scores.
      for (let i = 0; i < len; i++) {
        for (let k = 0; k < N; k++) em[i * N + k] = 0;
        for (const f of d.stat[i]!) for (let k = 0; k < N; k++) em[i * N + k]! += v[f * N + k]! * scale;
        for (let p = 0; p < P; p++) {
          const base = (i * P + p) * N;
          for (let k = 0; k < N; k++) tr[base + k] = 0;
          if (i === 0 ? p !== START : p === START) continue;
          for (const f of d.dyn[i]![p]!) for (let k = 0; k < N; k++) tr[base + k]! += v[f * N + k]! * scale;
        }
      }
      // Forward-backward in log space over the allowed transitions.
      for (let k = 0; k < N; k++) alpha[k] = ALLOWED[START * N + k] ? em[k]! + tr[START * N + k]! : -Infinity;
      for (let i = 1; i < len; i++) {
        for (let k = 0; k < N; k++) {
          let m = -Infinity;
          for (let p = 0; p < N; p++) if (ALLOWED[p * N + k]) m = Math.max(m, alpha[(i - 1) * N + p]! + tr[(i * P + p) * N + k]!);
          let s = 0;
          if (m > -Infinity) for (let p = 0; p < N; p++) if (ALLOWED[p * N + k]) s += Math.exp(alpha[(i - 1) * N + p]! + tr[(i * P + p) * N + k]! - m);
          alpha[i * N + k] = m > -Infinity ? m + Math.log(s) + em[i * N + k]! : -Infinity;
        }
      }
      for (let k = 0; k < N; k++) beta[(len - 1) * N + k] = 0;
      for (let i = len - 2; i >= 0; i--) {
        for (let p = 0; p < N; p++) {
          let m = -Infinity;
          for (let k = 0; k < N; k++) if (ALLOWED[p * N + k]) m = Math.max(m, tr[((i + 1) * P + p) * N + k]! + em[(i + 1) * N + k]! + beta[(i + 1) * N + k]!);
          let s = 0;
          if (m > -Infinity) for (let k = 0; k < N; k++) if (ALLOWED[p * N + k]) s += Math.exp(tr[((i + 1) * P + p) * N + k]! + em[(i + 1) * N + k]! + beta[(i + 1) * N + k]! - m);
          beta[i * N + p] = m > -Infinity ? m + Math.log(s) : -Infinity;
        }
      }
      let m = -Infinity;
      for (let k = 0; k < N; k++) m = Math.max(m, alpha[(len - 1) * N + k]!);
      let s = 0;
      for (let k = 0; k < N; k++) s += Math.exp(alpha[(len - 1) * N + k]! - m);
      const logZ = m + Math.log(s);
      let goldScore = 0;
      for (let i = 0; i < len; i++) {
        const g = d.gold[i]!;
        const gp = i ? d.gold[i - 1]! : START;
        goldScore += em[i * N + g]! + tr[(i * P + gp) * N + g]!;
      }
      loss += logZ - goldScore;
      // L2 decay for this step, then the gradient step (empirical − expected counts).
      scale *= 1 - eta * c2 / n;
      if (scale < 1e-9) { for (let x = 0; x < v.length; x++) v[x]! *= scale; scale = 1; }
      const step = eta / scale;
      for (let i = 0; i < len; i++) {
        const g = d.gold[i]!;
        for (let k = 0; k < N; k++) {
          const mu = Math.exp(alpha[i * N + k]! + beta[i * N + k]! - logZ);
          const gk = (k === g ? 1 : 0) - mu;
          if (gk === 0) continue;
          for (const f of d.stat[i]!) v[f * N + k]! += step * gk;
        }
        const gp = i ? d.gold[i - 1]! : START;
        for (let p = 0; p < P; p++) {
          if (i === 0 ? p !== START : p === START) continue;
          for (let k = 0; k < N; k++) {
            if (!ALLOWED[p * N + k]) continue;
            const xi = i === 0
              ? Math.exp(alpha[k]! + beta[k]! - logZ)
              : Math.exp(alpha[(i - 1) * N + p]! + tr[(i * P + p) * N + k]! + em[i * N + k]! + beta[i * N + k]! - logZ);
            const gk = (p === gp && k === g ? 1 : 0) - xi;
            if (Math.abs(gk) < 1e-12) continue;
            for (const f of d.dyn[i]![p]!) v[f * N + k]! += step * gk;
          }
        }
      }
    }
    if (e + 1 >= averageFrom) {
      for (let x = 0; x < v.length; x++) sum[x]! += v[x]! * scale;
      snapshots++;
    }
    opts.onEpoch?.(e + 1, loss, model);
  }
  return model();
}
