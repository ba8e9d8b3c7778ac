// Home (top stories, latest articles, trending hashtags), the latest list, the hashtag and outlet indexes.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { imageSrc } from '../images.ts';
import type { Story } from '../../domain/types.ts';
import type { ArticleSummary, TrendingHashtag } from '../../store/repository.ts';
import { html, raw, type Html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { articleCard, cursorPager, feedLinks, hashtagText, storyLine, timeEl } from '../views/parts.ts';
import { bareHashtag, seg, snippet } from '../text.ts';
import { daysAgo, fragment, now } from './util.ts';
import { around, currentLocale, t as msg } from '../i18n/index.ts';
import { headlineFor } from '../views/bidi.ts';

/**
 * Top stories of the last two days and, on a quiet instance (or an old corpus), earlier ones to fill the
 * page: apart, under their own heading, so a story last updated years ago is never shown as a top story.
 */
export async function topStoriesWithEarlier(c: Context<Env>, limit: number): Promise<{ recent: Story[]; earlier: Story[] }> {
  const { repo } = c.get('web');
  const recent = await repo.topStories({ limit, since: daysAgo(now(c), 2) });
  if (recent.length >= limit) return { recent, earlier: [] };
  const ids = new Set(recent.map((s) => s.id));
  const earlier = (await repo.topStories({ limit: limit * 2 })).filter((s) => !ids.has(s.id)).slice(0, limit - recent.length);
  return { recent, earlier };
}

/** Hashtags trending this week; on a quiet week (fewer than five), the most used of all time, said so. */
export async function trendingWithFallback(c: Context<Env>, limit: number): Promise<{ items: TrendingHashtag[]; allTime: boolean }> {
  const { repo } = c.get('web');
  const recent = await repo.trendingHashtags(daysAgo(now(c), 7), limit);
  if (recent.length >= Math.min(5, limit)) return { items: recent, allTime: false };
  return { items: await repo.trendingHashtags('1970-01-01T00:00:00.000Z', limit), allTime: true };
}

/** Trending is ranked by stories and outlets, so that is the number shown. */
function trendCount(h: TrendingHashtag): Html {
  const label = msg('home.trendCount', { stories: h.stories, outlets: h.outlets });
  return html`<span class="count" title="${label}" aria-label="${label}">${h.stories}</span>`;
}

function leadStory(s: Story, lead: ArticleSummary | undefined, t: Date, first: boolean, image: (src: string) => string | null, titles: string[] = []): Html {
  const src = lead?.image ? image(lead.image) : null;
  return html`<article class="story${first ? ' lead' : ''}">
  ${src ? html`<img class="story-image" src="${src}" alt="" loading="${first ? 'eager' : 'lazy'}" decoding="async" referrerpolicy="no-referrer">` : ''}
  <div>
  <h3 dir="auto"><a href="/story/${s.id}">${headlineFor(s.title, titles, currentLocale())}</a></h3>
  ${storyLine(s, t)}
  ${lead?.snippet ? html`<p class="snippet" dir="auto">${snippet(lead.snippet, first ? 320 : 200)}</p>` : ''}
  </div>
</article>`;
}

export async function homePage(c: Context<Env>): Promise<Response> {
  const main = await fragment(c, 'home', async () => {
    const { repo } = c.get('web');
    const t = now(c);
    const [top, latest, trend] = await Promise.all([
      topStoriesWithEarlier(c, 12),
      repo.latestArticles({ limit: 15 }),
      trendingWithFallback(c, 24),
    ]);
    const stories = [...top.recent, ...top.earlier];
    const trending = trend.items;
    // The story's lead: the article carrying its headline, else the one most outlets published.
    const details = await Promise.all(stories.slice(0, 6).map((s) => repo.getStory(s.id)));
    // (For a story told in two languages, the headline and lead in the reader's.)
    const leads = stories.slice(0, 6).map((s, i) => { const d = details[i];
      const title = headlineFor(s.title, d?.articles.map((a) => a.title) ?? [], currentLocale());
      return d?.articles.find((a) => a.title === title) ?? [...(d?.articles ?? [])].sort((a, b) => b.outletCount - a.outletCount)[0]; });
    // Stories from..to of `stories`; the very first top story is the lead.
    const storyList = (from: number, to: number) => html`<div class="stories">${stories.slice(from, to).map((s, k) => { const i = from + k;
      return leadStory(s, leads[i], t, i === 0 && top.recent.length > 0, (src) => imageSrc(c, src), details[i]?.articles.map((a) => a.title)); })}</div>`;
    return html`<h1 class="vh">${msg('home.heading')}</h1>
<div class="home">
<section class="top" aria-labelledby="h-top">
  <h2 id="h-top">${msg('home.top')}</h2>
  ${top.recent.length ? storyList(0, top.recent.length) : html`<p class="empty">${stories.length ? msg('home.noRecent') : raw(msg('home.noStories'))}</p>`}
  ${top.earlier.length ? html`<h2 id="h-earlier">${msg('home.earlier')}</h2>
  ${storyList(top.recent.length, stories.length)}` : ''}
</section>
<section class="latest" aria-labelledby="h-latest">
  <h2 id="h-latest">${msg('home.latest')}</h2>
  ${latest.items.map((a) => articleCard(a, t, { snippetMax: 150 }))}
  <p><a href="/latest">${msg('home.allLatest')}</a></p>
</section>
<aside class="trending" aria-labelledby="h-trending">
  <h2 id="h-trending">${msg(trend.allTime ? 'home.mostUsed' : 'home.trending')}</h2>
  ${trending.length ? html`<ol class="trend">${trending.map((h) => html`<li><bdi><a href="/hashtag/${seg(bareHashtag(h.hashtag))}">#${hashtagText(bareHashtag(h.hashtag))}</a></bdi>${raw('&nbsp;')}${trendCount(h)}</li>`)}</ol>` : html`<p class="empty">${msg('home.none')}</p>`}
  ${feedLinks('')}
</aside>
</div>`;
  });
  return c.html(layout(c, { title: '', description: msg('home.description'), feeds: { base: '', title: msg('home.feedTitle') } }, raw(main)));
}

export async function latestPage(c: Context<Env>): Promise<Response> {
  const cursor = c.req.query('cursor') ?? null;
  const { repo } = c.get('web');
  const page = await repo.latestArticles({ limit: 30, cursor });
  const t = now(c);
  return c.html(layout(c, { title: msg('home.latest'), feeds: { base: '', title: msg('home.feedTitle') } }, html`
<h1>${msg('home.latest')}</h1>
<div class="list">${page.items.map((a) => articleCard(a, t, { image: (src) => imageSrc(c, src), headingLevel: 2 }))}</div>
${page.items.length ? '' : html`<p class="empty">${msg('home.noArticles', { before: cursor ? 'yes' : 'no' })}</p>`}
${cursorPager('/latest', page.next)}`));
}

export async function hashtagsIndex(c: Context<Env>): Promise<Response> {
  const main = await fragment(c, 'hashtags', async () => {
    const { repo } = c.get('web');
    const [week, all] = await Promise.all([repo.trendingHashtags(daysAgo(now(c), 7), 50), repo.trendingHashtags('1970-01-01T00:00:00.000Z', 200)]);
    const list = (xs: TrendingHashtag[]) =>
      html`<ul class="tagcloud">${xs.map((h) => html`<li><a href="/hashtag/${seg(bareHashtag(h.hashtag))}">#${hashtagText(bareHashtag(h.hashtag))}</a> ${trendCount(h)}</li>`)}</ul>`;
    return html`<h1>${msg('layout.hashtags')}</h1>
<section aria-labelledby="h-week"><h2 id="h-week">${msg('home.thisWeek')}</h2>${week.length ? list(week) : html`<p class="empty">${msg('home.noHashtagsWeek')}</p>`}</section>
<section aria-labelledby="h-all"><h2 id="h-all">${msg('home.allTime')}</h2>${all.length ? list(all) : html`<p class="empty">${msg('article.noHashtags')}</p>`}</section>`;
  });
  return c.html(layout(c, { title: msg('layout.hashtags') }, raw(main)));
}

export async function outletsIndex(c: Context<Env>): Promise<Response> {
  const main = await fragment(c, 'outlets', async () => {
    const { repo } = c.get('web');
    const sources = await repo.listSources();
    const t = now(c);
    const [since, after] = around('home.followingSince', 'time');
    return html`<h1>${msg('layout.outlets')}</h1>
${sources.length ? html`<ul class="outlets">${sources.map((s) => html`<li><a href="/outlet/${seg(s.name)}">${s.name}</a> <span class="meta">${new URL(s.homeUrl).host} · ${since}${timeEl(s.createdAt, t)}${after}</span></li>`)}</ul>` : html`<p class="empty">${msg('home.noSources')}</p>`}`;
  });
  return c.html(layout(c, { title: msg('layout.outlets') }, raw(main)));
}
