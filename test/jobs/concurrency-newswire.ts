// A loopback newswire for the multi-worker tests and the PostgreSQL bench: O outlets, each with one RSS
// feed of many items and short article pages; stories of 1–4 articles from different outlets sharing
// their own invented names; and planted copies (one outlet republishing another's article word for word,
// like a wire story). Generated from a seed, so two runs serve the same wire. Counts every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WireArticle {
  id: number;
  outlet: number;
  story: number;
  title: string;
  paragraphs: string[];
  published: string;
}

export interface WireCopy {
  /** The article copied. */
  of: number;
  outlet: number;
}

export interface Newswire {
  url: string;
  outlets: number;
  articles: WireArticle[];
  copies: WireCopy[];
  feedUrl(outlet: number): string;
  homeUrl(outlet: number): string;
  outletName(outlet: number): string;
  /** Requests per path since start (or the last reset). */
  requests: Map<string, number>;
  resetCounts(): void;
  close(): Promise<void>;
}

export interface NewswireOptions {
  articles: number;
  outlets: number;
  /** Share of articles republished by one other outlet. */
  copyShare?: number;
  seed?: number;
  /** Delay before answering an article page, ms (to keep a worker busy when killing it). */
  pageDelayMs?: number;
  /** Paragraphs per article (of two sentences each); default 3. Fewer make a faster wire. */
  paragraphs?: number;
}

/** A seeded generator (mulberry32): the same wire for the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mer', 'tan', 'vi', 'sor', 'de', 'lun', 'pra', 'gel', 'to', 'ris', 'van', 'mo', 'shel', 'tur', 'ab', 'en', 'quo', 'dri', 'fen', 'hal', 'ni', 'pas', 'rel', 'sta', 'um', 'wen', 'ys', 'zor'];
const GLUE = ['the', 'and', 'of', 'to', 'in', 'a', 'on', 'for', 'with', 'at', 'by', 'from', 'said', 'after', 'was', 'were', 'has', 'will'];

export function generateWire(opts: NewswireOptions): { articles: WireArticle[]; copies: WireCopy[] } {
  const rand = rng(opts.seed ?? 7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const word = (n = 2 + Math.floor(rand() * 2)) => Array.from({ length: n }, () => pick(SYLLABLES)).join('');
  const vocabulary = Array.from({ length: 4000 }, () => word());
  const name = () => { const w = word(3); return w[0]!.toUpperCase() + w.slice(1); };
  const sentence = (storyWords: string[]) => {
    const n = 12 + Math.floor(rand() * 8);
    const words = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? pick(storyWords) : i % 3 === 1 ? pick(vocabulary) : pick(GLUE)));
    const s = words.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  };

  const articles: WireArticle[] = [];
  const t0 = Date.parse('2026-05-01T00:00:00Z');
  let story = 0;
  while (articles.length < opts.articles) {
    const size = Math.min(opts.articles - articles.length, 1 + Math.floor(rand() * 4));
    const names = Array.from({ length: 10 }, name);
    const first = Math.floor(rand() * opts.outlets);
    for (let k = 0; k < size; k++) {
      const id = articles.length;
      articles.push({
        id,
        outlet: (first + k) % opts.outlets, // a story's articles come from different outlets
        story,
        title: `${names[0]} ${pick(GLUE)} ${names[1]} ${pick(vocabulary)} ${names[2 + (k % 3)]} ${pick(vocabulary)}`,
        paragraphs: Array.from({ length: opts.paragraphs ?? 3 }, () => `${sentence(names)} ${sentence(names)}`),
        published: new Date(t0 + story * 60_000 + k * 1000).toISOString(),
      });
    }
    story++;
  }
  const copies: WireCopy[] = [];
  const share = opts.copyShare ?? 0.1;
  const step = Math.max(1, Math.round(1 / share));
  for (let i = 0; i < articles.length && share > 0; i += step) {
    const a = articles[i]!;
    copies.push({ of: a.id, outlet: (a.outlet + 1 + Math.floor(rand() * (opts.outlets - 1))) % opts.outlets });
  }
  return { articles, copies };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startNewswire(opts: NewswireOptions): Promise<Newswire> {
  const { articles, copies } = generateWire(opts);
  const outletName = (o: number) => `Outlet ${String(o).padStart(2, '0')}`;
  // Each outlet's feed: its own articles and the copies it carries, newest first.
  const entries: { article: WireArticle; path: string }[][] = Array.from({ length: opts.outlets }, () => []);
  for (const a of articles) entries[a.outlet]!.push({ article: a, path: `/o${a.outlet}/a/${a.id}.html` });
  for (const c of copies) entries[c.outlet]!.push({ article: articles[c.of]!, path: `/o${c.outlet}/copy/${c.of}.html` });
  const pages = new Map<string, { article: WireArticle; outlet: number }>();
  entries.forEach((list, o) => list.forEach((e) => pages.set(e.path, { article: e.article, outlet: o })));

  const requests = new Map<string, number>();
  let base = '';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const feed = /^\/feeds\/o(\d+)\.xml$/.exec(path);
    if (feed) {
      const o = Number(feed[1]);
      if (o >= opts.outlets) return void res.writeHead(404).end();
      const items = entries[o]!.map((e) => `<item><title>${esc(e.article.title)}</title><link>${base}${e.path}</link>` +
        `<guid isPermaLink="true">${base}${e.path}</guid><pubDate>${new Date(e.article.published).toUTCString()}</pubDate>` +
        `<description>${esc(e.article.paragraphs[0]!.slice(0, 120))}</description></item>`).join('\n');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return void res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${outletName(o)}</title>` +
        `<link>${base}/o${o}/</link><description>News from ${outletName(o)}</description>\n${items}\n</channel></rss>`);
    }
    const page = pages.get(path);
    if (page) {
      const a = page.article;
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${outletName(page.outlet)}</title>` +
        `<meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${outletName(page.outlet)}">` +
        `<meta property="article:published_time" content="${a.published}"></head><body><header><a href="/o${page.outlet}/">${outletName(page.outlet)}</a></header>` +
        `<article><h1>${esc(a.title)}</h1>${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</article><footer>© ${outletName(page.outlet)}</footer></body></html>`;
      const send = () => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(body); };
      return void (opts.pageDelayMs ? setTimeout(send, opts.pageDelayMs) : send());
    }
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('User-agent: *\nAllow: /\n');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    outlets: opts.outlets,
    articles,
    copies,
    feedUrl: (o) => `${base}/feeds/o${o}.xml`,
    homeUrl: (o) => `${base}/o${o}/`,
    outletName,
    requests,
    resetCounts: () => requests.clear(),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
