// Scale corpus for the stories bench: articles written from real sentences of the dev data (or, without
// ../shared, from the sentences bundled in fixtures/), with planted copies and stories. A generator —
// nothing is committed but this code.
//   node bin/run-ts.js scripts/gen-scale-corpus.ts --articles 10000 [--seed 1] > corpus.jsonl
//
// Each article belongs to a story: a story has its own names (invented proper nouns) and topic words and
// a few real sentences it keeps coming back to; each article is new text made by a word-bigram chain over
// the real sentences, seeded with the story's words, so articles of one story share vocabulary without
// being copies. About one article in seven is a copy of an earlier one (lede dropped, truncated, with
// furniture, quotes changed).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import type { NewVersion } from '../src/domain/pipeline.ts';

const repo = resolve(import.meta.dirname, '..');
// ../shared/data beside the repository (or beside the worktree's parent), or LEDE_SHARED_DATA.
const shared = process.env.LEDE_SHARED_DATA ?? [resolve(repo, '../shared/data'), resolve(repo, '../../shared/data')].find(existsSync) ?? resolve(repo, '../shared/data');

export interface ScaleArticle {
  n: number;
  title: string;
  text: string;
  published: number;
  story: number;
  /** Index of the article this one copies, or null. */
  copyOf: number | null;
}

/**
 * A scale article as one outlet's copy for placement: 50 outlets, fetched when published. The hash is of the
 * raw text (not contentHash's folded form), as every figure in docs/benchmarks.md was measured with.
 */
export function scaleVersion(a: ScaleArticle): NewVersion {
  const at = new Date(a.published).toISOString();
  return {
    sourceId: null, feedId: null, outlet: `outlet-${a.n % 50}`, url: `https://outlet${a.n % 50}.example/a/${a.n}`,
    canonicalUrl: null, title: a.title, byline: null, text: a.text, html: '', lede: null, image: null,
    language: 'en', published: at, fetchedAt: at, contentHash: createHash('sha256').update(a.text).digest('hex'),
  };
}

/** Real sentences: from ../shared/data when present, else from the seeds and fixtures/news. */
export function loadSentences(): { sentences: string[]; origin: string } {
  const texts: string[] = [];
  let origin = 'bundled fixtures (seeds + fixtures/news)';
  // LEDE_SCALE_BUNDLED=1 forces the bundled sentences (what a clone without ../shared gets).
  if (existsSync(shared) && !process.env.LEDE_SCALE_BUNDLED) {
    origin = '../shared/data (extraction ground truth, summaries, keyphrases)';
    const gt = JSON.parse(readFileSync(`${shared}/extraction/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string }>;
    for (const v of Object.values(gt)) texts.push(v.articleBody);
    for (const cat of readdirSync(`${shared}/summaries/article`)) {
      for (const f of readdirSync(`${shared}/summaries/article/${cat}`)) texts.push(readFileSync(`${shared}/summaries/article/${cat}/${f}`, 'latin1'));
    }
    const kp = `${shared}/keyphrases/docsutf8`;
    if (existsSync(kp)) for (const f of readdirSync(kp)) texts.push(readFileSync(`${kp}/${f}`, 'utf8'));
  } else {
    for (const f of readdirSync(`${repo}/fixtures/seeds`)) texts.push(readFileSync(`${repo}/fixtures/seeds/${f}`, 'utf8'));
    texts.push(readFileSync(`${repo}/fixtures/news/unrelated.txt`, 'utf8'));
  }
  const sentences = texts
    .flatMap((t) => t.split(/\n+|(?<=[.!?]["'\u201D\u2019]?)\s+(?=["'\u201C\u2018]?[A-Z])/))
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 6 && s.length < 400);
  return { sentences: [...new Set(sentences)], origin };
}

class Rng {
  constructor(private s: number) { this.s = s >>> 0 || 1; }
  next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 2 ** 32;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
}

const SYLLABLES = ['ka', 'lo', 'ri', 'man', 'to', 'vel', 'sha', 'dor', 'en', 'mi', 'zar', 'que', 'bo', 'lin', 'tas', 'ru', 'ge', 'han', 'pe', 'sol'];

export interface CorpusOptions {
  seed?: number;
  /** Start time (ms) of the stream; articles arrive about `perDay` a day. */
  start?: number;
  perDay?: number;
  copyRate?: number;
}

export function* generateCorpus(count: number, sentences: string[], opts: CorpusOptions = {}): Generator<ScaleArticle> {
  const rng = new Rng(opts.seed ?? 1);
  const perDay = opts.perDay ?? 3000;
  const copyRate = opts.copyRate ?? 1 / 7;
  const start = opts.start ?? Date.parse('2025-01-01T00:00:00Z');
  // Word-bigram chain over the real sentences.
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const s of sentences) {
    const w = s.split(/\s+/);
    starts.push(w[0]!);
    for (let i = 0; i + 1 < w.length; i++) {
      let l = next.get(w[i]!);
      if (!l) next.set(w[i]!, (l = []));
      l.push(w[i + 1]!);
    }
  }
  const vocabulary = [...next.keys()];
  const name = () => {
    let s = '';
    for (let i = 0, n = 2 + rng.int(2); i < n; i++) s += rng.pick(SYLLABLES);
    return s[0]!.toUpperCase() + s.slice(1);
  };
  interface StoryGen { id: number; names: string[]; words: string[]; lines: string[]; left: number }
  const active: StoryGen[] = [];
  let storyCount = 0;
  const recent: { n: number; text: string; title: string; story: number }[] = [];
  const sentence = (st: StoryGen): string => {
    const out: string[] = [rng.next() < 0.5 ? rng.pick(st.names) : rng.pick(starts)];
    const len = 14 + rng.int(14);
    while (out.length < len) {
      const r = rng.next();
      if (r < 0.12) out.push(rng.pick(st.names));
      else if (r < 0.24) out.push(rng.pick(st.words));
      else {
        const l = next.get(out[out.length - 1]!);
        out.push(l && rng.next() < 0.85 ? rng.pick(l) : rng.pick(vocabulary));
      }
    }
    return out.join(' ').replace(/[.!?]+$/, '') + '.';
  };
  for (let n = 0; n < count; n++) {
    const published = start + Math.floor((n / perDay) * 86_400_000) + rng.int(600_000);
    if (recent.length > 50 && rng.next() < copyRate) {
      const src = recent[rng.int(recent.length)]!;
      const paras = src.text.split('\n\n');
      const kind = rng.int(4);
      const text = kind === 0 ? paras.slice(1).join('\n\n')
        : kind === 1 ? paras.slice(0, Math.max(1, paras.length >> 1)).join('\n\n')
          : kind === 2 ? `${src.text}\n\nHashtags\nComments\nNo comments yet...\nRelated Articles`
            : src.text.replace(/"/g, '\u201C');
      yield { n, title: src.title, text, published, story: src.story, copyOf: src.n };
      continue;
    }
    // Join an active story (most articles) or start one.
    let st: StoryGen;
    if (active.length && rng.next() < 0.7) st = rng.pick(active);
    else {
      st = {
        id: storyCount++,
        names: Array.from({ length: 4 }, name),
        words: Array.from({ length: 8 }, () => rng.pick(vocabulary)),
        lines: Array.from({ length: 3 }, () => rng.pick(sentences)),
        left: 1 + Math.floor(-Math.log(1 - rng.next()) * 6),
      };
      active.push(st);
    }
    const paras: string[] = [];
    for (let p = 0, np = 3 + rng.int(4); p < np; p++) {
      const ss: string[] = [];
      for (let k = 0, nk = 1 + rng.int(3); k < nk; k++) ss.push(rng.next() < 0.1 ? rng.pick(st.lines) : sentence(st));
      paras.push(ss.join(' '));
    }
    const text = paras.join('\n\n');
    const title = sentence(st).split(' ').slice(0, 9).join(' ');
    if (--st.left <= 0) active.splice(active.indexOf(st), 1);
    if (active.length > 400) active.shift();
    recent.push({ n, text, title, story: st.id });
    if (recent.length > 2000) recent.shift();
    yield { n, title, text, published, story: st.id, copyOf: null };
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const arg = (k: string) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
  const count = Number(arg('--articles') ?? 10_000);
  const { sentences, origin } = loadSentences();
  console.error(`gen-scale-corpus: ${count} articles from ${sentences.length} sentences of ${origin}`);
  for (const a of generateCorpus(count, sentences, { seed: Number(arg('--seed') ?? 1) })) {
    process.stdout.write(JSON.stringify({ id: a.n, title: a.title, text: a.text, published: new Date(a.published).toISOString(), story: a.story, copyOf: a.copyOf }) + '\n');
  }
}
