// The demo newswire: a small HTTP server on loopback that serves the bundled corpus the way publishers
// do — a home page per outlet that names its feed (<link rel="alternate">), the feed itself (RSS 2.0, Atom
// 1.0 or JSON Feed 1.1), the article pages, robots.txt, conditional GET (ETag / Last-Modified → 304) and
// gzip. `lede demo`, the ingest tests and the ingest bench read it through the real pipeline over HTTP.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { loadDemoCorpus, publishedAt, readPage, type DemoCorpus, type DemoItem, type DemoOutlet } from './corpus.ts';

export interface NewswireOptions {
  host?: string;
  /** 0 (default) for an ephemeral port. */
  port?: number;
  corpus?: DemoCorpus;
  /** Delay before each article page is answered (a slow publisher, for interruption tests). */
  pageDelayMs?: number;
  /** Base time of the items given in hours ago (default: now). */
  startedAt?: Date;
}

export interface NewswireOutlet {
  name: string;
  homeUrl: string;
  feedUrl: string;
  format: DemoOutlet['format'];
  language: string | null;
  country: string | null;
  items: number;
}

export interface Newswire {
  url: string;
  outlets: NewswireOutlet[];
  /** Every request served so far, by path (tests count fetches with it). */
  requests: Map<string, number>;
  close(): Promise<void>;
}

const FEED_PATHS: Record<DemoOutlet['format'], { path: string; type: string }> = {
  rss: { path: 'feed.xml', type: 'application/rss+xml; charset=utf-8' },
  atom: { path: 'atom.xml', type: 'application/atom+xml; charset=utf-8' },
  json: { path: 'feed.json', type: 'application/feed+json; charset=utf-8' },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startNewswire(opts: NewswireOptions = {}): Promise<Newswire> {
  const corpus = opts.corpus ?? loadDemoCorpus();
  const startedAt = opts.startedAt ?? new Date();
  const requests = new Map<string, number>();
  let base = '';

  const itemUrl = (o: DemoOutlet, i: DemoItem) => `${base}/${o.slug}/articles/${i.slug}`;
  // Newest first, as feeds list them.
  const itemsOf = (o: DemoOutlet) => [...o.items].sort((a, b) => publishedAt(b, startedAt).getTime() - publishedAt(a, startedAt).getTime());

  function feedBody(o: DemoOutlet): string {
    const home = `${base}${o.home}`;
    const self = `${home}${FEED_PATHS[o.format].path}`;
    const items = itemsOf(o);
    const updated = items.length ? publishedAt(items[0]!, startedAt) : startedAt;
    if (o.format === 'json') {
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: o.name, home_page_url: home, feed_url: self, language: o.language ?? undefined,
        items: items.map((i) => ({
          id: itemUrl(o, i), url: itemUrl(o, i), title: i.title, summary: i.summary, content_text: i.summary,
          date_published: publishedAt(i, startedAt).toISOString(), authors: i.author ? [{ name: i.author }] : undefined,
        })),
      }, null, 1);
    }
    if (o.format === 'atom') {
      return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${o.language ? ` xml:lang="${esc(o.language)}"` : ''}>
  <title>${esc(o.name)}</title>
  <link rel="alternate" href="${esc(home)}"/>
  <link rel="self" href="${esc(self)}"/>
  <id>${esc(home)}</id>
  <updated>${updated.toISOString()}</updated>
${items.map((i) => `  <entry>
    <title>${esc(i.title)}</title>
    <link rel="alternate" href="${esc(itemUrl(o, i))}"/>
    <id>${esc(itemUrl(o, i))}</id>
    <published>${publishedAt(i, startedAt).toISOString()}</published>
    <updated>${publishedAt(i, startedAt).toISOString()}</updated>
${i.author ? `    <author><name>${esc(i.author)}</name></author>\n` : ''}    <summary>${esc(i.summary)}</summary>
  </entry>`).join('\n')}
</feed>
`;
    }
    return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${esc(o.name)}</title>
    <link>${esc(home)}</link>
    <atom:link href="${esc(self)}" rel="self" type="application/rss+xml"/>
    <description>Latest from ${esc(o.name)}</description>
${o.language ? `    <language>${esc(o.language)}</language>\n` : ''}    <lastBuildDate>${updated.toUTCString()}</lastBuildDate>
${items.map((i) => `    <item>
      <title>${esc(i.title)}</title>
      <link>${esc(itemUrl(o, i))}</link>
      <guid isPermaLink="true">${esc(itemUrl(o, i))}</guid>
      <pubDate>${publishedAt(i, startedAt).toUTCString()}</pubDate>
${i.author ? `      <dc:creator>${esc(i.author)}</dc:creator>\n` : ''}      <description>${esc(i.summary)}</description>
    </item>`).join('\n')}
  </channel>
</rss>
`;
  }

  function homeBody(o: DemoOutlet): string {
    const feed = FEED_PATHS[o.format];
    return `<!DOCTYPE html><html lang="${esc(o.language ?? 'en')}"><head><meta charset="utf-8"><title>${esc(o.name)}</title>
<link rel="alternate" type="${feed.type.split(';')[0]}" title="${esc(o.name)}" href="${esc(`${base}${o.home}${feed.path}`)}">
</head><body><h1>${esc(o.name)}</h1><ul>
${itemsOf(o).map((i) => `<li><a href="${esc(itemUrl(o, i))}">${esc(i.title)}</a></li>`).join('\n')}
</ul></body></html>`;
  }

  function indexBody(): string {
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Lede demo newswire</title></head><body>
<h1>Lede demo newswire</h1><ul>
${corpus.outlets.map((o) => `<li><a href="${esc(`${base}${o.home}`)}">${esc(o.name)}</a> (${o.format}, ${o.items.length})</li>`).join('\n')}
</ul></body></html>`;
  }

  const send = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, lastModified?: Date) => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const etag = `"${createHash('sha1').update(buf).digest('base64url').slice(0, 20)}"`;
    const headers: Record<string, string> = { 'content-type': type, etag, 'cache-control': 'max-age=60' };
    if (lastModified) headers['last-modified'] = lastModified.toUTCString();
    const since = req.headers['if-modified-since'];
    const fresh = req.headers['if-none-match'] === etag
      || (!req.headers['if-none-match'] && since && lastModified && Date.parse(since) >= Math.floor(lastModified.getTime() / 1000) * 1000);
    if (status === 200 && fresh) {
      res.writeHead(304, headers).end();
      return;
    }
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && buf.length > 1024) {
      res.writeHead(status, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gzipSync(buf));
      return;
    }
    res.writeHead(status, headers).end(buf);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    void handle(req, res, path).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (path === '/robots.txt') return send(req, res, 200, 'text/plain; charset=utf-8', 'User-agent: *\nAllow: /\n');
    if (path === '/') return send(req, res, 200, 'text/html; charset=utf-8', indexBody());
    const [slug, kind, itemSlug] = path.split('/').filter(Boolean);
    const outlet = corpus.outlets.find((o) => o.slug === slug);
    if (!outlet) return send(req, res, 404, 'text/plain; charset=utf-8', 'not found');
    if (kind === undefined) return send(req, res, 200, 'text/html; charset=utf-8', homeBody(outlet));
    if (kind === FEED_PATHS[outlet.format].path && itemSlug === undefined) {
      const newest = itemsOf(outlet)[0];
      return send(req, res, 200, FEED_PATHS[outlet.format].type, feedBody(outlet), newest ? publishedAt(newest, startedAt) : startedAt);
    }
    const item = kind === 'articles' ? outlet.items.find((i) => i.slug === itemSlug) : undefined;
    if (!item) return send(req, res, 404, 'text/plain; charset=utf-8', 'not found');
    if (opts.pageDelayMs) await new Promise((r) => setTimeout(r, opts.pageDelayMs));
    return send(req, res, 200, item.contentType, readPage(item), publishedAt(item, startedAt));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  base = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;

  return {
    url: base,
    requests,
    outlets: corpus.outlets.map((o) => ({
      name: o.name, homeUrl: `${base}${o.home}`, feedUrl: `${base}${o.home}${FEED_PATHS[o.format].path}`, format: o.format,
      language: o.language, country: o.country ?? null, items: o.items.length,
    })),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
