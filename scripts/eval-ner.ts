// Entity-level NER scores (exact span and type, PER/ORG/LOC, micro P/R/F1) of the whole entity
// pipeline (tagger + gazetteers + rules + repeated surnames) on:
//   - the GMB sentences that scripts/train-ner.ts holds out (never trained on),
//   - wikigold (Wikipedia text, a different domain; MISC ignored),
//   - test/fixtures/ner/*.conll, the project's own small annotated news dev set (in the repo).
// Run: node bin/run-ts.js scripts/eval-ner.ts   (reads ../shared/data/ner; says so when absent)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addRepeatedNames, findNames } from '../src/pipeline/enrich/ner/index.ts';
import { DATA, entitySet, prf, readGmb, readWikigold, type Sentence } from './train-ner-data.ts';

const HELDOUT = 1200; // keep in step with scripts/train-ner.ts

function score(name: string, docs: Sentence[][]): void {
  let tp = 0, fp = 0, fn = 0;
  const per: Record<string, [number, number, number]> = { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0] };
  const t0 = performance.now();
  let tokens = 0;
  docs.forEach((doc, d) => {
    // Sentences of one document joined by newlines, tokens by spaces; spans map back by offsets.
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    const sentences: { text: string; start: number; end: number }[] = [];
    const gold: string[] = [];
    for (const s of doc) {
      const sStart = text.length;
      const base = starts.length;
      s.words.forEach((w, i) => {
        if (i) text += ' ';
        starts.push(text.length);
        text += w;
        ends.push(text.length);
      });
      sentences.push({ text: text.slice(sStart), start: sStart, end: text.length });
      for (const g of entitySet(s.tags, 'x')) {
        const [, a, b, type] = g.split(':');
        gold.push(`${base + Number(a)}:${base + Number(b)}:${type}`);
      }
      text += '\n';
      tokens += s.words.length;
    }
    const byStart = new Map(starts.map((s, i) => [s, i]));
    const byEnd = new Map(ends.map((e, i) => [e, i + 1]));
    const pred = new Set<string>();
    for (const m of addRepeatedNames(text, sentences, findNames(text, sentences))) {
      const a = byStart.get(m.start);
      const b = byEnd.get(m.end);
      pred.add(a !== undefined && b !== undefined ? `${a}:${b}:${m.type}` : `char${m.start}:${m.end}:${m.type}`);
    }
    const goldSet = new Set(gold);
    for (const p of pred) {
      const t = p.split(':').at(-1)!;
      if (goldSet.has(p)) { tp++; per[t]![0]++; } else { fp++; per[t]![1]++; }
    }
    for (const g of goldSet) if (!pred.has(g)) { fn++; per[g.split(':').at(-1)!]![2]++; }
    void d;
  });
  const ms = performance.now() - t0;
  const r = prf(tp, fp, fn);
  const parts = Object.entries(per).map(([t, [a, b, c]]) => `${t} ${prf(a, b, c).f.toFixed(3)}`).join(', ');
  console.log(`${name.padEnd(28)} P ${r.p.toFixed(3)}  R ${r.r.toFixed(3)}  F1 ${r.f.toFixed(3)}   (${parts}; ${tp + fn} gold entities, ${(tokens / (ms / 1000) / 1000).toFixed(0)}k tokens/s)`);
}

function readConllDir(dir: string): Sentence[][] {
  const docs: Sentence[][] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.conll')).sort()) {
    const doc: Sentence[] = [];
    let cur: Sentence = { words: [], tags: [] };
    for (const line of readFileSync(resolve(dir, f), 'utf8').split('\n')) {
      if (line.startsWith('#')) continue;
      if (!line.trim()) { if (cur.words.length) doc.push(cur); cur = { words: [], tags: [] }; continue; }
      const [w, t] = line.split(/\s+/);
      cur.words.push(w!);
      cur.tags.push(t!);
    }
    if (cur.words.length) doc.push(cur);
    docs.push(doc);
  }
  return docs;
}

const own = resolve(import.meta.dirname, '../test/fixtures/ner');
if (existsSync(own)) score('own news dev set (repo)', readConllDir(own));
if (!existsSync(DATA)) {
  console.error(`\n../shared/data/ner not found at ${DATA}: GMB and wikigold scores skipped.`);
  process.exit(0);
}
const gmb = readGmb();
// Held-out GMB sentences in groups of 10 as pseudo-documents (the subset has no document breaks).
const held = gmb.slice(gmb.length - HELDOUT);
const heldDocs: Sentence[][] = [];
for (let i = 0; i < held.length; i += 10) heldDocs.push(held.slice(i, i + 10));
score('GMB held-out (1200 sent.)', heldDocs);
const wiki = readWikigold();
const wikiDocs: Sentence[][] = [];
for (let i = 0; i < wiki.length; i += 10) wikiDocs.push(wiki.slice(i, i + 10));
score('wikigold (MISC ignored)', wikiDocs);
