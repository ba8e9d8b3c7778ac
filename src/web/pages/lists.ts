// Hashtag and outlet pages: the latest articles with that hashtag or from that outlet, with feeds.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { imageSrc } from '../images.ts';
import { html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { articleCard, cursorPager, feedLinks } from '../views/parts.ts';
import { bareHashtag, seg, storedHashtag } from '../text.ts';
import { now } from './util.ts';
import { followControl } from './my.ts';

const PAGE = 25;

export async function hashtagPage(c: Context<Env>): Promise<Response> {
  const tag = bareHashtag(c.req.param('tag') ?? '');
  const cursor = c.req.query('cursor') ?? null;
  const page = await c.get('web').repo.latestArticles({ limit: PAGE, cursor, hashtag: storedHashtag(tag) });
  const t = now(c);
  const base = `/hashtag/${seg(tag)}`;
  return c.html(layout(c, { title: `#${tag}`, description: `Articles tagged #${tag}`, feeds: { base, title: `#${tag} on Lede` } }, html`
<header class="list-head"><h1>#${tag}</h1>${await followControl(c, 'hashtag', storedHashtag(tag), `#${tag}`)}${feedLinks(base)}</header>
<p><a href="/search?hashtag=${encodeURIComponent(tag)}&amp;q=">Search within #${tag}</a></p>
<div class="list">${page.items.map((a) => articleCard(a, t, { image: (src) => imageSrc(c, src), headingLevel: 2 }))}</div>
${page.items.length ? '' : html`<p class="empty">No articles with this hashtag${cursor ? ' before this point' : ''}.</p>`}
${cursorPager(base, page.next)}`), page.items.length || cursor ? 200 : 404);
}

export async function outletPage(c: Context<Env>): Promise<Response> {
  const outlet = c.req.param('name') ?? '';
  const cursor = c.req.query('cursor') ?? null;
  const { repo } = c.get('web');
  const [page, source] = await Promise.all([repo.latestArticles({ limit: PAGE, cursor, outlet }), repo.findSourceByName(outlet)]);
  const t = now(c);
  const base = `/outlet/${seg(outlet)}`;
  return c.html(layout(c, { title: outlet, description: `Articles from ${outlet}`, feeds: { base, title: `${outlet} on Lede` } }, html`
<header class="list-head"><h1>${outlet}</h1>
${source ? html`<p class="meta"><a href="${source.homeUrl}" rel="noopener">${source.homeUrl}</a>${source.language ? ` · ${source.language}` : ''}${source.country ? ` · ${source.country}` : ''}</p>` : ''}
${await followControl(c, 'outlet', outlet, outlet)}${feedLinks(base)}</header>
<div class="list">${page.items.map((a) => articleCard(a, t, { image: (src) => imageSrc(c, src), headingLevel: 2 }))}</div>
${page.items.length ? '' : html`<p class="empty">No articles from this outlet${cursor ? ' before this point' : ''}.</p>`}
${cursorPager(base, page.next)}`), page.items.length || cursor || source ? 200 : 404);
}
