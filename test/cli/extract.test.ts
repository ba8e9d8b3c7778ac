// `lede extract` as a user runs it: a real process over real files, stdin and a loopback HTTP server.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = join(ROOT, 'test/pages');
const SEED = join(ROOT, 'fixtures/seeds/000_8d169c1d68591c33.txt');

function run(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/lede.js'), 'extract', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'lede-extract-'));
const gz = join(tmp, 'page.html.gz');
writeFileSync(gz, gzipSync(readFileSync(join(PAGES, 'news-boilerplate/source.html'))));

describe('lede extract', () => {
  it('prints one JSON object for one file', async () => {
    const r = await run(['--url', 'https://northernpost.example/news/x', join(PAGES, 'news-boilerplate/source.html')]);
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout);
    expect(page.title).toBe('Council approves new tram line');
    expect(page.canonicalUrl).toBe('https://northernpost.example/news/council-approves-new-tram-line');
    expect(page.text).toContain('The council will now apply');
    expect(page.input).toBeUndefined();
  });

  it('--jsonl: one line per input with the input as given; failures go on', async () => {
    const missing = join(tmp, 'missing.html');
    const r = await run(['--jsonl', '--reference-time', '2025-02-20T12:00:00Z', gz, missing, SEED, join(PAGES, 'hostile-markup/source.html')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input)).toEqual([gz, missing, SEED, join(PAGES, 'hostile-markup/source.html')]);
    expect(lines[0].title).toBe('Council approves new tram line');
    expect(lines[1].error).toMatch(/ENOENT|no such file/);
    expect(lines[2].related.map((x: { outlet: string }) => x.outlet)).toEqual(['Asharq Al-Awsat', 'Al Arabiya', 'Al Arabiya']);
    expect(lines[2].related[0].published).toBe('2025-02-20T11:00:00.000Z');
    expect(lines[3].html).not.toContain('javascript:');
  });

  it('several inputs without --jsonl print one JSON array', async () => {
    const r = await run([gz, SEED]);
    const arr = JSON.parse(r.stdout);
    expect(arr).toHaveLength(2);
    expect(arr[1].input).toBe(SEED);
  });

  it('reads standard input, HTML or text', async () => {
    const html = await run(['-'], { stdin: readFileSync(join(PAGES, 'jsonld-graph-metadata/source.html'), 'utf8') });
    expect(JSON.parse(html.stdout).byline).toBe('Ana Lima, Tom Berg');
    const body = 'The body is one paragraph of text that ends here, long enough to be an article of its own.';
    const text = await run(['-'], { stdin: `A Short Title\n${body}` });
    expect(JSON.parse(text.stdout)).toMatchObject({ title: 'A Short Title', text: body });
  });

  it('takes no junk for an article: empty, one-line, binary and script-only inputs each get a clear error', async () => {
    const files = {
      'empty.html': Buffer.alloc(0),
      'blank.txt': Buffer.from('  \n\n  '),
      'one-line.txt': Buffer.from('hello world'),
      'random.bin': Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256)),
      'shell.html': Buffer.from('<html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>'),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tmp, name), bytes);
    const inputs = Object.keys(files).map((n) => join(tmp, n));
    const r = await run(['--jsonl', ...inputs]);
    expect(r.code).toBe(1); // every input failed
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input)).toEqual(inputs);
    for (const l of lines) {
      expect(l.text, l.input).toBeUndefined();
      expect(l.error, l.input).toMatch(/empty|binary|no article/);
    }
    expect(lines[3].error).toMatch(/binary/);
    // One good page among them: it is printed and the run succeeds.
    const mixed = await run(['--jsonl', inputs[3]!, join(PAGES, 'news-boilerplate/source.html')]);
    expect(mixed.code).toBe(0);
  });

  it('ends quietly when the reader closes the pipe', async () => {
    const inputs = Array.from({ length: 40 }, () => join(PAGES, 'news-boilerplate/source.html'));
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin/lede.js'), 'extract', '--jsonl', ...inputs], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // Like `| head -1`: read the first line, then close our end.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.code).toBe(0);
  });

  it('exits 1 when every input failed, 2 on bad options', async () => {
    const r = await run([join(tmp, 'nope.html')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toBeTruthy();
    expect((await run(['--bogus', SEED])).code).toBe(2);
  });

  describe('over HTTP', () => {
    let base = '';
    const server = createServer((req, res) => {
      if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(readFileSync(join(PAGES, 'news-boilerplate/source.html')));
      } else if (req.url === '/image.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.alloc(100));
      } else {
        res.writeHead(404).end();
      }
    });
    beforeAll(async () => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('fetches a URL and resolves links against it', async () => {
      const r = await run(['--jsonl', `${base}/article`, `${base}/image.png`, `${base}/gone`], { env: { LEDE_ALLOW_PRIVATE_NETWORKS: 'true' } });
      const [ok, image, gone] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(ok.title).toBe('Council approves new tram line');
      expect(ok.canonicalUrl).toBe(`${base}/news/council-approves-new-tram-line`);
      expect(image.error).toMatch(/not an HTML page|not a web page/);
      expect(gone.error).toBeTruthy();
    });
  });
});
