// Text helpers for views: escaping, comment bodies (escaped, auto-linked, paragraphs) and search
// highlights (only <mark> survives).
import { withoutDateline } from '../pipeline/enrich/dateline.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

// URLs in comments: http(s) or www., up to whitespace or an angle bracket; trailing punctuation that
// usually ends the sentence is left outside the link.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/giu;
const TRAILING = /[.,:;!?)\]}'"»”’]+$/u;

function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    const trail = TRAILING.exec(url)?.[0] ?? '';
    // Keep a closing parenthesis that balances one inside the URL (Wikipedia links).
    let keep = trail;
    if (trail.startsWith(')') && url.slice(0, -trail.length).includes('(')) keep = trail.slice(1);
    url = url.slice(0, url.length - keep.length);
    const start = m.index!;
    out += escapeHtml(text.slice(last, start));
    const href = url.toLowerCase().startsWith('www.') ? `https://${url}` : url;
    out += `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener" target="_blank">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A comment body as written → safe HTML: escaped, links auto-linked, blank lines make paragraphs. */
export function renderCommentBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(linkify).join('<br>')}</p>`)
    .join('');
}

/** A store highlight (matches in <mark>, the rest escaped) made safe whatever it holds. */
export function safeHighlight(h: string): string {
  return escapeHtml(h.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!))
    .replace(/&lt;mark&gt;/g, '<mark>')
    .replace(/&lt;\/mark&gt;/g, '</mark>');
}

/** Plain text → paragraphs of escaped HTML (blank line between paragraphs). */
export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:.–—-]+$/u, '') + '…';
}

/**
 * An article's snippet on a card: its first paragraph without the wire dateline ("LONDON (AP) — "), which the
 * card's outlet line already credits, cut to `max` characters.
 */
export function snippet(s: string, max: number): string {
  return truncate(withoutDateline(s), max);
}

/** Path segment for an outlet or hashtag link. */
export const seg = (s: string): string => encodeURIComponent(s);

/** Hashtags are stored as enrich makes them ("#Iraq"); URLs and labels use the bare name. */
export const bareHashtag = (t: string): string => t.replace(/^#+/, '');
export const storedHashtag = (t: string): string => '#' + bareHashtag(t);
