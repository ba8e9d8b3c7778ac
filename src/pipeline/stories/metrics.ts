// Clustering quality measures: NMI (arithmetic-mean normalisation), homogeneity, completeness, B-cubed.

export interface ClusteringScores {
  nmi: number;
  homogeneity: number;
  completeness: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  clusters: number;
}

export function scoreClustering(gold: (string | number)[], predicted: (string | number)[]): ClusteringScores {
  const n = gold.length;
  const joint = new Map<string, number>();
  const g = new Map<string | number, number>();
  const p = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const k = `${gold[i]}\u0000${predicted[i]}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
    g.set(gold[i]!, (g.get(gold[i]!) ?? 0) + 1);
    p.set(predicted[i]!, (p.get(predicted[i]!) ?? 0) + 1);
  }
  const entropy = (m: Map<string | number, number>) => {
    let h = 0;
    for (const c of m.values()) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const hg = entropy(g);
  const hp = entropy(p);
  let mi = 0;
  for (const [k, c] of joint) {
    const [a, b] = k.split('\u0000');
    const cg = g.get(typeof gold[0] === 'number' ? Number(a) : a!) ?? g.get(a!)!;
    const cp = p.get(typeof predicted[0] === 'number' ? Number(b) : b!) ?? p.get(b!)!;
    mi += (c / n) * Math.log((c * n) / (cg * cp));
  }
  // B-cubed: per item, precision = share of its predicted cluster with its gold label, recall likewise.
  let bp = 0, br = 0;
  for (const [k, c] of joint) {
    const [a, b] = k.split('\u0000');
    const cg = g.get(typeof gold[0] === 'number' ? Number(a) : a!) ?? g.get(a!)!;
    const cp = p.get(typeof predicted[0] === 'number' ? Number(b) : b!) ?? p.get(b!)!;
    bp += (c * c) / cp;
    br += (c * c) / cg;
  }
  bp /= n; br /= n;
  return {
    nmi: hg + hp === 0 ? 1 : (2 * mi) / (hg + hp),
    homogeneity: hg === 0 ? 1 : mi / hg,
    completeness: hp === 0 ? 1 : mi / hp,
    bcubedPrecision: bp,
    bcubedRecall: br,
    bcubedF1: (2 * bp * br) / (bp + br),
    clusters: p.size,
  };
}
