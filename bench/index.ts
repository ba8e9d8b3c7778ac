// `npm run bench [NAME...]`: runs every bench/<name>.bench.ts (or the named ones) in turn and prints
// one table each. A bench exports `default: () => Promise<BenchTable>`.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { printTable, type BenchTable } from './table.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: () => Promise<BenchTable | BenchTable[]> };
  const started = Date.now();
  const result = await mod.default();
  for (const t of Array.isArray(result) ? result : [result]) printTable(t);
  console.log(`(${f}: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
