// The story page: best headline, summary across outlets, key quotes, how the copies differ, the coverage
// list, what changed over time; beside it who covered the story (first report, country, language, kind),
// hashtags and entities. Everything beyond the story's article list is the analysis ingest stored
// (pipeline/compare): the page reads two things from the store and computes nothing.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import type { StoryAnalysis } from '../../domain/analysis.ts';
import type { StoryId } from '../../domain/types.ts';
import { LedeError } from '../../domain/errors.ts';
import { html, raw, render } from '../views/html.ts';
import { headlineFor, tIsolated } from '../views/bidi.ts';
import { layout } from '../views/layout.ts';
import { feedLinks, hashtagList, listedTime, outletLink, timeEl } from '../views/parts.ts';
import { articleDifferences, coverageBlock, developmentItem, keyQuoteList } from '../views/intelligence.ts';
import { snippet, truncate } from '../text.ts';
import { withRegistry } from '../../pipeline/compare/coverage.ts';
import { cached, idParam, now } from './util.ts';
import { followControl } from './my.ts';
import { around, currentLocale, languageName, t as msg } from '../i18n/index.ts';

export async function storyPage(c: Context<Env>): Promise<Response> {
  const id = idParam(c.req.param('id')) as StoryId | null;
  const part = id ? await cached(c, `story:${id}`, () => storyMain(c, id)) : null;
  if (!part) throw new LedeError('not_found', 'No such story.');
  // The follow button is the reader's own: outside the cached part.
  const follow = await followControl(c, 'story', String(id), msg('my.kind.story'));
  return c.html(layout(c, { title: part.title, description: part.description, feeds: { base: `/story/${id}`, title: part.title } }, html`${follow}${raw(part.main)}`));
}

/** The summary in the reader's language when the story has articles in it, else across all. */
export function summaryFor(a: StoryAnalysis): string[] {
  return a.summaryByLanguage[currentLocale()] ?? a.summary;
}

async function storyMain(c: Context<Env>, id: StoryId): Promise<{ title: string; description: string; main: string } | null> {
  const { repo } = c.get('web');
  const [found, stored] = await Promise.all([repo.getStory(id), repo.getStoryAnalysis(id)]);
  if (!found) return null;
  // The registry as it is now: an admin's edit of an outlet shows without waiting for the next analysis.
  const analysis = stored && { ...stored, coverage: withRegistry(stored.coverage, new Map((await repo.getOutlets(stored.coverage.outlets.map((o) => o.name))).map((o) => [o.name, o]))) };
  const { story } = found;
  const t = now(c);
  const summary = analysis ? summaryFor(analysis) : [];
  const entities = (analysis?.entities ?? []).map((e) => ({ ...e, name: headlineFor(e.canonical, e.names, currentLocale()) }));
  const versionsOf = new Map((analysis?.articles ?? []).map((a) => [a.articleId, a.versions]));
  const compared = (analysis?.articles ?? []).filter((a) => a.versions.length > 1 || a.againstStory.length);
  const seen = around('story.firstSeen', 'time');
  const updated = around('time.updated', 'time');
  const headline = headlineFor(story.title, found.articles.map((a) => a.title), currentLocale());
  const main = await render(html`<article class="story-page" aria-labelledby="h-story">
<header>
  <p class="kicker">${msg('story.kicker', { outlets: story.outlets.length, articles: story.articleCount })}</p>
  <h1 id="h-story" dir="auto">${headline}</h1>
  <p class="meta">${seen[0]}${timeEl(story.firstSeen, t, { absolute: true })}${seen[1]} · ${updated[0]}${timeEl(story.lastSeen, t)}${updated[1]}</p>
  ${analysis?.coverage.byLanguage.length ? html`<p class="meta languages">${msg('story.byLanguage')}: ${analysis.coverage.byLanguage.map(([l, outlets], i) => html`${i ? ' · ' : ''}<span class="badge">${l === 'unknown' ? '?' : languageName(l)} ${outlets.length}</span>`)}</p>` : ''}
  ${analysis?.coverage.first ? html`<p class="meta first-report">${tIsolated('story.firstReported', { outlet: analysis.coverage.first.outlet })}</p>` : ''}
</header>
<div class="story-grid">
<div>
  ${summary.length ? html`<section aria-labelledby="h-sum" class="ai"><h2 id="h-sum">${msg('story.summary')}</h2><ul class="summary">${summary.map((s) => html`<li dir="auto">${s}</li>`)}</ul></section>` : ''}
  ${analysis?.keyQuotes.length ? html`<section aria-labelledby="h-quotes"><h2 id="h-quotes">${msg('story.keyQuotes')}</h2>${keyQuoteList(analysis.keyQuotes)}</section>` : ''}
  <section aria-labelledby="h-differ" class="differ"><h2 id="h-differ">${msg('story.differ')}</h2>
  ${!analysis ? html`<p class="empty">${msg('story.pending')}</p>`
    : compared.length ? html`<p class="meta">${msg('story.differIntro')}</p><ul class="compared-list">${compared.map((a) => articleDifferences(a, analysis.fullest, t))}</ul>`
    : html`<p class="empty">${msg('story.noDifferences')}</p>`}
  ${analysis && analysis.analysedArticles < analysis.articleCount ? html`<p class="meta">${msg('story.partial', { n: analysis.analysedArticles, total: analysis.articleCount })}</p>` : ''}
  </section>
  <section aria-labelledby="h-cov"><h2 id="h-cov">${msg('story.coverage')}</h2>
  <ul class="coverage">${found.articles.map((a) => {
    const vs = versionsOf.get(a.id) ?? [];
    return html`<li>
      <p class="meta">${outletLink(a.outlet)} · ${listedTime(a, t)}</p>
      <h3 dir="auto"><a href="/article/${a.id}">${a.title}</a></h3>
      ${a.snippet ? html`<p class="snippet" dir="auto">${snippet(a.snippet, 220)}</p>` : ''}
      ${vs.length > 1 ? html`<p class="also">${msg('story.versions')} ${vs.map((v, i) => html`${i ? ', ' : ''}${v.url ? html`<a href="${v.url}" rel="noopener nofollow">${v.outlet}</a>` : v.outlet} <span class="rel">(${timeEl(v.at, t)})</span>`)}</p>` : ''}
    </li>`;
  })}</ul></section>
  ${analysis?.timeline.length ? html`<section aria-labelledby="h-tl"><h2 id="h-tl">${msg('story.developments')}</h2>
  <ol class="timeline">${analysis.timeline.map(developmentItem)}</ol></section>` : ''}
</div>
<aside>
  ${analysis ? html`<section aria-labelledby="h-who"><h2 id="h-who">${msg('story.whoCovered')}</h2>${coverageBlock(analysis.coverage, t)}</section>` : ''}
  <section aria-labelledby="h-stags"><h2 id="h-stags">${msg('story.hashtags')}</h2>${analysis?.hashtags.length ? hashtagList(analysis.hashtags) : html`<p class="empty">${msg('story.none')}</p>`}</section>
  ${entities.length ? html`<section aria-labelledby="h-ent"><h2 id="h-ent">${msg('story.entities')}</h2><ul class="entity-list">${entities.map((e) => html`<li><a href="/search?q=${encodeURIComponent(`"${e.name}"`)}"><bdi>${e.name}</bdi></a> <span class="meta">${msg('story.type', { type: e.type })}${e.articles > 1 ? ` · ${msg('story.articles', { n: e.articles })}` : ''}</span></li>`)}</ul></section>` : ''}
  ${feedLinks(`/story/${id}`)}
</aside>
</div>
</article>`);
  return { title: headline, description: truncate(summary.join(' ') || headline, 200), main };
}
