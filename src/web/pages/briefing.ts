// /briefing: the day's top stories by coverage and growth, each with its summary across outlets, the
// differences between the outlets' copies and accounts, and the key quotes; and the same as feeds
// (/briefing/feed.xml, .atom, .json). A signed-in reader who follows something gets the stories of what they
// follow (everyone's with ?everyone=1, or when nothing they follow grew in the day); feeds are everyone's.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { followedBy, loadBriefing, type Briefing, type BriefingItem } from '../briefing.ts';
import type { FeedDoc, FeedItem } from '../feeds.ts';
import { currentLocale, t } from '../i18n/index.ts';
import { headlineFor, isolate, tIsolated } from '../views/bidi.ts';
import { html, raw, render, type Html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { feedLinks, timeEl } from '../views/parts.ts';
import { differenceItem, keyQuoteList } from '../views/intelligence.ts';
import { summaryFor } from './story.ts';
import { cached, now } from './util.ts';

const KEY_QUOTES = 2;

/** Everyone's briefing: the whole day's, read once per fragment lifetime. */
function briefing(c: Context<Env>): Promise<Briefing> {
  const { repo } = c.get('web');
  return cached(c, 'briefing:data', () => loadBriefing(repo, now(c)));
}

type Whose = 'everyone' | 'yours' | 'nothing-followed-grew';

/** The briefing this request shows, and whose it is. */
async function briefingFor(c: Context<Env>): Promise<{ b: Briefing; whose: Whose; follows: boolean }> {
  const me = c.get('account');
  const { repo, reader } = c.get('web');
  const follows = !!me && (await repo.listFollows(me.id)).length > 0;
  if (!me || !follows || c.req.query('everyone') !== undefined) return { b: await briefing(c), whose: 'everyone', follows };
  const mine = await cached(c, `briefing:data:a${me.id}`, () => loadBriefing(repo, now(c), followedBy(reader, me)));
  if (mine.items.length) return { b: mine, whose: 'yours', follows };
  return { b: await briefing(c), whose: 'nothing-followed-grew', follows };
}

function whoseNote(whose: Whose, follows: boolean): Html | string {
  if (whose === 'yours') return html`<p class="meta">${t('briefing.yours')} · <a href="/briefing?everyone=1">${t('briefing.everyoneLink')}</a></p>`;
  if (whose === 'nothing-followed-grew') return html`<p class="meta">${t('briefing.nothingFollowedGrew')}</p>`;
  return follows ? html`<p class="meta"><a href="/briefing">${t('briefing.yoursLink')}</a></p>` : '';
}

/** The highlights under each copy or account they describe, in the order of their first highlight. */
function highlights(item: BriefingItem): Html | string {
  if (!item.highlights.length) return '';
  const groups = new Map<string, BriefingItem['highlights']>();
  for (const h of item.highlights) {
    const key = `${h.copy ? 'copy' : 'own'}:${h.outlet}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return html`<ul class="differences">${[...groups.values()].map((hs) => html`<li class="highlight"><strong>${hs[0]!.copy ? tIsolated('story.copyBy', { outlet: hs[0]!.outlet }) : isolate(hs[0]!.outlet, currentLocale())}</strong><ul>${hs.map((h) => differenceItem(h.difference))}</ul></li>`)}</ul>`;
}

function storyBlock(item: BriefingItem, n: number, at: Date): Html {
  const { story, analysis } = item;
  const first = analysis.coverage.first;
  return html`<li class="briefing-story" id="story-${story.storyId}">
  <h2 id="b-${n}" dir="auto"><a href="/story/${story.storyId}">${headlineFor(story.title, analysis.articles.map((a) => a.title), currentLocale())}</a></h2>
  <p class="meta">${t('briefing.growth', { outlets: story.stats.outlets, today: story.today })}${first ? html` · ${tIsolated('story.firstReported', { outlet: first.outlet })} ${timeEl(first.at, at)}` : ''}</p>
  ${summaryFor(analysis).length ? html`<ul class="summary">${summaryFor(analysis).map((s) => html`<li dir="auto">${s}</li>`)}</ul>` : ''}
  ${item.highlights.length ? html`<h3>${t('briefing.differences')}</h3>${highlights(item)}` : ''}
  ${analysis.keyQuotes.length ? html`<h3>${t('story.keyQuotes')}</h3>${keyQuoteList(analysis.keyQuotes.slice(0, KEY_QUOTES))}` : ''}
  <p><a href="/story/${story.storyId}">${t('briefing.more')}</a></p>
</li>`;
}

export async function briefingPage(c: Context<Env>): Promise<Response> {
  const at = now(c);
  const { b, whose, follows } = await briefingFor(c);
  const me = c.get('account');
  const key = whose === 'yours' ? `briefing:page:a${me!.id}` : `briefing:page:${whose}:${follows}`;
  const main = await cached(c, key, async () => {
    return render(html`<section class="briefing" aria-labelledby="h-briefing">
<header class="list-head"><h1 id="h-briefing">${t('briefing.heading')}</h1>${feedLinks('/briefing')}</header>
<p class="meta">${t('briefing.description')}</p>
${whoseNote(whose, follows)}
${b.items.length ? html`<ol class="briefing-list">${b.items.map((item, i) => storyBlock(item, i, at))}</ol>` : html`<p class="empty">${t('briefing.empty')}</p>`}
</section>`);
  });
  return c.html(layout(c, { title: t('briefing.title'), description: t('briefing.description'), feeds: { base: '/briefing', title: t('briefing.heading') } }, raw(main)));
}

/** The briefing as a feed: one entry per story, its content the summary, the differences and the key quotes. */
export async function briefingFeed(c: Context<Env>): Promise<FeedDoc> {
  const b = await briefing(c);
  const items: FeedItem[] = await Promise.all(b.items.map(async (item): Promise<FeedItem> => {
    const summary = summaryFor(item.analysis);
    const content = await render(html`${summary.length ? html`<ul>${summary.map((s) => html`<li>${s}</li>`)}</ul>` : ''}${item.highlights.length ? html`<h3>${t('briefing.differences')}</h3>${highlights(item)}` : ''}${item.analysis.keyQuotes.length ? html`<h3>${t('story.keyQuotes')}</h3>${keyQuoteList(item.analysis.keyQuotes.slice(0, KEY_QUOTES))}` : ''}`);
    return {
      path: `/story/${item.story.storyId}`, externalUrl: null, title: item.story.title, summary: summary.join(' ') || item.story.title, html: content,
      date: item.story.lastSeen, author: item.analysis.coverage.outlets.map((o) => o.name).slice(0, 5).join(', '), image: null,
    };
  }));
  return { title: `Lede: ${t('briefing.heading')}`, path: '/briefing', description: t('briefing.description'), items };
}

