// Averaged perceptron over string features (Collins 2002). Hand-written: the JS ML libraries on npm
// are either neural (heavy, need downloaded weights) or lack averaging and sparse string features.

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
export type Tag = (typeof TAGS)[number];
const N = TAGS.length;

export class Perceptron {
  weights = new Map<string, Float64Array>();
  /** Words seen in lower case in training (features.ts lowerCaseWords), shipped with the weights. */
  lower: ReadonlySet<string> = new Set();
  private totals = new Map<string, Float64Array>();
  private stamps = new Map<string, Float64Array>();
  private step = 0;

  scores(features: string[], into?: Float64Array): Float64Array {
    const s = into ?? new Float64Array(N);
    for (const f of features) {
      const w = this.weights.get(f);
      if (!w) continue;
      for (let k = 0; k < N; k++) s[k]! += w[k]!;
    }
    return s;
  }

  predict(features: string[]): number {
    const s = this.scores(features);
    let best = 0;
    for (let k = 1; k < N; k++) if (s[k]! > s[best]!) best = k;
    return best;
  }

  tick(): void {
    this.step++;
  }

  update(truth: number, guess: number, features: string[]): void {
    if (truth === guess) return;
    this.add(features, truth, 1);
    this.add(features, guess, -1);
  }

  /** Adds `d` to the weight of tag `k` for every feature (structured updates touch gold and guess apart). */
  add(features: string[], k: number, d: number): void {
    for (const f of features) {
      let w = this.weights.get(f);
      if (!w) {
        w = new Float64Array(N);
        this.weights.set(f, w);
        this.totals.set(f, new Float64Array(N));
        this.stamps.set(f, new Float64Array(N));
      }
      const tot = this.totals.get(f)!;
      const st = this.stamps.get(f)!;
      tot[k]! += (this.step - st[k]!) * w[k]!;
      st[k] = this.step;
      w[k]! += d;
    }
  }

  /** A copy holding the weights averaged so far, training state untouched (to score after each epoch). */
  averagedCopy(): Perceptron {
    const c = new Perceptron();
    c.lower = this.lower;
    for (const [f, w] of this.weights) c.weights.set(f, this.averaged(f, w));
    return c;
  }

  /** Replaces the weights by their averages over all steps (the end of training). */
  average(): void {
    for (const [f, w] of this.weights) this.weights.set(f, this.averaged(f, w));
    this.totals.clear();
    this.stamps.clear();
  }

  /** Feature `f`'s weights `w` averaged over every step so far. */
  private averaged(f: string, w: Float64Array): Float64Array {
    const tot = this.totals.get(f)!;
    const st = this.stamps.get(f)!;
    const a = new Float64Array(N);
    for (let k = 0; k < N; k++) a[k] = this.step ? (tot[k]! + (this.step - st[k]!) * w[k]!) / this.step : 0;
    return a;
  }
}
