// Article HTML is sanitised when extracted; it is sanitised again here, on the way out, with a
// narrower allowlist, so a store filled by an older or buggy extractor still cannot inject markup.
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'a', 'em', 'strong', 'b', 'i', 'u', 's',
    'sub', 'sup', 'code', 'pre', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption',
    'hr', 'abbr', 'cite', 'q', 'small', 'mark', 'time', 'dl', 'dt', 'dd',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], time: ['datetime'], th: ['scope'], abbr: ['title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  transformTags: {
    // Headings inside an article sit below the page's h1.
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow', target: '_blank' } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' } }),
  },
  allowedAttributesByTag: undefined,
  exclusiveFilter: (frame) => (frame.tag === 'p' || frame.tag === 'figure') && !frame.text.trim() && !frame.mediaChildren?.length,
} as sanitizeHtml.IOptions;
// transformTags add attributes that the allowlist must also let through.
(OPTIONS.allowedAttributes as Record<string, string[]>).a!.push('rel', 'target');
(OPTIONS.allowedAttributes as Record<string, string[]>).img!.push('loading', 'decoding', 'referrerpolicy');

/** Safe article HTML; `image` maps each image's address (to the image proxy). */
export function sanitizeArticleHtml(html: string, image?: (src: string) => string | null): string {
  if (!image) return sanitizeHtml(html, OPTIONS);
  const img = (OPTIONS.transformTags as Record<string, sanitizeHtml.Transformer>).img!;
  return sanitizeHtml(html, {
    ...OPTIONS,
    transformTags: {
      ...OPTIONS.transformTags,
      img: (tagName, attribs) => {
        const t = img(tagName, attribs);
        // Only http(s) sources survive the allowlist; the proxy serves those. An image the proxy could
        // not get lately becomes a tag outside the allowlist, which drops it.
        if (!t.attribs.src || !/^https?:\/\//i.test(t.attribs.src)) return t;
        const src = image(t.attribs.src);
        return src ? { ...t, attribs: { ...t.attribs, src } } : { tagName: 'lede-dropped', attribs: {} };
      },
    },
    // The proxied address is a path on this site: relative URLs are allowed for images only.
    allowProtocolRelative: false,
  });
}
