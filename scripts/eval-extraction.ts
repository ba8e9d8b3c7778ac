// Scores `extract` on the article-extraction benchmark pages in ../shared/data/extraction with the benchmark's
// metric (word 4-gram multisets, per-page normalised P/R, averaged; F1 = harmonic mean of the averages), side by
// side with the reference outputs of published tools on the same pages; also title and date accuracy.
//   node bin/run-ts.js scripts/eval-extraction.ts [--split a|b] [--worst N]
// --split takes one half of the pages (by a hash of the page id) so that changes made looking at one half can
// be checked on the other.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from '../src/pipeline/extract/index.ts';
import { decodeHTML } from 'entities';

// LEDE_EXTRACTION_DATA points at the data from a worktree that is not next to ../shared.
const DIR = process.env.LEDE_EXTRACTION_DATA ?? resolve(import.meta.dirname, '../../shared/data/extraction');
const TOOLS = ['readability_js', 'trafilatura', 'go_trafilatura', 'newspaper', 'news_please'];

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (!existsSync(join(DIR, 'ground-truth.json'))) {
  console.error(`eval-extraction: the benchmark data is absent (looked for ${DIR}/ground-truth.json); nothing to score.`);
  process.exit(0);
}

type Truth = Record<string, { articleBody: string; url: string }>;
const truth = JSON.parse(readFileSync(join(DIR, 'ground-truth.json'), 'utf8')) as Truth;

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
const split = opt('--split');
const ids = Object.keys(truth).sort().filter((id) => !split || (fnv(id) % 2 === 0) === (split === 'a'));

/** The benchmark's tokenisation: \w+ runs (Python's Unicode \w), as word 4-grams with multiplicity. */
function shingles(text: string): Map<string, number> {
  const words = text.match(/[\p{L}\p{N}_\p{M}]+/gu) ?? [];
  const m = new Map<string, number>();
  for (let i = 0; i + 4 <= words.length; i++) {
    const k = words.slice(i, i + 4).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  // Texts shorter than four words still count as one gram so that empty and short outputs are scored.
  if (words.length && words.length < 4) m.set(words.join(' '), 1);
  return m;
}

function score(expected: string, predicted: string): { p: number; r: number } {
  const e = shingles(expected);
  const g = shingles(predicted);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, n] of g) {
    const t = e.get(k) ?? 0;
    tp += Math.min(n, t);
    fp += Math.max(0, n - t);
  }
  for (const [k, n] of e) fn += Math.max(0, n - (g.get(k) ?? 0));
  if (fp === 0 && fn === 0) return { p: 1, r: 1 };
  const sum = tp + fp + fn;
  const [ntp, nfp, nfn] = [tp / sum, fp / sum, fn / sum];
  return { p: ntp + nfp ? ntp / (ntp + nfp) : 0, r: ntp + nfn ? ntp / (ntp + nfn) : 0 };
}

interface Row { name: string; p: number; r: number; f1: number; n: number }
function summarise(name: string, per: { p: number; r: number }[]): Row {
  const p = per.reduce((a, x) => a + x.p, 0) / per.length;
  const r = per.reduce((a, x) => a + x.r, 0) / per.length;
  return { name, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, n: per.length };
}

const rows: Row[] = [];
const ours: { id: string; p: number; r: number }[] = [];
let titleOk = 0, titleN = 0, dateFound = 0, dateOk = 0, dateN = 0;
const started = performance.now();
for (const id of ids) {
  const html = gunzipSync(readFileSync(join(DIR, 'html', `${id}.html.gz`))).toString('utf8');
  const page = extract({ html, url: truth[id]!.url });
  ours.push({ id, ...score(truth[id]!.articleBody, page.text) });
  // Title and date checked against the page's own JSON-LD / OpenGraph, where it carries them.
  const rawHeadline = /"headline"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(html)?.[1];
  let ldTitle = rawHeadline ?? /<meta[^>]+property=["']og:title["'][^>]+content=["']([^"']*)["']/i.exec(html)?.[1];
  if (rawHeadline) {
    try { ldTitle = JSON.parse(`"${rawHeadline}"`) as string; } catch { /* keep it raw */ }
  }
  if (ldTitle) {
    titleN++;
    const norm = (s: string) => decodeHTML(s).toLowerCase().replace(/\\u[0-9a-f]{4}|[^\p{L}\p{N}]+/giu, ' ').trim();
    if (page.title && (norm(page.title) === norm(ldTitle) || norm(ldTitle).startsWith(norm(page.title)))) titleOk++;
  }
  const ldDate = /"datePublished"\s*:\s*"([^"]+)"/.exec(html)?.[1] ?? /<meta[^>]+property=["']article:published_time["'][^>]+content=["']([^"']*)["']/i.exec(html)?.[1];
  if (page.published) dateFound++;
  if (ldDate) {
    dateN++;
    const d = Date.parse(ldDate);
    if (page.published && !Number.isNaN(d) && Math.abs(Date.parse(page.published) - d) < 86_400_000) dateOk++;
  }
}
const elapsed = performance.now() - started;
rows.push(summarise('lede', ours));
for (const tool of TOOLS) {
  const file = join(DIR, 'reference-output', `${tool}.json`);
  if (!existsSync(file)) continue;
  const out = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { articleBody: string }>;
  rows.push(summarise(tool, ids.map((id) => score(truth[id]!.articleBody, out[id]?.articleBody ?? ''))));
}

console.log(`\nExtraction on ${ids.length} pages${split ? ` (half ${split})` : ''} of ${DIR}\n`);
console.log('| tool | precision | recall | F1 |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.p.toFixed(3)} | ${r.r.toFixed(3)} | ${r.f1.toFixed(3)} |`);
console.log(`\nlede titles: ${titleOk}/${titleN} match the page's JSON-LD headline / og:title`);
console.log(`lede dates: ${dateOk}/${dateN} match the page's datePublished / article:published_time (±1 day); a date found on ${dateFound}/${ids.length} pages`);
console.log(`lede time: ${(elapsed / ids.length).toFixed(2)} ms/page (including gunzip)`);
const worst = Number(opt('--worst') ?? 0);
if (worst) {
  console.log(`\nworst pages:`);
  for (const w of [...ours].sort((a, b) => a.p + a.r - b.p - b.r).slice(0, worst)) {
    console.log(`  ${w.id}  P=${w.p.toFixed(3)} R=${w.r.toFixed(3)}  ${truth[w.id]!.url}`);
  }
}
