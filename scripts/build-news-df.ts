// Builds src/pipeline/stories/data/news-df.tsv: how many news documents of a background corpus use each
// story term (stem), for the terms used by at least 1 % of them. It tells the story join decision which shared
// words every news report uses ("minister", "official", "killed") and which say something specific. Corpus:
// the 500 news stories of ../shared/data/keyphrases (500N-KPCrowd), the 61 BBC News articles of
// ../shared/data/summaries (CC0) and GMB's Voice of America sentences (public domain) in runs of 8 (GMB keeps no
// document breaks; consecutive sentences come from one text). Only counts of common stems are kept, no text.
// Run: node bin/run-ts.js scripts/build-news-df.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { storyTerms } from '../src/pipeline/stories/terms.ts';

const shared = process.env.LEDE_SHARED_DATA ?? ['../../shared/data', '../../../shared/data'].map((p) => resolve(import.meta.dirname, p)).find(existsSync) ?? resolve(import.meta.dirname, '../../shared/data');
if (!existsSync(shared)) {
  console.error(`build-news-df: ${shared} is absent; this build needs the shared development data.`);
  process.exit(2);
}
const docs: string[] = [];
const kp = resolve(shared, 'keyphrases/docsutf8');
for (const f of readdirSync(kp).sort()) docs.push(readFileSync(resolve(kp, f), 'utf8'));
const bbc = resolve(shared, 'summaries/article');
for (const cat of readdirSync(bbc).sort()) for (const f of readdirSync(resolve(bbc, cat)).sort()) docs.push(readFileSync(resolve(bbc, cat, f), 'utf8'));
let sentences: string[] = [];
let words: string[] = [];
for (const line of readFileSync(resolve(shared, 'ner/gmb-subset.conll'), 'utf8').split('\n')) {
  if (line.trim()) { words.push(line.split(' ')[0]!); continue; }
  if (words.length) sentences.push(words.join(' '));
  words = [];
  if (sentences.length === 8) { docs.push(sentences.join(' ')); sentences = []; }
}
if (sentences.length) docs.push(sentences.join(' '));

const df = new Map<string, number>();
for (const d of docs) for (const t of new Set(storyTerms(d))) df.set(t, (df.get(t) ?? 0) + 1);
const min = Math.ceil(docs.length / 100);
const kept = [...df].filter(([, n]) => n >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const out = new URL('../src/pipeline/stories/data/news-df.tsv', import.meta.url);
writeFileSync(out, `# story-term document frequencies in ${docs.length} news documents (scripts/build-news-df.ts); terms in ≥ 1 %\n${docs.length}\n${kept.map(([t, n]) => `${t}\t${n}`).join('\n')}\n`);
console.log(`${docs.length} documents, ${kept.length} terms written to ${out.pathname}`);
