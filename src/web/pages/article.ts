// The article page: title, outlet and the other outlets that published it, byline, times, lead image,
// the body with its lede, hashtags, the AI panel, comments and related articles.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { markRead } from '../../reader/index.ts';
import type { Article, ArticleId, Enrichment, Entity, Version } from '../../domain/types.ts';
import { LedeError } from '../../domain/errors.ts';
import { html, raw, render, type Html } from '../views/html.ts';
import { csrfToken } from '../auth.ts';
import { layout } from '../views/layout.ts';
import { isRtl, langDir, tIsolated } from '../views/bidi.ts';
import { hashtagList, outletLink, timeEl } from '../views/parts.ts';
import { sanitizeArticleHtml } from '../sanitize.ts';
import { imageSrc } from '../images.ts';
import { escapeHtml, seg, textToHtml, snippet, truncate } from '../text.ts';
import { relatedFor } from '../related.ts';
import { speechVerb } from '../views/speech.ts';
import { formatAbsolute, listedAt, relativeTime } from '../time.ts';
import { commentsSection, type CommentFormState } from './comments.ts';
import { cached, idParam, now } from './util.ts';
import { currentLocale, t as msg, type MessageKey } from '../i18n/index.ts';

const RELATED_TTL_MS = 10 * 60_000;
const ENTITY_GROUPS: [Entity['type'], MessageKey][] = [['PER', 'article.people'], ['ORG', 'article.orgs'], ['LOC', 'article.places']];

/** The body as safe HTML, the lede first (styled), whatever the extractor kept in `html`. */
export function bodyHtml(a: Pick<Article, 'html' | 'text' | 'lede'>, image?: (src: string) => string | null): string {
  let body = a.html?.trim() ? sanitizeArticleHtml(a.html, image) : textToHtml(a.text);
  const lede = a.lede?.trim();
  if (lede && !lettersOf(body).includes(lettersOf(lede).slice(0, 60))) body = `<p>${escapeHtml(lede)}</p>\n${body}`;
  return body;
}

/**
 * Letters and digits only, tags and entities dropped: the body's "<strong>Washington, DC</strong>: Getting…"
 * holds the lede "Washington, DC: Getting…" though markup and spacing differ, and must not show it twice.
 */
function lettersOf(s: string): string {
  return s.replace(/<[^>]+>|&(?:#\d+|#x[\da-f]+|\w+);/gi, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

function alsoPublished(article: Article, versions: Version[], t: Date): Html | string {
  const seen = new Set([article.outlet]);
  const others = versions.filter((v) => !seen.has(v.outlet) && seen.add(v.outlet));
  if (!others.length) return '';
  return html`<p class="also">${msg('article.also')} ${others.map((v, i) => html`${i ? (i === others.length - 1 ? msg('article.and') : currentLocale() === 'ar' ? '، ' : ', ') : ''}${v.url ? html`<a href="${v.url}" rel="noopener nofollow" dir="auto">${v.outlet}</a>` : outletLink(v.outlet)}${v.published ? html` <span class="rel">(${timeEl(v.published, t)})</span>` : ''}`)}</p>`;
}

function aiPanel(id: ArticleId, e: Enrichment | null, llm: boolean, lang: string | null): Html | string {
  if (!e && !llm) return '';
  const entities = (e?.entities ?? []).filter((x) => x.type === 'PER' || x.type === 'ORG' || x.type === 'LOC');
  const facts = (e?.facts ?? []).slice(0, 8);
  // Every quote, in the order the article gives them: a cap hid the later speakers (the seed's foreign
  // minister was quoted four times, after six others).
  const quotes = (e?.quotes ?? []).filter((q) => q.text.length > 20);
  return html`<section class="ai" aria-labelledby="h-ai">
  <h2 id="h-ai">${msg('article.ai')}</h2>
  <p class="note">${msg('article.aiNote', { llm: llm ? 'yes' : 'no' })}</p>
  ${e?.summary.length ? html`<h3>${msg('article.summary')}</h3><ul class="summary">${e.summary.map((s) => html`<li dir="auto">${s}</li>`)}</ul>` : ''}
  ${facts.length ? html`<h3>${msg('article.facts')}</h3><ul class="facts">${facts.map((f) => html`<li dir="auto"><strong>${f.text}</strong>${f.about ? html` — ${f.about}` : ''}</li>`)}</ul>` : ''}
  ${quotes.length ? html`<h3>${msg('article.quotes')}</h3>${quotes.map((q) => html`<figure class="quote"${langDir(lang) || raw(' dir="auto"')}><blockquote><p dir="auto">${q.direct ? (isRtl(lang) ? html`«${q.text}»` : html`“${q.text}”`) : q.text}</p></blockquote>${q.speaker ? html`<figcaption>— <bdi>${q.speaker}</bdi>${!q.direct && speechVerb(q.verb) ? html` (${speechVerb(q.verb)})` : ''}</figcaption>` : ''}</figure>`)}` : ''}
  ${entities.length ? html`<h3>${msg('article.entities')}</h3><dl class="entities">${ENTITY_GROUPS.map(([type, label]) => {
    const xs = entities.filter((x) => x.type === type).slice(0, 10);
    return xs.length ? html`<dt>${msg(label)}</dt><dd><ul>${xs.map((x) => html`<li><a href="/search?q=${encodeURIComponent(`"${x.canonical}"`)}"><bdi>${x.canonical}</bdi></a>${x.role ? html` <span class="role"><bdi>${x.role}</bdi></span>` : ''}</li>`)}</ul></dd>` : '';
  })}</dl>` : ''}
  ${llm ? html`<div class="llm">
    <form method="post" action="/article/${id}/ask" class="ask">
      <label for="ask-q">${msg('article.askLabel')}</label>
      <div class="row"><input id="ask-q" name="question" required maxlength="300" dir="auto" placeholder="${msg('article.askPlaceholder')}"><button type="submit">${msg('article.ask')}</button></div>
      ${raw('<!--csrf-->')}
    </form>
    <form method="post" action="/article/${id}/translate" class="translate">
      <label for="tr-lang">${msg('article.translateLabel')}</label>
      <div class="row"><select id="tr-lang" name="language">${['English', 'Arabic', 'French', 'German', 'Spanish', 'Portuguese', 'Italian', 'Russian', 'Chinese', 'Turkish', 'Persian']
        .filter((l) => !lang || !l.toLowerCase().startsWith(lang)).map((l) => html`<option>${l}</option>`)}</select><button type="submit">${msg('article.translate')}</button></div>
      ${raw('<!--csrf-->')}
    </form>
  </div>` : ''}
</section>`;
}

interface ArticleMain { main: string; title: string; description: string }

/** The cached part of the page (everything but comments, which change per visitor). */
function articleMain(c: Context<Env>, id: ArticleId): Promise<ArticleMain | null> {
  return cached(c, `article:${id}`, async () => {
    const { repo, config } = c.get('web');
    const found = await repo.getArticle(id);
    if (!found) return null;
    const { article, versions } = found;
    const t = now(c);
    const [enrichment, story] = await Promise.all([
      repo.getEnrichment(id),
      article.storyId ? repo.getStory(article.storyId) : Promise.resolve(null),
    ]);
    // Related articles cost the most to find (a full-text search over the corpus) and change slowly:
    // kept ten minutes, while the rest of the page (new versions, enrichment) refreshes every 15 s.
    const related = await cached(c, `related:${id}`, () => relatedFor(repo, id, t, 8), RELATED_TTL_MS);
    // A byline that only repeats the outlet's name adds nothing next to the outlet.
    const named = (b: string | null) => (b && b.trim().toLowerCase() !== article.outlet.toLowerCase() ? b : null);
    const byline = named(article.byline) ?? versions.map((v) => named(v.byline)).find(Boolean) ?? null;
    const when = listedAt(article);
    const leadImage = article.image ? imageSrc(c, article.image) : null;
    const hashtags = enrichment?.hashtags ?? [];
    // The title and body in the article's language and direction; the interface's words around them
    // (outlet, times, links) in the interface's, so "2 hours ago" never reads "(hours ago 2)".
    const main = await render(html`<div class="article-layout">
<article class="article" aria-labelledby="h-title">
  <header>
    <p class="kicker">${outletLink(article.outlet)}${story && story.story.outlets.length > 1 ? html` · <a href="/story/${story.story.id}">${msg('article.fullCoverage', { n: story.story.outlets.length })}</a>` : ''}</p>
    <h1 id="h-title"${langDir(article.language)}>${article.title}</h1>
    ${byline ? html`<p class="byline">${tIsolated('article.by', { byline })}</p>` : ''}
    <p class="meta">${timeEl(when, t, { absolute: true })}${article.url ? html` · <a href="${article.url}" rel="noopener nofollow">${tIsolated('article.original', { outlet: article.outlet })}</a>` : ''}</p>
    ${alsoPublished(article, versions, t)}
  </header>
  ${leadImage ? html`<figure class="lead-image"><img src="${leadImage}" alt="" decoding="async" referrerpolicy="no-referrer"></figure>` : ''}
  <div class="body"${langDir(article.language)}>
${raw(bodyHtml(article, (src) => imageSrc(c, src)))}
  </div>
  <section aria-labelledby="h-tags" class="hashtags">
    <h2 id="h-tags">${msg('article.hashtags')}</h2>
    ${hashtags.length ? hashtagList(hashtags) : html`<p class="empty">${msg('article.noHashtags')}</p>`}
  </section>
  ${aiPanel(id, enrichment, !!(config.llmUrl && c.get('web').llm), article.language)}
  <!--comments-->
</article>
<aside class="related" aria-labelledby="h-related">
  <h2 id="h-related">${msg('article.related')}</h2>
  ${related.length ? html`<ul class="related-list">${related.map((r) => html`<li>
    <p class="meta">${outletLink(r.outlet)}${r.relativeTime ? html` · <time${r.published ? html` datetime="${r.published}" title="${formatAbsolute(r.published)}"` : ''}>${r.published ? relativeTime(r.published, t) : r.relativeTime}</time>` : ''}</p>
    <h3 dir="auto"><a href="/article/${r.articleId}">${r.title}</a></h3>
    ${r.snippet ? html`<p class="snippet" dir="auto">${snippet(r.snippet, 180)}</p>` : ''}
  </li>`)}</ul>` : html`<p class="empty">${msg('article.noRelated')}</p>`}
  ${story ? html`<p><a href="/story/${story.story.id}">${msg('article.wholeStory')}</a></p>` : ''}
</aside>
</div>`);
    return { main, title: article.title, description: truncate(article.lede ?? article.text, 200) };
  });
}

export async function articlePage(c: Context<Env>, form?: CommentFormState): Promise<Response> {
  const id = idParam(c.req.param('id')) as ArticleId | null;
  if (!id) throw new LedeError('not_found', 'No such article.');
  const part = await articleMain(c, id);
  if (!part) throw new LedeError('not_found', 'No such article.');
  // Opening an article marks it read for a signed-in reader (as every feed reader does).
  const me = c.get('account');
  if (me && c.req.method === 'GET') await markRead(c.get('web').reader, me, [id], true);
  const comments = await commentsSection(c, id, form);
  // Only pages with forms carry a CSRF token (an anonymous visitor gets its cookie only then).
  const csrf = c.get('account') || c.get('web').llm ? `<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken(c))}">` : '';
  const main = part.main.replace('<!--comments-->', () => comments).replaceAll('<!--csrf-->', () => csrf);
  return c.html(layout(c, { title: part.title, description: part.description }, raw(main)), form?.status ?? 200);
}
