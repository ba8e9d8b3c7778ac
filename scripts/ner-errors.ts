// Development aid: entity errors of the whole pipeline on a GMB development slice (the NER_DEV
// sentences before the held-out ones; train with NER_DEV=N first so they are unseen), grouped by kind.
// Run: NER_DEV=1200 node bin/run-ts.js scripts/train-ner.ts && node bin/run-ts.js scripts/ner-errors.ts 1200
import { addRepeatedNames, findNames } from '../src/pipeline/enrich/ner/index.ts';
import { spansOf, tagWords } from '../src/pipeline/enrich/ner/tagger.ts';
import { devSlice, entitySet, OWN_SET, prf, readConllDir, readGmb, type Sentence } from './train-ner-data.ts';

const n = Number(process.argv[2] ?? 1200);
const mode = process.argv[3] ?? 'pipeline';
// SET=own: the repo's own annotated news (test/fixtures/ner), sentence by sentence.
const dev: Sentence[] = process.env.SET === 'own' ? readConllDir(OWN_SET).flat() : devSlice(readGmb(), n);
let tp = 0, fp = 0, fn = 0;
const per: Record<string, number[]> = { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0] };
// Pipeline mode runs documents of 10 sentences, as eval-ner does, and maps mentions back by offsets.
const predOf = new Map<Sentence, Map<string, string>>();
for (let d = 0; d < dev.length && mode !== 'tagger'; d += 10) {
  const doc = dev.slice(d, d + 10);
  let text = '';
  const at = new Map<number, [Sentence, number]>();
  const endAt = new Map<number, number>();
  const sents: { text: string; start: number; end: number }[] = [];
  for (const s of doc) {
    const s0 = text.length;
    s.words.forEach((w, i) => { if (i) text += ' '; at.set(text.length, [s, i]); text += w; endAt.set(text.length, i + 1); });
    sents.push({ text: text.slice(s0), start: s0, end: text.length });
    predOf.set(s, new Map());
    text += '\n';
  }
  for (const m of addRepeatedNames(text, sents, findNames(text, sents))) {
    const a = at.get(m.start);
    const b = endAt.get(m.end);
    const s = a?.[0] ?? doc.find((x, k) => m.start >= sents[k]!.start && m.start <= sents[k]!.end)!;
    predOf.get(s)!.set(a && b !== undefined ? `${a[1]}:${b}` : `-1:-1:${m.text}`, m.type);
  }
}
for (const s of dev) {
  const gold = new Map([...entitySet(s.tags, 'x')].map((g) => { const [, a, b, t] = g.split(':'); return [`${a}:${b}`, t!]; }));
  let pred = new Map<string, string>();
  if (mode === 'tagger') {
    for (const sp of spansOf(tagWords(s.words))) pred.set(`${sp.from}:${sp.to}`, sp.type);
  } else pred = predOf.get(s)!;
  const show = (k: string) => { const [a, b] = k.split(':').map(Number); return s.words.slice(a, b).join(' '); };
  const ctx = s.words.join(' ');
  for (const [k, t] of pred) {
    if (gold.get(k) === t) { tp++; per[t]![0]++; continue; }
    fp++; per[t]![1]++;
    const g = gold.get(k);
    const [a, b] = k.split(':').map(Number);
    const overlap = [...gold.keys()].find((x) => { const [c, d] = x.split(':').map(Number); return c! < b! && d! > a!; });
    console.log(g ? `TYPE\t${t}<-${g}\t${show(k)}` : overlap ? `SPAN\t${t}\t[${show(k)}] gold [${show(overlap)}] ${gold.get(overlap)}` : `FP\t${t}\t${show(k)}\t| ${ctx}`);
  }
  for (const [k, t] of gold) {
    if (pred.get(k) === t) continue;
    fn++; per[t]![2]++;
    const [a, b] = k.split(':').map(Number);
    const overlap = [...pred.keys()].some((x) => { const [c, d] = x.split(':').map(Number); return c! < b! && d! > a!; });
    if (!overlap) console.log(`FN\t${t}\t${show(k)}\t| ${ctx}`);
  }
}
const r = prf(tp, fp, fn);
console.log(`# ${mode} dev ${n}: P ${r.p.toFixed(3)} R ${r.r.toFixed(3)} F1 ${r.f.toFixed(3)} ` +
  Object.entries(per).map(([t, [a, b, c]]) => `${t} ${prf(a!, b!, c!).f.toFixed(3)}`).join(' '));
