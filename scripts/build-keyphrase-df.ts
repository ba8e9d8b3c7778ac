// Builds src/pipeline/enrich/data/keyphrase-df.txt.gz, the document frequencies the keyphrase ranker reads
// as a word's specificity (a news reader's "company" or "percent" says less than "tanker" or "sanctions"):
// for each Porter stem, the number of news texts that hold it, over the GoogleNews-TS items of
// ../shared/data/clustering (titles and snippets, 5,860), the GMB sentences (Voice of America, public domain)
// and the BBC News articles of ../shared/data/summaries (CC0). Stems in two texts or more; only counts, no text.
// The keyphrase sets themselves are left out. Run: node bin/run-ts.js scripts/build-keyphrase-df.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stemmer } from 'stemmer';
import { DATA, requireData } from './train-ner-data.ts';

requireData();
const df = new Map<string, number>();
let docs = 0;
const addText = (words: Iterable<string>) => {
  const seen = new Set<string>();
  for (const w of words) {
    const lw = w.toLowerCase().replace(/\./g, '');
    if (!/^\p{L}[\p{L}'-]*$/u.test(lw)) continue;
    seen.add(stemmer(lw));
  }
  for (const s of seen) df.set(s, (df.get(s) ?? 0) + 1);
  docs++;
};
const wordsOf = (text: string) => text.match(/[\p{L}][\p{L}'.-]*/gu) ?? [];
for (const line of readFileSync(resolve(DATA, '../clustering/GoogleNews-TS.jsonl'), 'utf8').split('\n')) {
  if (line.trim()) addText(wordsOf((JSON.parse(line) as { text: string }).text));
}
let sentence: string[] = [];
for (const line of readFileSync(resolve(DATA, 'gmb-subset.conll'), 'utf8').split('\n')) {
  const w = line.split(' ')[0];
  if (w) sentence.push(w);
  else if (sentence.length) { addText(sentence); sentence = []; }
}
if (sentence.length) addText(sentence);
const bbc = resolve(DATA, '../summaries/article');
for (const cat of readdirSync(bbc)) for (const f of readdirSync(resolve(bbc, cat))) addText(wordsOf(readFileSync(resolve(bbc, cat, f), 'utf8')));
const rows = [...df].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const out = new URL('../src/pipeline/enrich/data/keyphrase-df.txt.gz', import.meta.url);
writeFileSync(out, gzipSync(`# documents\t${docs}\n${rows.map(([s, c]) => `${s}\t${c}`).join('\n')}\n`, { level: 9 }));
console.log(`${rows.length} stems over ${docs} texts written to ${out.pathname}`);
