// The body's HTML through an allow-list (sanitize-html): text structure, links with safe schemes, images.
// Everything else (script, style, iframe, form, event attributes, javascript: URLs) is dropped.
import sanitizeHtml from 'sanitize-html';

const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;

function resolve(href: string, base: string | undefined): string | null {
  try {
    const u = new URL(href.trim(), base);
    return u.href;
  } catch {
    return base ? null : href;
  }
}

export function sanitize(html: string, baseUrl?: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'figure', 'figcaption',
      'img', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'br', 'hr', 'q', 'cite', 'small', 'mark', 'abbr',
      'time', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'dl', 'dt', 'dd',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      time: ['datetime'],
      abbr: ['title'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math'],
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ? resolve(attribs.href, baseUrl) : null;
        const out: Record<string, string> = {};
        // Without a base URL a relative link stays relative (harmless); anything with a scheme must be safe.
        if (href && (/^(?:https?:|mailto:)/i.test(href) || (!baseUrl && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href.trim())))) out.href = href;
        if (attribs.title) out.title = attribs.title;
        out.rel = 'noopener nofollow';
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        let src = attribs.src ?? '';
        if (/^data:/i.test(src)) {
          if (!SAFE_DATA_IMAGE.test(src)) src = '';
        } else if (src) {
          src = resolve(src, baseUrl) ?? '';
          if (!/^https?:/i.test(src)) src = '';
        }
        const out: Record<string, string> = {};
        if (src) out.src = src;
        if (attribs.alt) out.alt = attribs.alt;
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}
