// Gradient-boosted regression trees for the keyphrase ranker (scripts/train-keyphrases.ts, --trees N): each
// tree fits a Newton step of the listwise softmax loss the linear model is fitted on (a document's candidates,
// the gold ones as targets), over the candidates' raw features cut into at most `bins` quantile bins. Trees are
// complete and of depth `depth`, grown level by level from feature histograms; a node no split improves sends
// every candidate left. Written by hand: no small, maintained, pure-JavaScript GBDT with a listwise loss on npm.
// enrich() evaluates the trees (keyphrases.ts, modelRanker).
import type { KeyphraseTrees } from '../src/pipeline/enrich/keyphrases.ts';

export interface TreeData {
  /** Rows of `dims` features, candidates of one document after another. */
  x: Float64Array; dims: number;
  /** Where each document's rows start (one more entry: the end). */
  docStart: Int32Array;
  /** 1 for a gold candidate. */
  y: Uint8Array;
  /** Each document's weight in the loss (0: left out). */
  docWeight: Float64Array;
}
export interface TreeOptions { trees: number; depth: number; rate: number; lambda: number; minHessian: number; bins: number }

/** The cut points of one feature: midpoints between distinct values, at most `bins` - 1, at quantiles. */
function cutsOf(x: Float64Array, rows: number, dims: number, k: number, bins: number): number[] {
  const vals = new Float64Array(rows);
  for (let i = 0; i < rows; i++) vals[i] = x[i * dims + k]!;
  vals.sort();
  const distinct: number[] = [];
  for (let i = 0; i < rows; i++) if (i === 0 || vals[i] !== vals[i - 1]) distinct.push(vals[i]!);
  const mid = (i: number) => Number(((distinct[i]! + distinct[i + 1]!) / 2).toPrecision(6));
  const cuts: number[] = [];
  if (distinct.length <= bins) {
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push(mid(i));
  } else {
    for (let b = 1; b < bins; b++) {
      const q = vals[Math.floor((b * rows) / bins)]!;
      let lo = 0, hi = distinct.length - 1;
      while (lo < hi) { const m = (lo + hi) >> 1; if (distinct[m]! < q) lo = m + 1; else hi = m; }
      if (lo + 1 < distinct.length) cuts.push(mid(lo));
    }
  }
  return [...new Set(cuts)].sort((a, b) => a - b);
}

export function fitTrees(d: TreeData, o: TreeOptions): KeyphraseTrees {
  const D = d.dims;
  const n = d.y.length;
  const docs = d.docStart.length - 1;
  // Each value's bin: the number of cuts below it (a split at cut c sends bins above c right).
  const cuts: number[][] = [];
  const bin = new Uint8Array(n * D);
  for (let k = 0; k < D; k++) {
    const c = cutsOf(d.x, n, D, k, Math.min(o.bins, 255));
    cuts.push(c);
    for (let i = 0; i < n; i++) {
      const v = d.x[i * D + k]!;
      let lo = 0, hi = c.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (v > c[m]!) lo = m + 1; else hi = m; }
      bin[i * D + k] = lo;
    }
  }
  const NB = Math.min(o.bins, 255) + 1;
  const F = new Float64Array(n);
  const g = new Float64Array(n), h = new Float64Array(n);
  const node = new Int32Array(n);
  const trees: KeyphraseTrees['trees'] = [];
  for (let t = 0; t < o.trees; t++) {
    // Gradient and (diagonal) Hessian of the softmax cross-entropy against the uniform distribution over the gold.
    for (let q = 0; q < docs; q++) {
      const a = d.docStart[q]!, b = d.docStart[q + 1]!, w = d.docWeight[q]!;
      let pos = 0;
      for (let i = a; i < b; i++) pos += d.y[i]!;
      if (!pos || !w) { g.fill(0, a, b); h.fill(0, a, b); continue; }
      let max = -Infinity;
      for (let i = a; i < b; i++) max = Math.max(max, F[i]!);
      let sum = 0;
      for (let i = a; i < b; i++) sum += Math.exp(F[i]! - max);
      for (let i = a; i < b; i++) {
        const p = Math.exp(F[i]! - max) / sum;
        g[i] = w * (p - d.y[i]! / pos);
        h[i] = w * Math.max(p * (1 - p), 1e-6);
      }
    }
    node.fill(0);
    const f: number[] = [], thr: number[] = [];
    let width = 1;
    for (let level = 0; level < o.depth; level++) {
      const G = new Float64Array(width * D * NB), H = new Float64Array(width * D * NB);
      for (let i = 0; i < n; i++) {
        const gi = g[i]!, hi = h[i]!;
        if (!hi) continue;
        const base = node[i]! * D * NB;
        for (let k = 0; k < D; k++) { const c = base + k * NB + bin[i * D + k]!; G[c]! += gi; H[c]! += hi; }
      }
      const splitF: number[] = [], splitBin: number[] = [];
      for (let v = 0; v < width; v++) {
        let Gt = 0, Ht = 0;
        for (let c = 0; c < NB; c++) { Gt += G[v * D * NB + c]!; Ht += H[v * D * NB + c]!; }
        const parent = (Gt * Gt) / (Ht + o.lambda);
        let best = 0, bf = -1, bb = -1;
        for (let k = 0; k < D; k++) {
          const base = v * D * NB + k * NB;
          let GL = 0, HL = 0;
          for (let c = 0; c < cuts[k]!.length; c++) {
            GL += G[base + c]!; HL += H[base + c]!;
            const GR = Gt - GL, HR = Ht - HL;
            if (HL < o.minHessian || HR < o.minHessian) continue;
            const gain = (GL * GL) / (HL + o.lambda) + (GR * GR) / (HR + o.lambda) - parent;
            if (gain > best) { best = gain; bf = k; bb = c; }
          }
        }
        splitF.push(bf); splitBin.push(bb);
        f.push(bf); thr.push(bf < 0 ? 0 : cuts[bf]![bb]!);
      }
      for (let i = 0; i < n; i++) {
        const v = node[i]!, k = splitF[v]!;
        node[i] = 2 * v + (k >= 0 && bin[i * D + k]! > splitBin[v]! ? 1 : 0);
      }
      width *= 2;
    }
    const GS = new Float64Array(width), HS = new Float64Array(width);
    for (let i = 0; i < n; i++) { GS[node[i]!]! += g[i]!; HS[node[i]!]! += h[i]!; }
    const v = Array.from(GS, (gs, l) => Number((-o.rate * gs / (HS[l]! + o.lambda)).toPrecision(4)));
    for (let i = 0; i < n; i++) F[i]! += v[node[i]!]!;
    trees.push({ f, t: thr, v });
  }
  return { depth: o.depth, trees };
}
