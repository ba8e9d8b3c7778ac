// Ablation of the entity post-rules: entity-level F1 (exact span and type, PER/ORG/LOC) of the whole
// pipeline with every rule on, with each rule off in turn, and with all off, on a GMB development
// slice (the N sentences before the held-out ones; train with NER_DEV=N first so they are unseen) and
// on the repo's own annotated news (test/fixtures/ner). The held-out sentences are never read here.
// Run: NER_DEV=1200 node bin/run-ts.js scripts/train-ner.ts && node bin/run-ts.js scripts/ner-ablation.ts 1200
import { nerRules, type NerRule } from '../src/pipeline/enrich/ner/index.ts';
import { devSlice, inDocuments, OWN_SET, pipelineMentions, prf, readConllDir, readGmb, scoreDocuments, type Sentence } from './train-ner-data.ts';

const n = Number(process.argv[2] ?? 1200);
const devDocs = inDocuments(devSlice(readGmb(), n));
const ownDocs = readConllDir(OWN_SET);

/** Predicted and gold mention keys of one document, with ways to show a key and its context. */
function run(doc: Sentence[]) {
  const { gold, pred, words } = pipelineMentions(doc);
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
function score(docs: Sentence[][]): { f: number; per: Record<string, number> } {
  const { tp, fp, fn, per } = scoreDocuments(docs);
  return { f: prf(tp, fp, fn).f, per: Object.fromEntries(Object.entries(per).map(([t, [a, b, c]]) => [t, prf(a, b, c).f])) };
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
