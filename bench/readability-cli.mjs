// The whole-process baseline for `lede extract --jsonl`: Readability on linkedom over the same files, one
// JSON line per page, as a user would script it. Plain JavaScript, so it pays no TypeScript start-up.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

for (const file of process.argv.slice(2)) {
  let bytes = readFileSync(file);
  if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
  const { document } = parseHTML(bytes.toString('utf8'));
  const article = new Readability(document).parse();
  process.stdout.write(JSON.stringify({ input: file, title: article?.title ?? null, text: article?.textContent ?? null, html: article?.content ?? null }) + '\n');
}
