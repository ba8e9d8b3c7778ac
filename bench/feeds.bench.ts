// Feed parsing and fetching costs of the fetch/feeds stages, each against a baseline in the same process:
// parseFeed (decode, DOCTYPE strip, adapters, sanitising) against feedsmith's bare parse; the guarded,
// polite fetcher against a bare undici request over loopback.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzipSync } from 'node:zlib';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { request } from 'undici';
import { createFetcher } from '../src/pipeline/fetch/index.ts';
import { parseFeed } from '../src/pipeline/feeds/index.ts';
import { median, withPeakMemory, type BenchTable } from './table.ts';

const N_ITEMS = 200;
const gunzip = promisify(gunzipCb);
const para = 'The council voted on Tuesday to approve the new terminal, which will open next year &amp; serve 2,000 passengers a day. ';
const body = (i: number) => `<p>${para.repeat(6)}</p><p><img src="/img/${i}.jpg"> <a href="/more/${i}">More</a></p>`;

function rss(): string {
  const items = Array.from({ length: N_ITEMS }, (_, i) => `<item><title>Story ${i} &amp; more</title><link>https://bench.example/s/${i}</link><guid>bench-${i}</guid><pubDate>Tue, 05 Mar 2024 09:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate><dc:creator>Writer ${i % 7}</dc:creator><category>News</category><description><![CDATA[${para}]]></description><content:encoded><![CDATA[${body(i)}]]></content:encoded><media:content url="https://cdn.bench.example/${i}.jpg" medium="image"/></item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Bench</title><link>https://bench.example/</link>${items}</channel></rss>`;
}
function atom(): string {
  const entries = Array.from({ length: N_ITEMS }, (_, i) => `<entry><id>tag:bench,${i}</id><title>Story ${i}</title><link href="/s/${i}"/><updated>2024-03-05T09:00:00Z</updated><author><name>Writer</name></author><summary>${para}</summary><content type="html">${body(i).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</content></entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title><link href="https://bench.example/"/>${entries}</feed>`;
}
function json(): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Bench',
    home_page_url: 'https://bench.example/',
    items: Array.from({ length: N_ITEMS }, (_, i) => ({ id: `b${i}`, url: `/s/${i}`, title: `Story ${i}`, content_html: body(i), date_published: '2024-03-05T09:00:00Z', tags: ['News'] })),
  });
}
function billionLaughs(): string {
  let ents = '<!ENTITY l0 "lol">';
  for (let i = 1; i < 10; i++) ents += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE r [${ents}]><rss version="2.0"><channel><title>&l9;</title>${Array.from({ length: N_ITEMS }, (_, i) => `<item><title>&l9; ${i}</title><link>https://x.example/${i}</link></item>`).join('')}</channel></rss>`;
}

function time(fn: () => void, runs: number): number {
  fn(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

async function parsing(): Promise<BenchTable> {
  const runs = 15;
  const docs: [string, string][] = [['RSS 2.0', rss()], ['Atom 1.0', atom()], ['JSON Feed 1.1', json()]];
  const rows: (string | number)[][] = [];
  for (const [name, text] of docs) {
    const buf = Buffer.from(text);
    const base = time(() => feedsmithParse(name.startsWith('JSON') ? JSON.parse(text) : text), runs);
    const ours = time(() => parseFeed(buf, { url: 'https://bench.example/feed' }), runs);
    rows.push([name, (buf.length / 1024).toFixed(0), base, ours, (ours / base).toFixed(2) + '×', Math.round((N_ITEMS / ours) * 1000)]);
  }
  const laughs = Buffer.from(billionLaughs());
  const laughsText = laughs.toString();
  const laughsBase = time(() => feedsmithParse(laughsText), runs);
  const laughsOurs = time(() => parseFeed(laughs), runs);
  rows.push(['billion laughs (RSS)', (laughs.length / 1024).toFixed(0), laughsBase, laughsOurs, (laughsOurs / laughsBase).toFixed(2) + '×', Math.round((N_ITEMS / laughsOurs) * 1000)]);
  return {
    title: `Feed parsing, ${N_ITEMS} items per feed (median of ${runs} runs)`,
    columns: ['feed', 'KiB', 'feedsmith alone ms', 'parseFeed ms', 'ratio', 'items/s'],
    rows,
    notes: ['parseFeed adds charset decoding, DOCTYPE stripping, date parsing, URL resolution and HTML sanitising to the bare parse.', 'The billion-laughs row shows the hostile DTD costs nothing: parseFeed strips it, entity references stay literal text.'],
  };
}

async function fetching(): Promise<BenchTable> {
  const payload = gzipSync(rss());
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', etag: '"b"' });
    res.end(payload);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const requests = 200;
  const runs = 5;
  const rawRuns: number[] = [];
  const oursRuns: number[] = [];
  let peak = 0;
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    const pool = async (one: () => Promise<unknown>) => {
      let next = 0;
      await Promise.all([0, 1].map(async () => { while (next++ < requests) await one(); }));
    };
    await pool(async () => gunzip(Buffer.from(await (await request(url, { headers: { 'accept-encoding': 'gzip' } })).body.arrayBuffer())));
    rawRuns.push(performance.now() - t0);
    const fetcher = createFetcher({ allowPrivateNetworks: false, allowAddress: ({ address }) => address === '127.0.0.1', minDelayMs: 0, perHostConcurrency: 2 });
    t0 = performance.now();
    const { peakMiB } = await withPeakMemory(() => pool(() => fetcher.get(url, { kind: 'feed' })));
    oursRuns.push(performance.now() - t0);
    peak = Math.max(peak, peakMiB);
    await fetcher.close();
  }
  server.close();
  const raw = median(rawRuns);
  const ours = median(oursRuns);
  return {
    title: `Fetching a ${(payload.length / 1024).toFixed(0)} KiB gzipped feed ${requests} times over loopback, 2 in flight (median of ${runs} runs)`,
    columns: ['client', 'requests/s', 'ms per request', 'ratio'],
    rows: [
      ['bare undici request + gunzip', Math.round((requests / raw) * 1000), raw / requests, '1.00×'],
      ['createFetcher().get (guard, limiter, gunzip, caps)', Math.round((requests / ours) * 1000), ours / requests, (ours / raw).toFixed(2) + '×'],
    ],
    notes: [`Peak RSS during the fetcher runs: ${peak.toFixed(0)} MiB.`],
  };
}

export default async (): Promise<BenchTable[]> => [await parsing(), await fetching()];
