// Text and HTML from feed fields: plain text for titles and summaries, sanitised HTML for content, and
// URLs resolved against the right base. Feed HTML is untrusted, so it is sanitised here, where it enters.
import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';

export function resolveUrl(url: string | null | undefined, base: string | null | undefined): string | null {
  const u = url?.trim();
  if (!u) return null;
  try {
    const resolved = base ? new URL(u, base) : new URL(u);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/** Plain text of an HTML fragment: tags dropped (script/style with their content), entities decoded, whitespace collapsed. */
export function htmlToText(html: string | null | undefined): string | null {
  if (!html) return null;
  const stripped = html.includes('<')
    ? sanitizeHtml(html.replace(/<(br|\/p|\/div|\/li|\/h\d)\b[^>]*>/gi, '$& '), { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'textarea', 'noscript', 'title'] })
    : html;
  const text = decodeHTML(stripped).replace(/\s+/g, ' ').trim();
  return text || null;
}

/** Plain text kept as is (Atom type="text"), whitespace collapsed. */
export function cleanText(text: string | null | undefined): string | null {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t || null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text as HTML paragraphs (JSON Feed content_text, Atom type="text" content). */
export function textToHtml(text: string | null | undefined): string | null {
  const t = text?.trim();
  if (!t) return null;
  return t
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

const allowedTags = [
  ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'iframe'),
  'img', 'figure', 'figcaption', 'picture', 'source', 'video', 'audio', 'h1', 'h2', 'del', 'ins', 'sub', 'sup',
];

/** Sanitised HTML with links and images made absolute; null when nothing is left. */
export function sanitizeContent(html: string | null | undefined, base: string | null): string | null {
  if (!html?.trim()) return null;
  const absolutize = (attr: string) => (tagName: string, attribs: sanitizeHtml.Attributes) => {
    const resolved = attribs[attr] ? resolveUrl(attribs[attr], base) : null;
    const out = { ...attribs };
    if (resolved) out[attr] = resolved;
    else delete out[attr];
    if (attribs.srcset) out.srcset = attribs.srcset.split(',').map((c) => {
      const [u, ...d] = c.trim().split(/\s+/);
      return [resolveUrl(u, base) ?? u, ...d].join(' ');
    }).join(', ');
    return { tagName, attribs: out };
  };
  const clean = sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      a: ['href', 'title', 'hreflang'],
      img: ['src', 'srcset', 'alt', 'title', 'width', 'height'],
      source: ['src', 'srcset', 'type', 'media'],
      video: ['src', 'poster', 'controls', 'width', 'height'],
      audio: ['src', 'controls'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      blockquote: ['cite'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: { a: absolutize('href'), img: absolutize('src'), source: absolutize('src'), video: absolutize('src'), audio: absolutize('src') },
  }).trim();
  return clean || null;
}

/** Cuts plain text to about `max` characters at a word boundary. */
export function shorten(text: string | null, max = 600): string | null {
  if (!text || text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '') + '…';
}
