// Builds src/pipeline/enrich/data/person-first-words.txt: the words that open a person's name of two words
// or more in the tagger's training text (GMB without its held-out slice, the Broad Twitter Corpus, the SEC
// filings; wikigold is left out, it stays held out), written as a name is ("Bill", "Mark", "Rose"). The entity
// rules read it to tell a common word that is also a given name ("Bill Winters said") from one that opens an
// organisation's name ("Standard Chartered said", "Global Witness said"). Only the list of words is kept.
// Run: node bin/run-ts.js scripts/build-person-first-words.ts
import { writeFileSync } from 'node:fs';
import { HELDOUT, readBtc, readGmb, readSec, requireData } from './train-ner-data.ts';

requireData();
const gmb = readGmb();
const words = new Set<string>();
for (const s of [...gmb.slice(0, gmb.length - HELDOUT), ...readBtc(), ...readSec()]) {
  s.tags.forEach((t, i) => {
    const w = s.words[i]!;
    if (t === 'B-PER' && s.tags[i + 1] === 'I-PER' && /^\p{Lu}\p{Ll}+$/u.test(w)) words.add(w.toLowerCase());
  });
}
const out = new URL('../src/pipeline/enrich/data/person-first-words.txt', import.meta.url);
writeFileSync(out, `# first words of person names in the training text (scripts/build-person-first-words.ts)\n${[...words].sort().join('\n')}\n`);
console.log(`${words.size} words written to ${out.pathname}`);
