// Pieces shared by several pages: article and story cards, times, hashtag lists, pagers.
import type { ArticleSummary } from '../../store/repository.ts';
import type { Story } from '../../domain/types.ts';
import { formatAbsolute, relativeTime } from '../time.ts';
import { bareHashtag, seg, truncate } from '../text.ts';
import { html, type Html } from './html.ts';
import { around, currentLocale, t } from '../i18n/index.ts';

export function timeEl(iso: string | null | undefined, now: Date, opts: { absolute?: boolean } = {}): Html | string {
  if (!iso) return '';
  const abs = formatAbsolute(iso);
  if (opts.absolute) return html`<time datetime="${iso}">${abs}</time> <span class="rel">(${relativeTime(iso, now)})</span>`;
  return html`<time datetime="${iso}" title="${abs}">${relativeTime(iso, now)}</time>`;
}

export const outletLink = (outlet: string): Html => html`<a class="outlet" href="/outlet/${seg(outlet)}">${outlet}</a>`;

export function hashtagList(tags: string[], label = t('parts.hashtags')): Html | string {
  if (!tags.length) return '';
  return html`<ul class="tags" aria-label="${label}">${tags.map(bareHashtag).map((t) => html`<li><bdi><a href="/hashtag/${seg(t)}">#${t}</a></bdi></li>`)}</ul>`;
}

export function articleCard(a: ArticleSummary, now: Date, opts: { image?: (src: string) => string | null; headingLevel?: 2 | 3; snippetMax?: number } = {}): Html {
  const when = a.published ?? a.firstSeen;
  const more = a.outletCount > 1 ? html` <span class="badge">${t('parts.moreOutlets', { n: a.outletCount - 1 })}</span>` : '';
  const title = html`<a href="/article/${a.id}">${a.title}</a>`;
  const image = opts.image && a.image ? opts.image(a.image) : null;
  return html`<article class="card${image ? ' with-image' : ''}">
  ${image ? html`<img class="thumb" src="${image}" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer">` : ''}
  <div>
  <p class="meta">${outletLink(a.outlet)} · ${timeEl(when, now)}${more}</p>
  ${opts.headingLevel === 2 ? html`<h2 dir="auto">${title}</h2>` : html`<h3 dir="auto">${title}</h3>`}
  ${a.snippet ? html`<p class="snippet" dir="auto">${truncate(a.snippet, opts.snippetMax ?? 240)}</p>` : ''}
  </div>
</article>`;
}

export function storyLine(s: Story, now: Date): Html {
  const list = s.outlets.slice(0, 4).join(currentLocale() === 'ar' ? '، ' : ', ');
  const outlets = s.outlets.length > 4 ? t('parts.andMore', { list, n: s.outlets.length - 4 }) : list;
  const [before, after] = around('time.updated', 'time');
  return html`<p class="meta"><span class="badge">${t('parts.outlets', { n: s.outlets.length })}</span> <bdi>${outlets}</bdi> · ${before}${timeEl(s.lastSeen, now)}${after}</p>`;
}

/** "Older" link for cursor pages. */
export function cursorPager(base: string, next: string | null, params: Record<string, string> = {}): Html | string {
  if (!next) return '';
  const q = new URLSearchParams({ ...params, cursor: next });
  return html`<nav class="pager" aria-label="Pages"><a rel="next" href="${base}?${q.toString()}">${t('parts.older')}</a></nav>`;
}

export function feedLinks(base: string): Html {
  return html`<p class="feeds">${t('parts.follow')} <a href="${base}/feed.xml">RSS</a> · <a href="${base}/feed.atom">Atom</a> · <a href="${base}/feed.json">JSON Feed</a></p>`;
}
