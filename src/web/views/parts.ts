// Pieces shared by several pages: article and story cards, times, hashtag lists, pagers.
import type { ArticleSummary } from '../../store/repository.ts';
import type { Story } from '../../domain/types.ts';
import { formatAbsolute, foundLate, listedAt, relativeTime } from '../time.ts';
import { bareHashtag, seg, snippet } from '../text.ts';
import { html, raw, type Html } from './html.ts';
import { isolatedList } from './bidi.ts';
import { around, currentLocale, t } from '../i18n/index.ts';

export function timeEl(iso: string | null | undefined, now: Date, opts: { absolute?: boolean } = {}): Html | string {
  if (!iso) return '';
  const abs = formatAbsolute(iso);
  if (opts.absolute) return html`<time datetime="${iso}">${abs}</time> <span class="rel">(${relativeTime(iso, now)})</span>`;
  return html`<time datetime="${iso}" title="${abs}">${relativeTime(iso, now)}</time>`;
}

/** An outlet's name links to its page; dir="auto" isolates it (an Arabic name in an English line, and back). */
export const outletLink = (outlet: string): Html => html`<a class="outlet" href="/outlet/${seg(outlet)}" dir="auto">${outlet}</a>`;

/**
 * A hashtag's words with a break opportunity between them (#Customs<wbr>And<wbr>Border<wbr>Protection,
 * #محمد_<wbr>شياع): a narrow column breaks a long tag between its words, never mid-word.
 */
export function hashtagText(tag: string): Html {
  const words = tag.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=_)(?=[^_])/u);
  return html`${words.map((w, i) => html`${i ? raw('<wbr>') : ''}${w}`)}`;
}

export function hashtagList(tags: string[], label = t('parts.hashtags')): Html | string {
  if (!tags.length) return '';
  return html`<ul class="tags" aria-label="${label}">${tags.map(bareHashtag).map((t) => html`<li><bdi><a href="/hashtag/${seg(t)}">#${hashtagText(t)}</a></bdi></li>`)}</ul>`;
}

/**
 * An article's time in a list: its publication time (see listedAt), and for an old piece Lede found only
 * now, when Lede found it too, so the reader sees why it sits among newer ones.
 */
export function listedTime(a: { published: string | null; firstSeen: string }, now: Date): Html {
  if (!foundLate(a)) return html`${timeEl(listedAt(a), now)}`;
  const [before, after] = around('parts.foundLate', 'time');
  return html`${timeEl(listedAt(a), now)} · <span class="found">${before}${timeEl(a.firstSeen, now)}${after}</span>`;
}

export function articleCard(a: ArticleSummary, now: Date, opts: { image?: (src: string) => string | null; headingLevel?: 2 | 3; snippetMax?: number } = {}): Html {
  const more = a.outletCount > 1 ? html` <span class="badge">${t('parts.moreOutlets', { n: a.outletCount - 1 })}</span>` : '';
  const title = html`<a href="/article/${a.id}">${a.title}</a>`;
  const image = opts.image && a.image ? opts.image(a.image) : null;
  return html`<article class="card${image ? ' with-image' : ''}">
  ${image ? html`<img class="thumb" src="${image}" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer">` : ''}
  <div>
  <p class="meta">${outletLink(a.outlet)} · ${listedTime(a, now)}${more}</p>
  ${opts.headingLevel === 2 ? html`<h2 dir="auto">${title}</h2>` : html`<h3 dir="auto">${title}</h3>`}
  ${a.snippet ? html`<p class="snippet" dir="auto">${snippet(a.snippet, opts.snippetMax ?? 240)}</p>` : ''}
  </div>
</article>`;
}

export function storyLine(s: Story, now: Date): Html {
  // Each name isolated, the list in the interface's order (one <bdi> around all of them turned the whole
  // list right to left when the first outlet was Arabic).
  const list = isolatedList(s.outlets.slice(0, 4), currentLocale());
  const [more, moreAfter] = around('parts.andMore', 'list', { n: s.outlets.length - 4 });
  const outlets = s.outlets.length > 4 ? html`${more}${list}${moreAfter}` : list;
  const [before, after] = around('time.updated', 'time');
  return html`<p class="meta"><span class="badge">${t('parts.outlets', { n: s.outlets.length })}</span> ${outlets} · ${before}${timeEl(s.lastSeen, now)}${after}</p>`;
}

/** "Older" link for cursor pages. */
export function cursorPager(base: string, next: string | null, params: Record<string, string> = {}): Html | string {
  if (!next) return '';
  const q = new URLSearchParams({ ...params, cursor: next });
  return html`<nav class="pager" aria-label="${t('parts.pages')}"><a rel="next" href="${base}?${q.toString()}">${t('parts.older')}</a></nav>`;
}

export function feedLinks(base: string): Html {
  return html`<p class="feeds">${t('parts.follow')} <a href="${base}/feed.xml">RSS</a> · <a href="${base}/feed.atom">Atom</a> · <a href="${base}/feed.json">JSON Feed</a></p>`;
}
