// Feeds out: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the latest articles, a story, a hashtag, an outlet
// and the daily briefing. Written by hand: each format is a few lines of XML/JSON over the same list of
// items, and the escaping is ours.
import type { Context } from 'hono';
import type { Env } from './context.ts';
import type { StoryId } from '../domain/types.ts';
import { LedeError } from '../domain/errors.ts';
import type { ArticleSummary } from '../store/repository.ts';
import { escapeHtml, seg, storedHashtag } from './text.ts';
import { listedAt } from './time.ts';
import { cached, idParam } from './pages/util.ts';
import { briefingFeed } from './pages/briefing.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';

/** One entry of a feed: an article, or a story of the briefing. */
export interface FeedItem {
  /** Path of the entry's page on Lede, e.g. `/article/12`. */
  path: string;
  /** The publisher's own address, when there is one. */
  externalUrl: string | null;
  title: string;
  summary: string;
  /** Richer content as HTML (the briefing's summary, differences and quotes), when there is more than the summary. */
  html?: string;
  date: string;
  author: string;
  image: string | null;
}

export interface FeedDoc {
  title: string;
  /** Path of the HTML page the feed follows, e.g. `/hashtag/Iran`. */
  path: string;
  description: string;
  items: FeedItem[];
}

export const articleItem = (a: ArticleSummary): FeedItem => ({
  path: `/article/${a.id}`, externalUrl: a.url, title: a.title, summary: a.snippet, date: listedAt(a), author: a.outlet, image: a.image,
});

const xml = escapeHtml;
const when = (a: FeedItem) => a.date;

export function renderFeed(doc: FeedDoc, format: FeedFormat, origin: string): { body: string; type: string } {
  const page = origin + (doc.path || '/');
  const self = `${origin}${doc.path}/feed.${format === 'rss' ? 'xml' : format}`;
  const link = (a: FeedItem) => `${origin}${a.path}`;
  const updated = doc.items.length ? when(doc.items[0]!) : new Date(0).toISOString();
  if (format === 'json') {
    return {
      type: 'application/feed+json; charset=utf-8',
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: doc.title, home_page_url: page, feed_url: self, description: doc.description,
        items: doc.items.map((a) => ({
          id: link(a), url: link(a), external_url: a.externalUrl ?? undefined, title: a.title, summary: a.summary,
          ...(a.html ? { content_html: a.html } : { content_text: a.summary }), image: a.image ?? undefined, date_published: when(a), authors: [{ name: a.author }],
        })),
      }),
    };
  }
  if (format === 'atom') {
    return {
      type: 'application/atom+xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${xml(doc.title)}</title>
<subtitle>${xml(doc.description)}</subtitle>
<id>${xml(page)}</id>
<link rel="alternate" type="text/html" href="${xml(page)}"/>
<link rel="self" type="application/atom+xml" href="${xml(self)}"/>
<updated>${updated}</updated>
<generator>Lede</generator>
${doc.items.map((a) => `<entry>
<id>${xml(link(a))}</id>
<title>${xml(a.title)}</title>
<link rel="alternate" type="text/html" href="${xml(link(a))}"/>
${a.externalUrl ? `<link rel="related" type="text/html" href="${xml(a.externalUrl)}"/>\n` : ''}<published>${when(a)}</published>
<updated>${when(a)}</updated>
<author><name>${xml(a.author)}</name></author>
<summary>${xml(a.summary)}</summary>
${a.html ? `<content type="html">${xml(a.html)}</content>\n` : ''}</entry>`).join('\n')}
</feed>
`,
    };
  }
  return {
    type: 'application/rss+xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xml(doc.title)}</title>
<link>${xml(page)}</link>
<description>${xml(doc.description)}</description>
<atom:link href="${xml(self)}" rel="self" type="application/rss+xml"/>
<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>
<generator>Lede</generator>
${doc.items.map((a) => `<item>
<title>${xml(a.title)}</title>
<link>${xml(link(a))}</link>
<guid isPermaLink="true">${xml(link(a))}</guid>
<pubDate>${new Date(when(a)).toUTCString()}</pubDate>
<dc:creator>${xml(a.author)}</dc:creator>
<source url="${xml(self)}">${xml(doc.title)}</source>
<description>${xml(a.html ?? a.summary)}</description>
</item>`).join('\n')}
</channel>
</rss>
`,
  };
}

export function originOf(c: Context<Env>): string {
  const base = c.get('web').config.baseUrl;
  return base ? base.replace(/\/+$/, '') : new URL(c.req.url).origin;
}

const FORMATS: Record<string, FeedFormat> = { xml: 'rss', atom: 'atom', json: 'json' };
const LIMIT = 50;

async function feedDoc(c: Context<Env>, scope: string, key: string): Promise<FeedDoc> {
  const { repo } = c.get('web');
  if (scope === 'home') {
    return { title: 'Lede: latest articles', path: '', description: 'The latest articles from every outlet.', items: (await repo.latestArticles({ limit: LIMIT })).items.map(articleItem) };
  }
  if (scope === 'story') {
    const id = idParam(key) as StoryId | null;
    const found = id ? await repo.getStory(id) : null;
    if (!found) throw new LedeError('not_found', 'No such story.');
    return { title: found.story.title, path: `/story/${id}`, description: `Coverage of “${found.story.title}” from ${found.story.outlets.length} outlets.`, items: found.articles.slice(0, LIMIT).map(articleItem) };
  }
  if (scope === 'briefing') return briefingFeed(c);
  if (scope === 'hashtag') {
    return { title: `#${key} on Lede`, path: `/hashtag/${seg(key)}`, description: `Articles tagged #${key}.`, items: (await repo.latestArticles({ limit: LIMIT, hashtag: storedHashtag(key) })).items.map(articleItem) };
  }
  return { title: `${key} on Lede`, path: `/outlet/${seg(key)}`, description: `Articles from ${key}.`, items: (await repo.latestArticles({ limit: LIMIT, outlet: key })).items.map(articleItem) };
}

/** Handler for `…/feed.{xml,atom,json}` under the scope's page. */
export function feedHandler(scope: 'home' | 'story' | 'hashtag' | 'outlet' | 'briefing', param?: string) {
  return async (c: Context<Env>): Promise<Response> => {
    const ext = (c.req.path.split('.').pop() ?? '').toLowerCase();
    const format = FORMATS[ext];
    if (!format) throw new LedeError('not_found', 'Feeds are feed.xml (RSS), feed.atom (Atom) or feed.json (JSON Feed).');
    const key = param ? (c.req.param(param) ?? '') : '';
    const origin = originOf(c);
    const out = await cached(c, `feed:${scope}:${key}:${format}:${origin}`, async () => renderFeed(await feedDoc(c, scope, key), format, origin));
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(out.body, 200, { 'Content-Type': out.type });
  };
}
