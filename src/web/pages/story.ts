// The story page: best headline, the coverage list (each outlet's version with its time), a timeline,
// the cross-outlet summary, entities and hashtags.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import type { Entity, StoryId, Version } from '../../domain/types.ts';
import { LedeError } from '../../domain/errors.ts';
import { enrichStory } from '../../pipeline/enrich/index.ts';
import { html, raw, render } from '../views/html.ts';
import { headlineFor, langDir } from '../views/bidi.ts';
import { layout } from '../views/layout.ts';
import { feedLinks, hashtagList, outletLink, timeEl } from '../views/parts.ts';
import { formatAbsolute } from '../time.ts';
import { truncate } from '../text.ts';
import { cached, idParam, now } from './util.ts';
import { followControl } from './my.ts';
import { around, currentLocale, languageName, t as msg } from '../i18n/index.ts';

const MAX_ARTICLES = 40;

export async function storyPage(c: Context<Env>): Promise<Response> {
  const id = idParam(c.req.param('id')) as StoryId | null;
  const part = id ? await cached(c, `story:${id}`, () => storyMain(c, id)) : null;
  if (!part) throw new LedeError('not_found', 'No such story.');
  // The follow button is the reader's own: outside the cached part.
  const follow = await followControl(c, 'story', String(id), msg('my.kind.story'));
  return c.html(layout(c, { title: part.title, description: part.description, feeds: { base: `/story/${id}`, title: part.title } }, html`${follow}${raw(part.main)}`));
}

async function storyMain(c: Context<Env>, id: StoryId): Promise<{ title: string; description: string; main: string } | null> {
  const { repo } = c.get('web');
  const found = await repo.getStory(id);
  if (!found) return null;
  const { story } = found;
  const t = now(c);
  const full = (await Promise.all(found.articles.slice(0, MAX_ARTICLES).map((a) => repo.getArticle(a.id)))).filter((x) => x !== null);
  const enrichments = await Promise.all(full.map((f) => repo.getEnrichment(f.article.id)));
  // A story told in several languages is summarised from the articles in the reader's, when it has some.
  const own = full.filter((f) => f.article.language === currentLocale());
  const digested = own.length ? own : full;
  const digest = digested.length
    ? enrichStory(digested.map((f) => ({ title: f.article.title, text: f.article.text, outlet: f.article.outlet })))
    : { hashtags: [], summary: [] };
  // Entities across the story: by the number of articles naming them; one place named in two languages
  // (its id) counts once, under the name in the reader's script.
  const entityCount = new Map<string, { e: Entity; n: number }>();
  for (const e of enrichments) for (const x of e?.entities ?? []) {
    if (x.type !== 'PER' && x.type !== 'ORG' && x.type !== 'LOC') continue;
    const k = `${x.type}|${x.id ?? x.canonical}`;
    const cur = entityCount.get(k);
    if (!cur) entityCount.set(k, { e: x, n: 1 });
    else {
      cur.n++;
      if (headlineFor(cur.e.canonical, [x.canonical], currentLocale()) !== cur.e.canonical) cur.e = { ...x, mentions: cur.e.mentions + x.mentions };
    }
  }
  const entities = [...entityCount.values()].sort((a, b) => b.n - a.n || b.e.mentions - a.e.mentions).slice(0, 18);
  const hashtags = digest.hashtags.length ? digest.hashtags : [...new Set(enrichments.flatMap((e) => e?.hashtags ?? []))].slice(0, 10);
  const versions: (Version & { articleTitle: string })[] = full.flatMap((f) => f.versions.map((v) => ({ ...v, articleTitle: f.article.title })));
  const when = (v: { published: string | null; fetchedAt: string }) => v.published ?? v.fetchedAt;
  const timeline = [...versions].sort((a, b) => when(a).localeCompare(when(b)));
  // Coverage by language: how many of the story's articles each language has.
  const languages = new Map<string, number>();
  for (const f of full) languages.set(f.article.language ?? 'und', (languages.get(f.article.language ?? 'und') ?? 0) + 1);
  const seen = around('story.firstSeen', 'time');
  const headline = headlineFor(story.title, found.articles.map((a) => a.title), currentLocale());
  const updated = around('time.updated', 'time');
  const main = await render(html`<article class="story-page" aria-labelledby="h-story">
<header>
  <p class="kicker">${msg('story.kicker', { outlets: story.outlets.length, articles: story.articleCount })}</p>
  <h1 id="h-story" dir="auto">${headline}</h1>
  <p class="meta">${seen[0]}${timeEl(story.firstSeen, t, { absolute: true })}${seen[1]} · ${updated[0]}${timeEl(story.lastSeen, t)}${updated[1]}</p>
  ${languages.size ? html`<p class="meta languages">${msg('story.byLanguage')}: ${[...languages].map(([l, n], i) => html`${i ? ' · ' : ''}<span class="badge">${l === 'und' ? '?' : languageName(l)} ${n}</span>`)}</p>` : ''}
</header>
<div class="story-grid">
<div>
  ${digest.summary.length ? html`<section aria-labelledby="h-sum" class="ai"><h2 id="h-sum">${msg('story.summary')}</h2><ul class="summary">${digest.summary.map((s) => html`<li dir="auto">${s}</li>`)}</ul></section>` : ''}
  <section aria-labelledby="h-cov"><h2 id="h-cov">${msg('story.coverage')}</h2>
  <ul class="coverage">${found.articles.map((a) => {
    const f = full.find((x) => x.article.id === a.id);
    const vs = f?.versions ?? [];
    return html`<li>
      <p class="meta">${outletLink(a.outlet)} · ${timeEl(a.published ?? a.firstSeen, t)}</p>
      <h3${langDir(f?.article.language) || raw(' dir="auto"')}><a href="/article/${a.id}">${a.title}</a></h3>
      ${a.snippet ? html`<p class="snippet" dir="auto">${truncate(a.snippet, 220)}</p>` : ''}
      ${vs.length > 1 ? html`<p class="also">${msg('story.versions')} ${vs.map((v, i) => html`${i ? ', ' : ''}${v.url ? html`<a href="${v.url}" rel="noopener nofollow">${v.outlet}</a>` : v.outlet} <span class="rel">(${timeEl(when(v), t)})</span>`)}</p>` : ''}
    </li>`;
  })}</ul></section>
  <section aria-labelledby="h-tl"><h2 id="h-tl">${msg('story.timeline')}</h2>
  <ol class="timeline">${timeline.map((v) => html`<li><time datetime="${when(v)}">${formatAbsolute(when(v))}</time> <span><bdi>${v.outlet}</bdi>: <a href="/article/${v.articleId}"><bdi>${v.title}</bdi></a></span></li>`)}</ol></section>
</div>
<aside>
  <section aria-labelledby="h-stags"><h2 id="h-stags">${msg('story.hashtags')}</h2>${hashtags.length ? hashtagList(hashtags) : html`<p class="empty">${msg('story.none')}</p>`}</section>
  ${entities.length ? html`<section aria-labelledby="h-ent"><h2 id="h-ent">${msg('story.entities')}</h2><ul class="entity-list">${entities.map(({ e, n }) => html`<li><a href="/search?q=${encodeURIComponent(`"${e.canonical}"`)}"><bdi>${e.canonical}</bdi></a> <span class="meta">${msg('story.type', { type: e.type })}${n > 1 ? ` · ${msg('story.articles', { n })}` : ''}</span></li>`)}</ul></section>` : ''}
  ${feedLinks(`/story/${id}`)}
</aside>
</div>
</article>`);
  return { title: headline, description: truncate(digest.summary.join(' ') || headline, 200), main };
}
