// Search: the store's full-text index (BM25-ranked), filters by outlet, hashtag and date, highlighted
// snippets and numbered pages.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { followControl } from './my.ts';
import { LedeError } from '../../domain/errors.ts';
import type { SearchHit, SearchResult } from '../../store/repository.ts';
import { html, raw, type Html } from '../views/html.ts';
import { layout } from '../views/layout.ts';
import { listedTime, outletLink } from '../views/parts.ts';
import { escapeHtml, safeHighlight, storedHashtag } from '../text.ts';
import { cached, now } from './util.ts';
import { t as msg } from '../i18n/index.ts';

export const SEARCH_PAGE = 20;
const MAX_PAGE = 50;

export interface SearchParams {
  q: string;
  outlet: string;
  hashtag: string;
  from: string;
  to: string;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readSearchParams(get: (k: string) => string | undefined): SearchParams {
  const str = (k: string, max = 200) => (get(k) ?? '').trim().slice(0, max);
  const from = str('from', 10);
  const to = str('to', 10);
  // A real calendar day from 1970 on: "2024-02-31" or "0000-01-01" would otherwise reach the store.
  const isDay = (d: string) => DAY.test(d) && d >= '1970-01-01' && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d);
  if ((from && !isDay(from)) || (to && !isDay(to))) throw new LedeError('bad_input', 'Dates must be written YYYY-MM-DD.');
  const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(get('page') ?? '1', 10) || 1));
  return { q: str('q'), outlet: str('outlet'), hashtag: str('hashtag').replace(/^#/, ''), from, to, page };
}

/** Results are cached briefly: popular queries repeat, and a new article shows up within the TTL anyway. */
export async function runSearch(c: Context<Env>, p: SearchParams, limit: number, offset: number): Promise<SearchResult> {
  if (!p.q) return { total: 0, hits: [] };
  const key = `search:${JSON.stringify([p.q.replace(/\s+/g, ' '), p.outlet, p.hashtag, p.from, p.to, limit, offset])}`;
  return cached(c, key, () => c.get('web').repo.search(p.q, {
    limit, offset,
    outlet: p.outlet || undefined,
    hashtag: p.hashtag ? storedHashtag(p.hashtag) : undefined,
    from: p.from ? `${p.from}T00:00:00.000Z` : undefined,
    to: p.to ? `${p.to}T23:59:59.999Z` : undefined,
  }));
}

function pageLinks(p: SearchParams, total: number): Html | string {
  const pages = Math.min(MAX_PAGE, Math.ceil(total / SEARCH_PAGE));
  if (pages <= 1) return '';
  const href = (n: number) => '/search?' + new URLSearchParams({ ...Object.fromEntries(Object.entries(p).filter(([k, v]) => v && k !== 'page')), page: String(n) }).toString();
  const around = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return html`<nav class="pager" aria-label="${msg('search.pages')}">
  ${p.page > 1 ? html`<a rel="prev" href="${href(p.page - 1)}">${msg('search.prev')}</a>` : ''}
  ${around.map((n, i) => html`${i && n - around[i - 1]! > 1 ? html`<span aria-hidden="true">…</span>` : ''}${n === p.page ? html`<span aria-current="page" class="current">${n}</span>` : html`<a href="${href(n)}" aria-label="${msg('search.page', { n })}">${n}</a>`}`)}
  ${p.page < pages ? html`<a rel="next" href="${href(p.page + 1)}">${msg('search.next')}</a>` : ''}
</nav>`;
}

export async function searchPage(c: Context<Env>): Promise<Response> {
  let p: SearchParams;
  let error: string | null = null;
  try {
    p = readSearchParams((k) => c.req.query(k));
  } catch (e) {
    p = { q: c.req.query('q')?.slice(0, 200) ?? '', outlet: '', hashtag: '', from: '', to: '', page: 1 };
    error = (e as Error).message;
  }
  const { repo } = c.get('web');
  const [result, sources] = await Promise.all([
    error ? ({ total: 0, hits: [] } as SearchResult) : runSearch(c, p, SEARCH_PAGE, (p.page - 1) * SEARCH_PAGE),
    cached(c, 'sources', () => repo.listSources()),
  ]);
  const t = now(c);
  const hasFilter = p.outlet || p.hashtag || p.from || p.to;
  // A quoted name (what the entity links of an article page search for) is followed as that name.
  const entity = /^"([^"]{2,100})"$/.exec(p.q)?.[1];
  const follow = p.q && !hasFilter ? await (entity ? followControl(c, 'entity', entity, entity) : followControl(c, 'search', p.q, msg('my.kind.search'))) : '';
  return c.html(layout(c, { title: p.q ? msg('search.titleQuery', { q: p.q }) : msg('search.title'), query: p.q, noindex: true }, html`
<h1>${p.q ? html`<bdi>${msg('search.resultsFor', { q: p.q })}</bdi>` : msg('search.title')}</h1>
<form method="get" action="/search" class="search-filters" aria-label="${msg('search.filters')}">
  <div class="field wide"><label for="sq">${msg('search.words')}</label><input id="sq" name="q" type="search" dir="auto" value="${p.q}" maxlength="200" placeholder="${msg('search.placeholder')}"></div>
  <div class="field"><label for="so">${msg('search.outlet')}</label><input id="so" name="outlet" value="${p.outlet}" list="outlet-names" maxlength="200"></div>
  <datalist id="outlet-names">${sources.map((s) => html`<option value="${s.name}"></option>`)}</datalist>
  <div class="field"><label for="sh">${msg('search.hashtag')}</label><input id="sh" name="hashtag" value="${p.hashtag}" maxlength="100"></div>
  <div class="field"><label for="sf">${msg('search.from')}</label><input id="sf" name="from" type="date" value="${p.from}"></div>
  <div class="field"><label for="st">${msg('search.to')}</label><input id="st" name="to" type="date" value="${p.to}"></div>
  <div class="field"><button type="submit">${msg('search.button')}</button></div>
</form>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
${follow}
${p.q
  ? html`<p class="result-count" role="status">${msg('search.count', { n: result.total, more: result.totalIsLowerBound ? 'yes' : 'no', filtered: hasFilter ? 'yes' : 'no' })}</p>`
  : html`<p class="hint">${raw(msg('search.hint'))}</p>`}
<ol class="results" start="${(p.page - 1) * SEARCH_PAGE + 1}">${result.hits.map((h) => html`<li class="card">
  <p class="meta">${outletLink(h.outlet)} · ${listedTime(h, t)}</p>
  <h2 dir="auto"><a href="/article/${h.id}">${h.title}</a></h2>
  <p class="snippet" dir="auto">${raw(h.highlight ? safeHighlight(h.highlight) : escapeHtml(h.snippet))}</p>
</li>`)}</ol>
${pageLinks(p, result.total)}`));
}
