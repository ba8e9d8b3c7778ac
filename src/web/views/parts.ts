// Pieces shared by several pages: article and story cards, times, hashtag lists, pagers.
import type { ArticleSummary } from '../../store/repository.ts';
import type { Story } from '../../domain/types.ts';
import { formatAbsolute, relativeTime } from '../time.ts';
import { bareHashtag, seg, truncate } from '../text.ts';
import { html, type Html } from './html.ts';

export function timeEl(iso: string | null | undefined, now: Date, opts: { absolute?: boolean } = {}): Html | string {
  if (!iso) return '';
  const abs = formatAbsolute(iso);
  if (opts.absolute) return html`<time datetime="${iso}">${abs}</time> <span class="rel">(${relativeTime(iso, now)})</span>`;
  return html`<time datetime="${iso}" title="${abs}">${relativeTime(iso, now)}</time>`;
}

export const outletLink = (outlet: string): Html => html`<a class="outlet" href="/outlet/${seg(outlet)}">${outlet}</a>`;

export function hashtagList(tags: string[], label = 'Hashtags'): Html | string {
  if (!tags.length) return '';
  return html`<ul class="tags" aria-label="${label}">${tags.map(bareHashtag).map((t) => html`<li><a href="/hashtag/${seg(t)}">#${t}</a></li>`)}</ul>`;
}

export function articleCard(a: ArticleSummary, now: Date, opts: { image?: (src: string) => string; headingLevel?: 2 | 3; snippetMax?: number } = {}): Html {
  const when = a.published ?? a.firstSeen;
  const more = a.outletCount > 1 ? html` <span class="badge">+${a.outletCount - 1} more ${a.outletCount === 2 ? 'outlet' : 'outlets'}</span>` : '';
  const title = html`<a href="/article/${a.id}">${a.title}</a>`;
  return html`<article class="card${opts.image && a.image ? ' with-image' : ''}">
  ${opts.image && a.image ? html`<img class="thumb" src="${opts.image(a.image)}" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer">` : ''}
  <div>
  <p class="meta">${outletLink(a.outlet)} · ${timeEl(when, now)}${more}</p>
  ${opts.headingLevel === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
  ${a.snippet ? html`<p class="snippet">${truncate(a.snippet, opts.snippetMax ?? 240)}</p>` : ''}
  </div>
</article>`;
}

export function storyLine(s: Story, now: Date): Html {
  const outlets = s.outlets.slice(0, 4).join(', ') + (s.outlets.length > 4 ? ` and ${s.outlets.length - 4} more` : '');
  return html`<p class="meta"><span class="badge">${s.outlets.length} ${s.outlets.length === 1 ? 'outlet' : 'outlets'}</span> ${outlets} · updated ${timeEl(s.lastSeen, now)}</p>`;
}

/** "Older" link for cursor pages. */
export function cursorPager(base: string, next: string | null, params: Record<string, string> = {}): Html | string {
  if (!next) return '';
  const q = new URLSearchParams({ ...params, cursor: next });
  return html`<nav class="pager" aria-label="Pages"><a rel="next" href="${base}?${q.toString()}">Older articles →</a></nav>`;
}

export function feedLinks(base: string): Html {
  return html`<p class="feeds">Follow: <a href="${base}/feed.xml">RSS</a> · <a href="${base}/feed.atom">Atom</a> · <a href="${base}/feed.json">JSON Feed</a></p>`;
}
