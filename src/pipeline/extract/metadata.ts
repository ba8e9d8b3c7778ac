// Page metadata, best source first: JSON-LD (NewsArticle / Article / BlogPosting, also inside @graph),
// OpenGraph and article:* properties, Twitter cards, plain meta tags, <time>, <title>.
import { decodeHTML } from 'entities';
import { attr, elements, textOf, type Document, type Element } from './dom.ts';
import { parseDate } from './dates.ts';
import type { IsoTime } from '../../domain/types.ts';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published: IsoTime | null;
  modified: IsoTime | null;
  language: string | null;
  siteName: string | null;
  image: string | null;
  canonicalUrl: string | null;
  description: string | null;
  /** JSON-LD articleBody, when the page carries one. */
  articleBody: string | null;
}

const ARTICLE_TYPES = /^(?:News|Report|Scholarly|Tech|Satirical|Opinion|Analysis|Review|Background|Live)?(?:Article|Posting|BlogPosting|LiveBlogPosting|NewsArticle|ReportageNewsArticle)$|^(?:BlogPosting|Report|WebPage|Story)$/;

type Json = Record<string, unknown>;

function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) { for (const x of v) visit(x, depth + 1); return; }
    const o = v as Json;
    out.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
    if (o.mainEntity && typeof o.mainEntity === 'object') visit(o.mainEntity, depth + 1);
  };
  for (const s of elements(doc, 'script')) {
    if (!/ld\+json/i.test(attr(s, 'type') ?? '')) continue;
    const raw = textOf(s).replace(/^\s*<!--|-->\s*$/g, '');
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Broken JSON-LD is common (trailing commas, raw newlines): skip it, the other layers still answer.
    }
  }
  return out;
}

const types = (o: Json): string[] => {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
};

const str = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') {
    const o = v as Json;
    return str(o.name ?? o.url ?? o['@value'] ?? o.contentUrl ?? null);
  }
  return null;
};

function names(v: unknown): string | null {
  const list = (Array.isArray(v) ? v : [v]).map((x) => str(x)).filter((x): x is string => !!x && !/^(?:https?:|www\.|@)/.test(x));
  const unique = [...new Set(list)];
  return unique.length ? unique.join(', ') : null;
}

// Metadata values arrive decoded once by the HTML parser, yet many sites encode them twice (WordPress
// writes "doesn&#8217;t" into its JSON-LD headline): what is left is decoded like HTML text once more.
const decode = (s: string | null) => (s ? decodeHTML(s).replace(/\s+/g, ' ').trim() || null : null);

/** Reads metadata from the document head and body. `url` resolves relative links. */
export function readMetadata(doc: Document, url: string | undefined, now: Date = new Date()): PageMetadata {
  const meta = new Map<string, string>();
  let canonical: string | null = null;
  let lang: string | null = null;
  let titleTag: string | null = null;
  let firstTime: string | null = null;
  for (const el of elements(doc)) {
    switch (el.name) {
      case 'meta': {
        const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? '').toLowerCase().trim();
        const content = attr(el, 'content');
        if (key && content && !meta.has(key)) meta.set(key, content.trim());
        if (!lang && (attr(el, 'http-equiv') ?? '').toLowerCase() === 'content-language' && content) lang = content;
        break;
      }
      case 'link':
        if (!canonical && /(?:^|\s)canonical(?:\s|$)/i.test(attr(el, 'rel') ?? '')) canonical = attr(el, 'href');
        break;
      case 'html':
        lang = attr(el, 'lang') ?? attr(el, 'xml:lang') ?? lang;
        break;
      case 'title':
        if (titleTag === null) titleTag = textOf(el);
        break;
      case 'time':
        if (!firstTime) firstTime = attr(el, 'datetime') ?? textOf(el);
        break;
    }
  }
  const m = (...keys: string[]) => {
    for (const k of keys) {
      const v = meta.get(k);
      if (v) return v;
    }
    return null;
  };

  const ld = jsonLdObjects(doc);
  const article = ld.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage'))
    ?? ld.find((o) => types(o).includes('WebPage') && (o.datePublished || o.headline));
  const org = ld.find((o) => types(o).some((t) => /Organization$/.test(t)));
  const webSite = ld.find((o) => types(o).includes('WebSite'));

  const title = decode(str(article?.headline) ?? m('og:title', 'twitter:title', 'dc.title', 'headline', 'sailthru.title') ?? cleanTitleTag(titleTag, m('og:site_name')));
  const byline = decode(names(article?.author) ?? names([m('author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author', 'article:author')]));
  // Each source in rank order; a placeholder ("0001-01-01"), a date before the web or one in the future
  // gives way to the next source, and the pipeline falls back to the feed's date or first seen after that.
  const all = (...keys: string[]) => keys.map((k) => meta.get(k) ?? null);
  const published = plausibleDate([str(article?.datePublished), ...all('article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'dc.date', 'dc.date.issued', 'sailthru.date', 'parsely-pub-date', 'article.published', 'publish-date', 'timestamp'), firstTime], now);
  const modified = plausibleDate([str(article?.dateModified), ...all('article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dc.date.modified')], now);
  const siteName = chooseSiteName([
    // application-name is often an app's id ("thesun"): a name of the publisher comes first.
    m('og:site_name'), str((article?.publisher as Json | undefined)?.name), str(org?.name), str(webSite?.name), m('application-name'),
  ].map(decode), decode(m('twitter:site')), url);
  const image = m('og:image', 'og:image:url', 'og:image:secure_url') ?? str(article?.image) ?? str(article?.thumbnailUrl) ?? m('twitter:image', 'twitter:image:src');
  const description = decode(m('og:description', 'description', 'twitter:description') ?? str(article?.description));
  const language = normalizeLanguage(lang ?? m('og:locale', 'language', 'content-language') ?? str(article?.inLanguage));
  const body = article && typeof article.articleBody === 'string' ? article.articleBody : null;
  return {
    title: stripSiteName(title, siteName),
    byline: byline && byline.length < 200 ? byline.replace(/^by\s+/i, '') : null,
    published,
    modified,
    language,
    siteName,
    image: absolute(image, url),
    canonicalUrl: absolute(canonical ?? m('og:url'), url),
    description,
    articleBody: body,
  };
}

/** "Headline - Digg" → "Headline": og:title often carries the site name too. */
/** The first written date that parses to a plausible publication time: not before the web, not after tomorrow. */
export function plausibleDate(written: (string | null | undefined)[], now: Date): IsoTime | null {
  const latest = now.getTime() + 86_400_000;
  for (const w of written) {
    const d = parseDate(w);
    if (d && d >= WEB_BEGAN && Date.parse(d) <= latest) return d;
  }
  return null;
}

/** The first web page went up in 1991: no news page is dated before. */
const WEB_BEGAN = '1991-01-01T00:00:00.000Z';

/**
 * The publisher's name: the first named candidate that is not merely a subdomain of the page's host
 * (AP's hosted.ap.org pages call their site "Hosted"), else the Twitter handle, written as the acronym
 * it is when it spells the domain's own name ("@ap" on ap.org is AP).
 */
export function chooseSiteName(names: (string | null)[], handle: string | null, url: string | undefined): string | null {
  let labels: string[] = [];
  try {
    labels = url ? new URL(url).hostname.toLowerCase().split('.') : [];
  } catch { /* no usable URL: every name counts */ }
  // The site's own name is the label before its public suffix ("thesun" in www.thesun.co.uk): the TLD,
  // and a generic second level under a country code (co.uk, com.au), are not names.
  let end = labels.length - 1;
  if (end > 1 && labels[end]!.length === 2 && /^(co|com|org|net|gov|ac|edu|go|or|ne|gob|nic|ltd|plc)$/.test(labels[end - 1]!)) end--;
  const siteLabel = labels[end - 1];
  const subdomains = new Set(labels.slice(0, Math.max(0, end - 1)));
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const named = names.map((n) => n?.trim().replace(/^@/, '')).find((n): n is string => !!n && !subdomains.has(squash(n)));
  if (named) return named;
  const h = handle?.trim().replace(/^@/, '');
  if (h) return h.length <= 4 && siteLabel === h.toLowerCase() ? h.toUpperCase() : h;
  return names.map((n) => n?.trim().replace(/^@/, '')).find((n): n is string => !!n) ?? null;
}

function stripSiteName(title: string | null, site: string | null): string | null {
  if (!title || !site) return title;
  const s = site.replace(/^@/, '').toLowerCase();
  const parts = title.split(/\s+[|–—·»-]\s+/);
  if (parts.length < 2) return title;
  if (parts[parts.length - 1]!.toLowerCase() === s) return title.slice(0, title.toLowerCase().lastIndexOf(parts[parts.length - 1]!.toLowerCase())).replace(/\s+[|–—·»-]\s*$/, '').trim() || title;
  if (parts[0]!.toLowerCase() === s) return title.slice(parts[0]!.length).replace(/^\s*[|–—·»-]\s+/, '').trim() || title;
  return title;
}

/** "Headline | Site" → "Headline", when the site part is recognisable. */
function cleanTitleTag(t: string | null, site: string | null): string | null {
  if (!t) return null;
  const parts = t.split(/\s+[|–—·»-]\s+/);
  if (parts.length < 2) return t;
  if (site) {
    const kept = parts.filter((p) => p.toLowerCase() !== site.toLowerCase());
    if (kept.length < parts.length) return kept.join(' - ');
  }
  // The longest part is the headline; site names are short.
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}

function normalizeLanguage(v: string | null): string | null {
  if (!v) return null;
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(v.trim());
  return m ? m[1]!.toLowerCase() : null;
}

export function absolute(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export type { Element };
