// Builds src/pipeline/enrich/data/dictionary-stems.txt.gz: the Porter stems of the English words that a
// general dictionary writes in lower case — SCOWL as Debian ships it (/usr/share/dict/american-english and
// british-english, packages wamerican and wbritish; SCOWL licence: free to use, copy and distribute with
// its copyright notice, kept in the file's header). A word the dictionary lists only with a capital is a
// name ("Nissan", "Kimberly") and is left out. Hashtags read it: a one-word topic written in lower case
// that the dictionary knows ("artworks", "rabbit", "miscarriage") is a plain noun, no hashtag. The news
// word list (common-words.txt.gz, 9,000 words) misses most of them.
// Run: apt-get install wamerican wbritish && node bin/run-ts.js scripts/build-dictionary-stems.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { stemmer } from 'stemmer';

const files = ['/usr/share/dict/american-english', '/usr/share/dict/british-english'];
const missing = files.filter((f) => !existsSync(f));
if (missing.length) { console.error(`missing ${missing.join(', ')}: apt-get install wamerican wbritish`); process.exit(1); }
const stems = new Set<string>();
for (const f of files) {
  for (const w of readFileSync(f, 'utf8').split('\n')) if (/^[a-z][a-z-]*$/.test(w)) stems.add(stemmer(w));
}
const out = new URL('../src/pipeline/enrich/data/dictionary-stems.txt.gz', import.meta.url);
const header = '# Porter stems of the lower-case words of SCOWL (Debian wamerican + wbritish), scripts/build-dictionary-stems.ts\n' +
  '# SCOWL: Copyright 2000-2011 by Kevin Atkinson and the copyrights in its README; permission to use, copy, modify,\n' +
  '# distribute and sell these word lists, the associated scripts, the output created from the scripts, and its\n' +
  '# documentation for any purpose is hereby granted without fee, provided that this notice appears in all copies.\n';
writeFileSync(out, gzipSync(header + [...stems].sort().join('\n') + '\n', { level: 9 }));
console.log(`${stems.size} stems written to ${out.pathname}`);
