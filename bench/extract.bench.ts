// Article extraction speed and quality: lede's extract against @mozilla/readability on jsdom, linkedom and
// happy-dom, on the same pages in the same process. Pages: the benchmark dev set in ../shared/data/extraction
// when present (with its ground truth, so each contender also gets the benchmark's P/R/F1), otherwise the
// golden pages bundled under test/pages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { Window } from 'happy-dom';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { extract } from '../src/pipeline/extract/index.ts';
import { median, withPeakMemory, type BenchTable } from './table.ts';

interface Page { id: string; html: string; url: string; truth: string | null }

function loadPages(): { pages: Page[]; source: string } {
  const dir = resolve(import.meta.dirname, '../../shared/data/extraction');
  if (existsSync(join(dir, 'ground-truth.json'))) {
    const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
    const pages = Object.keys(truth).sort().map((id) => ({
      id,
      html: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))).toString('utf8'),
      url: truth[id]!.url,
      truth: truth[id]!.articleBody,
    }));
    return { pages, source: `${pages.length} pages of the article-extraction-benchmark dev set (../shared/data/extraction)` };
  }
  const root = resolve(import.meta.dirname, '../test/pages');
  const pages = readdirSync(root).filter((d) => existsSync(join(root, d, 'source.html'))).map((d) => {
    const exp = JSON.parse(readFileSync(join(root, d, 'expected.json'), 'utf8')) as { url?: string; articleBody?: string };
    return { id: d, html: readFileSync(join(root, d, 'source.html'), 'utf8'), url: exp.url ?? `https://example.org/${d}`, truth: exp.articleBody ?? null };
  });
  return { pages, source: `${pages.length} golden pages bundled in test/pages (../shared/data/extraction absent)` };
}

const quiet = new VirtualConsole();

const CONTENDERS: { name: string; run: (p: Page) => string }[] = [
  { name: 'lede extract (htmlparser2)', run: (p) => extract({ html: p.html, url: p.url }).text },
  {
    name: 'Readability on linkedom',
    run: (p) => {
      const { document } = parseHTML(p.html);
      return new Readability(document as unknown as Document).parse()?.textContent ?? '';
    },
  },
  {
    name: 'Readability on happy-dom',
    run: (p) => {
      const window = new Window({
        url: p.url,
        settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, navigator: { userAgent: 'lede-bench' } },
      });
      try {
        const doc = new window.DOMParser().parseFromString(p.html, 'text/html');
        return new Readability(doc as unknown as Document).parse()?.textContent ?? '';
      } finally {
        void window.happyDOM.close();
      }
    },
  },
  {
    name: 'Readability on jsdom',
    run: (p) => {
      const dom = new JSDOM(p.html, { url: p.url, virtualConsole: quiet });
      try {
        return new Readability(dom.window.document).parse()?.textContent ?? '';
      } finally {
        dom.window.close();
      }
    },
  },
];

/** The benchmark's metric (see scripts/eval-extraction.ts): word 4-gram multisets, per-page P/R averaged. */
function grams(t: string): Map<string, number> {
  const w = t.match(/[\p{L}\p{N}_\p{M}]+/gu) ?? [];
  const m = new Map<string, number>();
  for (let i = 0; i < Math.max(1, w.length - 3); i++) {
    const k = w.slice(i, i + 4).join(' ');
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
function pageScore(truth: string, got: string): { p: number; r: number } {
  const e = grams(truth), g = grams(got);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, n] of g) { const t = e.get(k) ?? 0; tp += Math.min(n, t); fp += Math.max(0, n - t); }
  for (const [k, n] of e) fn += Math.max(0, n - (g.get(k) ?? 0));
  if (fp === 0 && fn === 0) return { p: 1, r: 1 };
  return { p: tp + fp ? tp / (tp + fp) : 0, r: tp + fn ? tp / (tp + fn) : 0 };
}

/**
 * Whole process, as a user runs it on a folder of pages: `lede extract --jsonl FILES` against a script running
 * Readability on linkedom over the same files (bench/readability-cli.mjs), start-up included, rounds
 * alternating so that load drift on a shared machine falls on both.
 */
function wholeProcess(pages: Page[], source: string): BenchTable {
  const dir = mkdtempSync(join(tmpdir(), 'lede-extract-bench-'));
  try {
    const files = pages.map((p, i) => {
      const f = join(dir, `${String(i).padStart(4, '0')}.html`);
      writeFileSync(f, p.html);
      return f;
    });
    const root = resolve(import.meta.dirname, '..');
    const commands = [
      { name: 'lede extract --jsonl (one process)', args: [join(root, 'bin/lede.js'), 'extract', '--jsonl', ...files] },
      { name: 'Readability on linkedom (one process)', args: [join(root, 'bench/readability-cli.mjs'), ...files] },
    ];
    spawnSync(process.execPath, [join(root, 'bin/lede.js'), 'extract', '--help']); // the CLI bundle is built once, not timed
    const rounds = Number(process.env.EXTRACT_BENCH_ROUNDS ?? 5);
    const times = commands.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++) {
      commands.forEach((c, i) => {
        const t0 = performance.now();
        const res = spawnSync(process.execPath, c.args, { cwd: root, maxBuffer: 1 << 30 });
        if (res.status !== 0 && c.name.startsWith('lede')) throw new Error(`${c.name} failed: ${res.stderr}`);
        times[i]!.push(performance.now() - t0);
      });
    }
    const base = median(times[1]!);
    return {
      title: `Article extraction, whole process: ${source}; median of ${rounds} alternating rounds`,
      columns: ['command', 'seconds', 'ms/page (start-up included)', '× vs Readability on linkedom'],
      rows: commands.map((c, i) => [c.name, median(times[i]!) / 1000, median(times[i]!) / pages.length, `${(base / median(times[i]!)).toFixed(2)}×`]),
      notes: ['Each command is a fresh `node` process over all pages, as `time lede extract --jsonl *.html` measures it.'],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async (): Promise<BenchTable[]> => {
  const { pages, source } = loadPages();
  const whole = wholeProcess(pages, source);
  const runs = Number(process.env.EXTRACT_BENCH_RUNS ?? (pages.length > 20 ? 3 : 7));
  const results: { name: string; ms: number; peak: number; p: number; r: number }[] = [];
  for (const c of CONTENDERS) {
    // Every pass is timed; the median drops the first, cold one (JIT, lazy module parts). The first pass's
    // texts are scored.
    let texts: string[] = [];
    const times: number[] = [];
    const { peakMiB } = await withPeakMemory(async () => {
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        const out = pages.map((p) => c.run(p));
        times.push((performance.now() - t0) / pages.length);
        if (r === 0) texts = out;
        await new Promise((res) => setImmediate(res)); // lets the memory sampler run between passes
      }
    });
    const scored = pages.flatMap((p, i) => (p.truth === null ? [] : [pageScore(p.truth, texts[i] ?? '')]));
    const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
    results.push({ name: c.name, ms: median(times), peak: peakMiB, p: avg(scored.map((s) => s.p)), r: avg(scored.map((s) => s.r)) });
  }
  const jsdom = results.find((r) => r.name.includes('jsdom'))!.ms;
  const linkedom = results.find((r) => r.name.includes('linkedom'))!.ms;
  return [whole, {
    title: `Article extraction: ${source}; median of ${runs} passes`,
    columns: ['extractor', 'ms/page', 'pages/s', '× vs jsdom', '× vs linkedom', 'P', 'R', 'F1', 'peak RSS MiB'],
    rows: results.map((r) => [
      r.name, r.ms, 1000 / r.ms, `${(jsdom / r.ms).toFixed(1)}×`, `${(linkedom / r.ms).toFixed(1)}×`,
      r.p, r.r, r.p + r.r ? (2 * r.p * r.r) / (r.p + r.r) : NaN, r.peak,
    ]),
    notes: [
      'Readability contenders parse the page into their DOM and run Readability#parse (textContent is scored); lede runs the whole',
      'extract (parse, metadata, scoring, cleanup, sanitised HTML). P/R/F1: the benchmark metric against the ground truth, where present.',
      'Peak RSS is process-wide, sampled during each contender\'s timed passes (contenders run in the order shown).',
    ],
  }];
};
