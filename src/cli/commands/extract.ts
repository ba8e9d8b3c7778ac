// `lede extract [--url URL] [--jsonl] [--reference-time ISO] INPUT...`: the article in each page as JSON.
// One process for any number of inputs: files are read and extracted one after another and each result is
// written as soon as it is ready, so hundreds of pages cost no per-file start-up.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LedeError, describeError } from '../../domain/errors.ts';
import type { ExtractedPage } from '../../domain/types.ts';
import { extract, requireArticle, unreadableReason } from '../../pipeline/extract/index.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede extract [--url URL] [--jsonl] [--reference-time ISO] INPUT...

Extracts the article from each INPUT and prints it as JSON:
  {title, byline, published, modified, language, siteName, image, canonicalUrl,
   lede, text, html, related: [{outlet, relativeTime, published, title, text}]}

INPUT is one of
  FILE.html, FILE.htm      an article page (charset from <meta charset> or BOM, UTF-8 otherwise)
  FILE.html.gz             the same, gzip-compressed
  FILE.txt                 plain text; the first line is the title when it looks like one
  http(s)://...            a page fetched over HTTP (size and time limits from the config)
  -                        standard input (HTML when it starts with "<", plain text otherwise)

Options:
  --url URL              the page's address, to resolve relative links and images (one INPUT)
  --jsonl                one compact JSON object per line, each with an "input" field
  --reference-time ISO   the time relative times ("2 hours ago") are counted from (default: now)

With one INPUT and no --jsonl, prints one indented JSON object; with several, a JSON array.
An input that fails prints {input, error} and the run goes on; the exit code is 1 only when every input failed.`;

interface Options {
  url?: string;
  jsonl: boolean;
  referenceTime?: Date;
  inputs: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { jsonl: false, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new LedeError('bad_input', `${a} needs a value`);
      return v;
    };
    if (a === '--jsonl') o.jsonl = true;
    else if (a === '--url' || a.startsWith('--url=')) o.url = value();
    else if (a === '--reference-time' || a.startsWith('--reference-time=')) {
      const v = value();
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw new LedeError('bad_input', `--reference-time: not a date: ${v}`);
      o.referenceTime = d;
    } else if (a === '--') o.inputs.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('--')) throw new LedeError('bad_input', `unknown option ${a}\n\n${help}`);
    else o.inputs.push(a);
  }
  if (!o.inputs.length) throw new LedeError('bad_input', `no INPUT given\n\n${help}`);
  if (o.url) {
    try {
      new URL(o.url);
    } catch {
      throw new LedeError('bad_input', `--url: not a URL: ${o.url}`);
    }
  }
  return o;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

type Fetcher = import('../../pipeline/fetch/index.ts').Fetcher;
let fetcher: Promise<{ fetcher: Fetcher; decodeHtml: (b: Buffer, ct: string | null) => string }> | null = null;

/** The fetch stage, loaded on the first URL only: file-only runs do not pay for it. */
function getFetcher() {
  fetcher ??= (async () => {
    const [{ createFetcher, fetcherOptionsFromConfig, decodeHtml }, { loadConfig }] = await Promise.all([
      import('../../pipeline/fetch/index.ts'),
      import('../../config/index.ts'),
    ]);
    return { fetcher: createFetcher(fetcherOptionsFromConfig(loadConfig())), decodeHtml };
  })();
  return fetcher;
}

/** Decodes page bytes: BOM, then <meta charset>, then UTF-8. */
async function decodePage(body: Buffer, contentType: string | null): Promise<string> {
  // The charset rules alone: the fetch stage's index also loads undici (~0.1 s of a file-only run).
  const { decodeHtml } = await import('../../pipeline/fetch/charset.ts');
  return decodeHtml(body, contentType);
}

async function extractOne(input: string, opts: Options): Promise<ExtractedPage> {
  return requireArticle(await readAndExtract(input, opts));
}

async function readAndExtract(input: string, opts: Options): Promise<ExtractedPage> {
  const referenceTime = opts.referenceTime;
  if (isUrl(input)) {
    const { fetcher: f } = await getFetcher();
    const res = await f.get(input, { kind: 'page' });
    const unreadable = unreadableReason(res.body);
    if (unreadable) throw new LedeError('extract_failed', unreadable);
    const type = res.contentType ?? '';
    if (/^text\/plain/i.test(type)) return extract({ text: res.body.toString('utf8'), url: res.url, referenceTime });
    if (type && !/html|xml/i.test(type)) throw new LedeError('extract_failed', `not an HTML page (${type})`);
    return extract({ html: await decodePage(res.body, res.contentType), url: opts.url ?? res.url, referenceTime });
  }
  let bytes: Buffer;
  let name = input;
  if (input === '-') bytes = await readStdin();
  else {
    bytes = readFileSync(input); // one input at a time anyway; the promise API costs ~1 ms a file more
    if (/\.gz$/i.test(input)) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 });
      } catch (e) {
        throw new LedeError('bad_input', `cannot gunzip: ${(e as Error).message}`);
      }
      name = input.slice(0, -3);
    }
  }
  const unreadable = unreadableReason(bytes);
  if (unreadable) throw new LedeError('bad_input', unreadable);
  const isText = /\.(?:txt|text|md)$/i.test(name) || (!/\.x?html?$/i.test(name) && !/^\s*</.test(bytes.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '')));
  if (isText) return extract({ text: bytes.toString('utf8').replace(/^\uFEFF/, ''), url: opts.url, referenceTime });
  return extract({ html: await decodePage(bytes, null), url: opts.url, referenceTime });
}

function write(s: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', resolve).once('error', reject);
  });
}

export default {
  summary: 'extract the article (title, dates, clean text and HTML) from pages',
  help,
  async run(argv) {
    const opts = parseArgs(argv);
    const single = opts.inputs.length === 1 && !opts.jsonl;
    let failed = 0;
    if (!single && !opts.jsonl) await write('[\n');
    try {
      for (let i = 0; i < opts.inputs.length; i++) {
        const input = opts.inputs[i]!;
        let result: Record<string, unknown>;
        try {
          const page = await extractOne(input, opts);
          result = opts.jsonl || !single ? { input, ...page } : { ...page };
        } catch (e) {
          failed++;
          result = { input, error: describeError(e) };
          if (single) console.error(`lede extract: ${input}: ${describeError(e)}`);
        }
        if (opts.jsonl) await write(JSON.stringify(result) + '\n');
        else if (single) await write(JSON.stringify(result, null, 2) + '\n');
        else await write((i ? ',\n' : '') + JSON.stringify(result));
      }
    } finally {
      if (!single && !opts.jsonl) await write('\n]\n');
      if (fetcher) await (await fetcher).fetcher.close();
    }
    return failed === opts.inputs.length ? 1 : 0;
  },
} satisfies Command;
