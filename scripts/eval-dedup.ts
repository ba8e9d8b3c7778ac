// Dedup precision/recall on a labelled stream built from real dev text (../shared/data extraction
// ground-truth bodies and BBC summaries articles): every original is followed, later in the stream, by
// planted copies of each kind ingest meets, and by hard negatives that must stay separate.
//   node bin/run-ts.js scripts/eval-dedup.ts [--seed N] [--write FILE.jsonl]
//   --verbose lists every wrong verdict.
// Also writes the stream with --write so `lede dedup FILE.jsonl` can be scored on it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DedupStream } from '../src/pipeline/stories/streams.ts';

// ../shared/data beside the repository (or beside the worktree's parent), or LEDE_SHARED_DATA.
const data = process.env.LEDE_SHARED_DATA ?? ['../../shared/data', '../../../shared/data'].map((p) => resolve(import.meta.dirname, p)).find(existsSync) ?? resolve(import.meta.dirname, '../../shared/data');
if (!existsSync(data)) {
  console.error(`eval-dedup: ${data} is absent; this evaluation needs the shared development data.`);
  process.exit(2);
}
const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
let seed = Number(arg('--seed') ?? 7) >>> 0 || 7;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;

interface Doc { title: string; paragraphs: string[] }
const docs: Doc[] = [];
const gt = JSON.parse(readFileSync(`${data}/extraction/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string }>;
for (const { articleBody } of Object.values(gt)) {
  const paragraphs = articleBody.split(/\n+/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 8);
  if (paragraphs.join(' ').split(/\s+/).length >= 150 && paragraphs.length >= 4) docs.push({ title: paragraphs[0]!.slice(0, 80), paragraphs });
}
for (const cat of readdirSync(`${data}/summaries/article`)) {
  for (const f of readdirSync(`${data}/summaries/article/${cat}`)) {
    const lines = readFileSync(`${data}/summaries/article/${cat}/${f}`, 'latin1').split(/\n+/).map((l) => l.trim()).filter(Boolean);
    const [title, ...body] = lines;
    if (body.length >= 4) docs.push({ title: title!, paragraphs: body });
  }
}

// The BBC set holds a few articles twice: keep one, or the labels would call a true copy a false one.
{
  const seen = new Set<string>();
  for (let i = docs.length - 1; i >= 0; i--) {
    const key = docs[i]!.paragraphs[0]!.slice(0, 200);
    if (seen.has(key)) docs.splice(i, 1); else seen.add(key);
  }
}

// Half the documents are originals; the other half only lend sentences to the hard negatives and
// to furniture, so no negative is itself a copy of an original.
const pool = docs.filter((_, i) => i % 2 === 1).flatMap((d) => d.paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+(?=[A-Z"])/))).filter((x) => x.split(/\s+/).length >= 6);
const originals = docs.filter((_, i) => i % 2 === 0);
const sentences = (n: number) => Array.from({ length: n }, () => pick(pool));

const curly = (s: string) => s.replace(/"([^"]*)"/g, '\u201C$1\u201D').replace(/(\w)'(\w)/g, '$1\u2019$2');
const straight = (s: string) => s.replace(/[\u201C\u201D]/g, '"').replace(/[\u2018\u2019]/g, "'");
const FURNITURE = ['Hashtags', '', 'Try Our AI Features', 'Explore what our AI can do for you:', 'Comments', 'No comments yet...', 'Related Articles', ''];

type Kind = 'original' | 'syndication' | 'aggregator' | 'lede-dropped' | 'truncated' | 'quote-typography' | 'new-headline' | 'updated' | 'shared-quote';
interface Row { id: string; title: string; text: string; kind: Kind; group: string }
const rows: Row[] = [];
const pending: Row[] = [];
const COPY_KINDS: Kind[] = ['syndication', 'aggregator', 'lede-dropped', 'truncated', 'quote-typography', 'new-headline', 'updated'];

originals.forEach((d, i) => {
  const id = `d${i}`;
  const text = d.paragraphs.join('\n\n');
  rows.push({ id, title: d.title, text, kind: 'original', group: id });
  const other = (): Doc => ({ title: pick(pool), paragraphs: [sentences(2).join(' '), sentences(2).join(' ')] });
  const copies: [Kind, string][] = [];
  for (const kind of COPY_KINDS) {
    const p = d.paragraphs;
    let t: string;
    switch (kind) {
      case 'syndication': t = `By staff and wire reports\n\n${text}\n\nCopyright 2025. All rights reserved.`; break;
      case 'aggregator': {
        const o = other();
        t = [...p, ...FURNITURE, o.title, o.paragraphs[0]!, other().title, other().paragraphs[0]!].join('\n');
        break;
      }
      case 'lede-dropped': t = straight(p.slice(1).join('\n')); break;
      case 'truncated': t = p.slice(0, Math.max(2, Math.ceil(p.length * (0.25 + rand() * 0.25)))).join('\n\n') + '\n\nRead more...'; break;
      case 'quote-typography': t = curly(straight(text)); break;
      case 'new-headline': t = text; break;
      case 'updated': {
        const q = [...p];
        q.splice(1 + Math.floor(rand() * (q.length - 1)), 1, 'Update: officials gave further details on Tuesday, and this article has been revised to reflect them.');
        q.push(other().paragraphs.at(-1)!);
        t = q.join('\n\n');
        break;
      }
      default: t = text;
    }
    copies.push([kind, t]);
  }
  // Hard negatives: another article quoting one paragraph of this one; another article of the same set.
  const quote = d.paragraphs.reduce((a, b) => (b.length > a.length ? b : a));
  const o = other();
  copies.push(['shared-quote', [sentences(3).join(' '), sentences(3).join(' '), `"${quote}"`, sentences(3).join(' '), sentences(3).join(' ')].join('\n\n')]);
  for (const [kind, t] of copies) {
    const negative = kind === 'shared-quote';
    pending.push({ id: `${id}-${kind}`, title: kind === 'new-headline' ? `Breaking: ${o.title}` : d.title, text: t, kind, group: negative ? `${id}-${kind}` : id });
  }
  // Copies arrive later in the stream, interleaved with other originals.
  while (pending.length > 30) rows.push(pending.splice(Math.floor(rand() * pending.length), 1)[0]!);
});
while (pending.length) rows.push(pending.splice(Math.floor(rand() * pending.length), 1)[0]!);

// Gold: the first item of each group in stream order is its original.
const firstOf = new Map<string, string>();
for (const r of rows) if (!firstOf.has(r.group)) firstOf.set(r.group, r.id);
const groupOf = new Map(rows.map((r) => [r.id, r.group]));
const write = arg('--write');
if (write) writeFileSync(write, rows.map((r) => JSON.stringify({ id: r.id, title: r.title, text: r.text })).join('\n') + '\n');

const stream = new DedupStream();
const ids: string[] = [];
const perKind = new Map<Kind, { tp: number; fp: number; fn: number; n: number; wrong: number }>();
let tp = 0, fp = 0, fn = 0;
const t0 = performance.now();
for (const r of rows) {
  const p = await stream.place(r.text);
  ids.push(r.id);
  const predicted = p.article === ids.length - 1 ? null : ids[p.article]!;
  const goldDup = firstOf.get(r.group) !== r.id;
  const k = perKind.get(r.kind) ?? { tp: 0, fp: 0, fn: 0, n: 0, wrong: 0 };
  k.n++;
  if (predicted !== null && goldDup && groupOf.get(predicted) === r.group) { tp++; k.tp++; }
  else if (predicted !== null || goldDup) {
    k.wrong++;
    if (process.argv.includes('--verbose')) console.log(`wrong: ${r.id} → ${predicted ?? 'new'} (${r.kind})`);
    if (predicted !== null) { fp++; k.fp++; }
    if (goldDup) { fn++; k.fn++; }
  }
  perKind.set(r.kind, k);
}
const ms = performance.now() - t0;
console.log(`items ${rows.length} (${originals.length} originals), ${(ms / rows.length).toFixed(3)} ms/item`);
console.log(`precision ${(tp / (tp + fp)).toFixed(4)}  recall ${(tp / (tp + fn)).toFixed(4)}  (tp ${tp}, fp ${fp}, fn ${fn})`);
console.log('\n| kind | items | correct | false copy | missed |\n|---|---|---|---|---|');
for (const [kind, k] of perKind) console.log(`| ${kind} | ${k.n} | ${k.n - k.wrong} | ${k.fp} | ${k.fn} |`);
