// Ablation of the entity post-rules: entity-level F1 (exact span and type, PER/ORG/LOC) of the whole
// pipeline with every rule on, with each rule off in turn, and with all off, on a GMB development
// slice (the N sentences before the held-out ones; train with NER_DEV=N first so they are unseen) and
// on the repo's own annotated news (test/fixtures/ner). The held-out sentences are never read here.
// Run: NER_DEV=1200 node bin/run-ts.js scripts/train-ner.ts && node bin/run-ts.js scripts/ner-ablation.ts 1200
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addRepeatedNames, findNames, nerRules, type NerRule } from '../src/pipeline/enrich/ner/index.ts';
import { entitySet, prf, readGmb, type Sentence } from './train-ner-data.ts';

const HELDOUT = 1200;
const n = Number(process.argv[2] ?? 1200);
const all = readGmb();
const dev = all.slice(all.length - HELDOUT - n, all.length - HELDOUT);
const devDocs: Sentence[][] = [];
for (let i = 0; i < dev.length; i += 10) devDocs.push(dev.slice(i, i + 10));
const ownDocs = readOwn();

function readOwn(): Sentence[][] {
  const dir = resolve(import.meta.dirname, '../test/fixtures/ner');
  return readdirSync(dir).filter((x) => x.endsWith('.conll')).sort().map((f) => {
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
    return doc;
  });
}

/** Predicted and gold mention keys of one document, with its text and word offsets. */
function run(doc: Sentence[]) {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const sentences: { text: string; start: number; end: number }[] = [];
  const gold = new Set<string>();
  for (const s of doc) {
    const s0 = text.length;
    const base = starts.length;
    s.words.forEach((w, i) => { if (i) text += ' '; starts.push(text.length); text += w; ends.push(text.length); });
    sentences.push({ text: text.slice(s0), start: s0, end: text.length });
    for (const g of entitySet(s.tags, 'x')) { const [, a, b, t] = g.split(':'); gold.add(`${base + Number(a)}:${base + Number(b)}:${t}`); }
    text += '\n';
  }
  const byStart = new Map(starts.map((s, i) => [s, i]));
  const byEnd = new Map(ends.map((e, i) => [e, i + 1]));
  const pred = new Set<string>();
  for (const m of addRepeatedNames(text, sentences, findNames(text, sentences))) {
    const a = byStart.get(m.start);
    const b = byEnd.get(m.end);
    pred.add(a !== undefined && b !== undefined ? `${a}:${b}:${m.type}` : `c${m.start}:${m.end}:${m.type}`);
  }
  const words = doc.flatMap((s) => s.words);
  const show = (k: string) => { const [a, b, t] = k.split(':'); return a!.startsWith('c') ? k : `${t} [${words.slice(Number(a), Number(b)).join(' ')}]`; };
  const context = (k: string) => { const a = Number(k.split(':')[0]); return a >= 0 ? words.slice(Math.max(0, a - 8), a + 12).join(' ') : ''; };
  return { gold, pred, show, context };
}

// DIFF=rule: the mentions that rule adds or removes, each marked right (+) or wrong (-), on GMB dev
// (SET=own: the own set).
if (process.env.DIFF) {
  const r = process.env.DIFF as NerRule;
  for (const doc of process.env.SET === 'own' ? ownDocs : devDocs) {
    const on = run(doc);
    nerRules[r] = false;
    const off = run(doc);
    nerRules[r] = true;
    for (const k of on.pred) if (!off.pred.has(k)) console.log(`adds ${on.gold.has(k) ? '+' : '-'} ${on.show(k)}\t| ${on.context(k)}`);
    for (const k of off.pred) if (!on.pred.has(k)) console.log(`drops ${on.gold.has(k) ? '-' : '+'} ${on.show(k)}\t| ${on.context(k)}`);
  }
  process.exit(0);
}

/** Micro F1 and per-type F1 of the pipeline over documents. */
function score(docs: Sentence[][]): { f: number; per: Record<string, number>; tp: number; fp: number; fn: number } {
  let tp = 0, fp = 0, fn = 0;
  const per: Record<string, [number, number, number]> = { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0] };
  for (const doc of docs) {
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    const sentences: { text: string; start: number; end: number }[] = [];
    const gold = new Set<string>();
    for (const s of doc) {
      const s0 = text.length;
      const base = starts.length;
      s.words.forEach((w, i) => { if (i) text += ' '; starts.push(text.length); text += w; ends.push(text.length); });
      sentences.push({ text: text.slice(s0), start: s0, end: text.length });
      for (const g of entitySet(s.tags, 'x')) { const [, a, b, t] = g.split(':'); gold.add(`${base + Number(a)}:${base + Number(b)}:${t}`); }
      text += '\n';
    }
    const byStart = new Map(starts.map((s, i) => [s, i]));
    const byEnd = new Map(ends.map((e, i) => [e, i + 1]));
    const pred = new Set<string>();
    for (const m of addRepeatedNames(text, sentences, findNames(text, sentences))) {
      const a = byStart.get(m.start);
      const b = byEnd.get(m.end);
      pred.add(a !== undefined && b !== undefined ? `${a}:${b}:${m.type}` : `c${m.start}:${m.end}:${m.type}`);
    }
    for (const p of pred) { const t = p.split(':').at(-1)!; if (gold.has(p)) { tp++; per[t]![0]++; } else { fp++; per[t]![1]++; } }
    for (const g of gold) if (!pred.has(g)) { fn++; per[g.split(':').at(-1)!]![2]++; }
  }
  return { f: prf(tp, fp, fn).f, per: Object.fromEntries(Object.entries(per).map(([t, [a, b, c]]) => [t, prf(a, b, c).f])), tp, fp, fn };
}

const rules = Object.keys(nerRules) as NerRule[];
const row = (name: string) => {
  const g = score(devDocs);
  const o = score(ownDocs);
  return { name, g, o };
};
const base = row('all rules on');
const fmt = (r: ReturnType<typeof row>) =>
  `${r.name.padEnd(20)} GMB dev ${r.g.f.toFixed(4)} (${(r.g.f - base.g.f >= 0 ? '+' : '') + (r.g.f - base.g.f).toFixed(4)}; PER ${r.g.per.PER!.toFixed(3)} ORG ${r.g.per.ORG!.toFixed(3)} LOC ${r.g.per.LOC!.toFixed(3)})` +
  `   own ${r.o.f.toFixed(4)} (${(r.o.f - base.o.f >= 0 ? '+' : '') + (r.o.f - base.o.f).toFixed(4)})`;
console.log(fmt(base));
const only = process.env.NER_OFF?.split(',').filter(Boolean) as NerRule[] | undefined;
for (const r of only?.length ? only : rules) {
  nerRules[r] = false;
  console.log(fmt(row(`off: ${r}`)));
  nerRules[r] = true;
}
for (const r of rules) nerRules[r] = false;
console.log(fmt(row('all off')));
