import { readFileSync } from 'node:fs';
import { findArabicNames } from './src/pipeline/enrich/arabic/names.ts';
import { foldTypographyKeepOffsets, splitSentences } from './src/pipeline/normalize/index.ts';
const t = readFileSync('test/fixtures/arabic/seed-ar.txt','utf8');
const f = foldTypographyKeepOffsets(t);
for (const m of findArabicNames(f, splitSentences(f))) console.log(m.type, '|', m.text, '|', m.canonical, '|', m.role ?? '', m.id ?? '');
