// Ablation of the entity post-rules by K-fold cross-validation over the GMB sentences before the
// held-out ones (never read here): for each fold the tagger is trained on the other folds, then the
// whole pipeline scores the fold with all rules, each rule off in turn, and all off. Four folds give
// six times the evidence of the 1,200-sentence dev slice, so a rule's cost or gain is not seed noise.
// Run: node bin/run-ts.js scripts/ner-cv-rules.ts [FOLDS=4] [EPOCHS=10]   (NER_OFF=a,b: only those rules)
import { nerRules, type NerRule } from '../src/pipeline/enrich/ner/index.ts';
import { useModel } from '../src/pipeline/enrich/ner/tagger.ts';
import { EPOCHS, trainPerceptron } from './ner-train-core.ts';
import { crossValidationFolds, inDocuments, OWN_SET, prf, readConllDir, readGmb, requireData, scoreDocuments, type Sentence, type TypeCounts } from './train-ner-data.ts';

requireData();
const folds = Number(process.argv[2] ?? 4);
const epochs = Number(process.argv[3] ?? EPOCHS);
const rules = Object.keys(nerRules) as NerRule[];
const only = process.env.NER_OFF?.split(',').filter(Boolean) as NerRule[] | undefined;
const configs: [string, NerRule[]][] = [['all rules on', []], ...(only?.length ? only : rules).map((r): [string, NerRule[]] => [`off: ${r}`, [r]]), ['all off', rules]];
const totals = new Map<string, { tp: number; fp: number; fn: number; per: TypeCounts }>();
const own = readConllDir(OWN_SET);
const ownScore = new Map<string, number>();

function withRulesOff<T>(off: NerRule[], fn: () => T): T {
  for (const r of off) nerRules[r] = false;
  try { return fn(); } finally { for (const r of off) nerRules[r] = true; }
}

function add(name: string, docs: Sentence[][], off: NerRule[]): void {
  const s = withRulesOff(off, () => scoreDocuments(docs));
  const t = totals.get(name) ?? { tp: 0, fp: 0, fn: 0, per: { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0] } };
  t.tp += s.tp; t.fp += s.fp; t.fn += s.fn;
  for (const k of ['PER', 'ORG', 'LOC'] as const) for (let j = 0; j < 3; j++) t.per[k][j]! += s.per[k][j]!;
  totals.set(name, t);
}

for (const [k, { train, test }] of crossValidationFolds(readGmb(), folds).entries()) {
  useModel(trainPerceptron(train, { epochs }));
  const docs = inDocuments(test);
  for (const [name, off] of configs) add(name, docs, off);
  // The own set with the last fold's model (any GMB-trained model is unseen there).
  if (k === folds - 1) for (const [name, off] of configs) { const s = withRulesOff(off, () => scoreDocuments(own)); ownScore.set(name, prf(s.tp, s.fp, s.fn).f); }
  console.error(`fold ${k + 1} done`);
}
const f = (t: { tp: number; fp: number; fn: number }) => prf(t.tp, t.fp, t.fn).f;
const base = totals.get('all rules on')!;
const ownBase = ownScore.get('all rules on')!;
const sign = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(4);
for (const [name] of configs) {
  const t = totals.get(name)!;
  const per = (['PER', 'ORG', 'LOC'] as const).map((k) => `${k} ${prf(...t.per[k]).f.toFixed(3)}`).join(' ');
  console.log(`${name.padEnd(22)} GMB cv ${f(t).toFixed(4)} (${sign(f(t) - f(base))}; ${per})   own ${ownScore.get(name)!.toFixed(4)} (${sign(ownScore.get(name)! - ownBase)})`);
}
