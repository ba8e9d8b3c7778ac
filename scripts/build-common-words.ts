// Builds src/pipeline/enrich/data/common-words.txt.gz, the words truecasing (ner/truecase.ts) lowers in
// shouted and Title Case text: words written in lower case after a lower-case word or a comma, in GMB
// (public-domain Voice of America text) and the BBC News articles of ../shared/data/summaries (CC0), seen
// twice or more (GMB counts double: it is news of the kind the tagger reads). Only a vocabulary is kept, no
// text. The extraction benchmark's pages are left out: the own NER dev set (test/fixtures/ner) comes from
// them, and it measures truecasing. Run: node bin/run-ts.js scripts/build-common-words.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DATA, requireData } from './train-ner-data.ts';

requireData();
const counts = new Map<string, number>();
const add = (w: string, n: number) => counts.set(w, (counts.get(w) ?? 0) + n);
const LOWER_WORD = /^\p{Ll}[\p{Ll}'-]*$/u;
for (const line of readFileSync(resolve(DATA, 'gmb-subset.conll'), 'utf8').split('\n')) {
  const w = line.split(' ')[0];
  if (w && LOWER_WORD.test(w)) add(w, 2);
}
const bbc = resolve(DATA, '../summaries/article');
for (const cat of readdirSync(bbc)) {
  for (const f of readdirSync(resolve(bbc, cat))) {
    // After a lower-case letter or a comma and a space, so never a sentence's first word.
    for (const m of readFileSync(resolve(bbc, cat, f), 'utf8').matchAll(/(?<=[\p{Ll},;] )\p{Ll}[\p{Ll}'-]*/gu)) add(m[0], 1);
  }
}
const words = [...counts].filter(([, c]) => c >= 2).map(([w]) => w).sort();
const out = new URL('../src/pipeline/enrich/data/common-words.txt.gz', import.meta.url);
writeFileSync(out, gzipSync(`# lower-case words of GMB and BBC News text (scripts/build-common-words.ts)\n${words.join('\n')}\n`, { level: 9 }));
console.log(`${words.length} words written to ${out.pathname}`);
