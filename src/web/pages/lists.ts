// Hashtag and outlet pages: the latest articles with that hashtag or from that outlet, with feeds; the
// outlet page also shows what the outlet registry knows of it and its coverage (own texts, copies, firsts).
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { imageSrc } from '../images.ts';
import { html, type Html } from '../views/html.ts';
import { countryName, languageName, t as msg } from '../i18n/index.ts';
import { layout } from '../views/layout.ts';
import { articleCard, cursorPager, feedLinks } from '../views/parts.ts';
import { bareHashtag, seg, storedHashtag } from '../text.ts';
import { cached, now } from './util.ts';
import { followControl } from './my.ts';
import { tIsolated } from '../views/bidi.ts';

const PAGE = 25;

export async function hashtagPage(c: Context<Env>): Promise<Response> {
  const tag = bareHashtag(c.req.param('tag') ?? '');
  const cursor = c.req.query('cursor') ?? null;
  const page = await c.get('web').repo.latestArticles({ limit: PAGE, cursor, hashtag: storedHashtag(tag) });
  const t = now(c);
  const base = `/hashtag/${seg(tag)}`;
  return c.html(layout(c, { title: `#${tag}`, description: msg('list.tagged', { tag: `#${tag}` }), feeds: { base, title: msg('list.onLede', { name: `#${tag}` }) } }, html`
<header class="list-head"><h1><bdi>#${tag}</bdi></h1>${await followControl(c, 'hashtag', storedHashtag(tag), `#${tag}`)}${feedLinks(base)}</header>
<p><a href="/search?hashtag=${encodeURIComponent(tag)}&amp;q=">${tIsolated('list.searchWithin', { tag: `#${tag}` })}</a></p>
<div class="list">${page.items.map((a) => articleCard(a, t, { image: (src) => imageSrc(c, src), headingLevel: 2 }))}</div>
${page.items.length ? '' : html`<p class="empty">${msg('list.noTagged', { before: cursor ? 'yes' : 'no' })}</p>`}
${cursorPager(base, page.next)}`), page.items.length || cursor ? 200 : 404);
}

export async function outletPage(c: Context<Env>): Promise<Response> {
  const outlet = c.req.param('name') ?? '';
  const cursor = c.req.query('cursor') ?? null;
  const { repo } = c.get('web');
  const [page, source, registered, coverage] = await Promise.all([
    repo.latestArticles({ limit: PAGE, cursor, outlet }), repo.findSourceByName(outlet), repo.getOutlet(outlet),
    cached(c, `outlet-coverage:${outlet}`, () => repo.outletCoverage(outlet)),
  ]);
  const t = now(c);
  const base = `/outlet/${seg(outlet)}`;
  const home = registered?.homeUrl ?? source?.homeUrl ?? null;
  const row = (label: string, value: Html | string | null) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : '');
  return c.html(layout(c, { title: outlet, description: msg('list.from', { outlet }), feeds: { base, title: msg('list.onLede', { name: outlet }) } }, html`
<header class="list-head"><h1 dir="auto">${outlet}</h1>
${await followControl(c, 'outlet', outlet, outlet)}${feedLinks(base)}</header>
${registered || source ? html`<section aria-labelledby="h-registry" class="registry"><h2 id="h-registry">${msg('outlet.registry')}</h2><dl class="facts">
  ${row(msg('outlet.kind'), registered ? msg('story.kind', { kind: registered.kind }) : null)}
  ${row(msg('outlet.country'), (registered?.country ?? source?.country) ? countryName((registered?.country ?? source?.country)!) : null)}
  ${row(msg('outlet.language'), (registered?.language ?? source?.language) ? languageName((registered?.language ?? source?.language)!) : null)}
  ${row(msg('outlet.owner'), registered?.owner ?? null)}
  ${row(msg('outlet.home'), home ? html`<a href="${home}" rel="noopener">${home}</a>` : null)}
</dl></section>` : ''}
${coverage.articles ? html`<section aria-labelledby="h-outlet-cov"><h2 id="h-outlet-cov">${msg('outlet.coverage')}</h2><p class="outlet-counts">${msg('outlet.counts', { ...coverage })}</p></section>` : ''}
<div class="list">${page.items.map((a) => articleCard(a, t, { image: (src) => imageSrc(c, src), headingLevel: 2 }))}</div>
${page.items.length ? '' : html`<p class="empty">${msg('list.noFrom', { before: cursor ? 'yes' : 'no' })}</p>`}
${cursorPager(base, page.next)}`), page.items.length || cursor || source || registered ? 200 : 404);
}
