// One adapter per format, from feedsmith's format-shaped objects into the single Item shape.
import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';
import type { Item } from '../../domain/types.ts';
import { parseFeedDate } from './dates.ts';
import { cleanText, htmlToText, resolveUrl, sanitizeContent, shorten, textToHtml } from './text.ts';

export interface FeedHead {
  title: string | null;
  homeUrl: string | null;
  language: string | null;
}

/** A language tag as feeds write it ("en-us", "EN", " fr "), or null. */
const languageTag = (raw: string | null | undefined): string | null => {
  const t = raw?.trim();
  return t && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(t) ? t.toLowerCase() : null;
};

/** The first image in (sanitised) content, when the feed names none; tracking pixels are skipped. */
function contentImage(html: string | null): string | null {
  if (!html) return null;
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
    const tag = m[0];
    const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
    const tiny = /\s(?:width|height)="([0-3])"/.exec(tag);
    if (src && !tiny) return src.replace(/&amp;/g, '&');
  }
  return null;
}

type MediaLike = {
  contents?: { url?: string; type?: string; medium?: string; width?: number }[];
  groups?: { contents?: { url?: string; type?: string; medium?: string; width?: number }[]; thumbnails?: { url?: string; width?: number }[] }[];
  thumbnails?: { url?: string; width?: number }[];
};
type Namespaced = {
  language?: string;
  dc?: { creators?: string[]; subjects?: string[]; dates?: string[]; languages?: string[] };
  media?: MediaLike;
  dcterms?: { issued?: string[]; created?: string[]; modified?: string[]; dates?: string[] };
  itunes?: { image?: string; author?: string };
  xml?: { base?: string; lang?: string };
};

const IMAGE_EXT = /\.(jpe?g|png|gif|webp|avif)(\?|#|$)/i;
const isImage = (type?: string, medium?: string, url?: string) =>
  medium === 'image' || (type ? type.toLowerCase().startsWith('image/') : !!url && IMAGE_EXT.test(url) && medium !== 'video');

/** The lead image of an item: media:content, media:group, media:thumbnail, an image enclosure, itunes:image. */
function pickImage(ns: Namespaced, enclosures: { url?: string; type?: string }[], base: string | null, extra: (string | undefined)[] = []): string | null {
  const widest = <T extends { url?: string; width?: number }>(list: T[]) => [...list].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0]?.url;
  const media = ns.media;
  const candidates = [
    ...extra,
    widest((media?.contents ?? []).filter((c) => isImage(c.type, c.medium, c.url))),
    widest((media?.groups ?? []).flatMap((g) => g.contents ?? []).filter((c) => isImage(c.type, c.medium, c.url))),
    widest(media?.thumbnails ?? []),
    widest((media?.groups ?? []).flatMap((g) => g.thumbnails ?? [])),
    enclosures.find((e) => isImage(e.type, undefined, e.url))?.url,
    ns.itunes?.image,
  ];
  for (const c of candidates) {
    const u = resolveUrl(c, base);
    if (u) return u;
  }
  return null;
}

/** "jane@example.com (Jane Doe)" → "Jane Doe"; bare e-mail addresses are not names. */
function personName(raw: string | undefined | null): string | null {
  const s = cleanText(raw);
  if (!s) return null;
  const paren = /\(([^)]+)\)\s*$/.exec(s);
  if (paren && /@/.test(s.slice(0, paren.index))) return paren[1].trim();
  const angled = /^(.+?)\s*<[^>]*@[^>]*>$/.exec(s);
  if (angled) return angled[1].replace(/^"|"$/g, '').trim();
  if (/^\S+@\S+$/.test(s)) return null;
  return s;
}

const unique = (xs: (string | null | undefined)[]): string[] => [...new Set(xs.map((x) => cleanText(x)).filter((x): x is string => !!x))];
const firstDate = (...xs: (string | undefined)[]) => {
  for (const x of xs) {
    const d = parseFeedDate(x);
    if (d) return d;
  }
  return null;
};

/** Summary (plain text) and content (sanitised HTML) from a teaser and a full body, either may be missing. */
function texts(teaserHtml: string | null | undefined, fullHtml: string | null | undefined, base: string | null) {
  const contentHtml = sanitizeContent(fullHtml, base) ?? sanitizeContent(teaserHtml, base);
  const summary = shorten(htmlToText(teaserHtml) ?? htmlToText(contentHtml));
  return { summary, contentHtml };
}

function dateFields(ns: Namespaced, published: string | undefined, updated: string | undefined) {
  const pub = firstDate(published, ns.dc?.dates?.[0], ns.dcterms?.issued?.[0], ns.dcterms?.created?.[0], ns.dcterms?.dates?.[0]);
  const upd = firstDate(updated, ns.dcterms?.modified?.[0]);
  return { published: pub ?? upd, updated: upd };
}

export function fromRss(feed: RssFeed.Feed<string>, url: string | null): { head: FeedHead; items: Item[] } {
  const feedBase = resolveUrl((feed as Namespaced).xml?.base, url) ?? url;
  const homeUrl = resolveUrl(feed.link, feedBase) ?? resolveUrl(feed.atom?.links?.find((l) => !l.rel || l.rel === 'alternate')?.href, feedBase);
  // Relative item links in RSS are meant against the site, as readers have always resolved them.
  const siteBase = homeUrl ?? feedBase;
  const items = (feed.items ?? []).map((it): Item => {
    const ns = it as Namespaced;
    const base = resolveUrl(ns.xml?.base, siteBase) ?? siteBase;
    const guid = cleanText(it.guid?.value);
    const link =
      resolveUrl(it.link, base) ??
      resolveUrl(it.atom?.links?.find((l) => !l.rel || l.rel === 'alternate')?.href, base) ??
      (it.guid?.isPermaLink !== false ? resolveUrl(guid, null) : null);
    const { summary, contentHtml } = texts(it.description, it.content?.encoded, link ?? base);
    return {
      guid,
      url: link,
      title: htmlToText(it.title),
      summary,
      contentHtml,
      authors: unique([...(it.authors ?? []).map((a) => personName(a.name ?? a.email)), ...(ns.dc?.creators ?? []).map(personName), personName(ns.itunes?.author)]),
      ...dateFields(ns, it.pubDate, it.atom?.updated),
      categories: unique([...(it.categories ?? []).map((c) => c.name), ...(ns.dc?.subjects ?? [])]),
      image: pickImage(ns, it.enclosures ?? [], base) ?? contentImage(contentHtml),
    };
  });
  const fns = feed as Namespaced;
  return { head: { title: htmlToText(feed.title), homeUrl, language: languageTag(feed.language) ?? languageTag(fns.dc?.languages?.[0]) ?? languageTag(fns.xml?.lang) }, items };
}

export function fromRdf(feed: RdfFeed.Feed<string>, url: string | null): { head: FeedHead; items: Item[] } {
  const homeUrl = resolveUrl(feed.link, url);
  const base = homeUrl ?? url;
  const items = (feed.items ?? []).map((it): Item => {
    const ns = it as Namespaced;
    const link = resolveUrl(it.link, base) ?? resolveUrl(it.rdf?.about, base);
    const { summary, contentHtml } = texts(it.description, it.content?.encoded, link ?? base);
    return {
      guid: cleanText(it.rdf?.about) ?? link,
      url: link,
      title: htmlToText(it.title),
      summary,
      contentHtml,
      authors: unique((ns.dc?.creators ?? []).map(personName)),
      ...dateFields(ns, undefined, undefined),
      categories: unique(ns.dc?.subjects ?? []),
      image: pickImage(ns, [], base) ?? contentImage(contentHtml),
    };
  });
  return { head: { title: htmlToText(feed.title), homeUrl, language: languageTag((feed as Namespaced).dc?.languages?.[0]) }, items };
}

/** Atom text constructs: type="text" is plain text, "html" and "xhtml" are markup. */
const atomText = (t: AtomFeed.Text | undefined): string | null => (!t ? null : t.type === 'html' || t.type === 'xhtml' ? htmlToText(t.value) : cleanText(t.value));
const atomHtml = (t: { value?: string; type?: string } | undefined): string | null =>
  !t?.value ? null : t.type === 'html' || t.type === 'xhtml' || t.type?.includes('html') ? t.value : textToHtml(t.value);
const alternate = (links: AtomFeed.Link<string>[] | undefined) =>
  links?.find((l) => (!l.rel || l.rel === 'alternate') && (!l.type || l.type.includes('html'))) ?? links?.find((l) => !l.rel || l.rel === 'alternate');

export function fromAtom(feed: AtomFeed.Feed<string>, url: string | null): { head: FeedHead; items: Item[] } {
  const feedBase = resolveUrl((feed as Namespaced).xml?.base, url) ?? url;
  const homeUrl = resolveUrl(alternate(feed.links)?.href, feedBase);
  const feedAuthors = (feed.authors ?? []).map((a) => personName(a.name));
  const items = (feed.entries ?? []).map((e): Item => {
    const ns = e as Namespaced;
    const base = resolveUrl(ns.xml?.base, feedBase) ?? feedBase;
    const link = resolveUrl(alternate(e.links)?.href, base);
    const { summary, contentHtml } = texts(atomHtml(e.summary), atomHtml(e.content), link ?? base);
    const authors = unique([...(e.authors ?? []).map((a) => personName(a.name)), ...(ns.dc?.creators ?? []).map(personName)]);
    const enclosures = (e.links ?? []).filter((l) => l.rel === 'enclosure').map((l) => ({ url: l.href, type: l.type }));
    return {
      guid: cleanText(e.id),
      url: link,
      title: atomText(e.title),
      summary,
      contentHtml,
      authors: authors.length ? authors : unique(feedAuthors),
      ...dateFields(ns, e.published, e.updated),
      categories: unique([...(e.categories ?? []).map((c) => c.label ?? c.term), ...(ns.dc?.subjects ?? [])]),
      image: pickImage(ns, enclosures, base) ?? contentImage(contentHtml),
    };
  });
  return { head: { title: atomText(feed.title), homeUrl, language: languageTag((feed as Namespaced).xml?.lang) }, items };
}

export function fromJson(feed: JsonFeed.Feed<string>, url: string | null): { head: FeedHead; items: Item[] } {
  const homeUrl = resolveUrl(feed.home_page_url, url);
  const base = url ?? homeUrl;
  const feedAuthors = (feed.authors ?? []).map((a) => personName(a.name));
  const items = (Array.isArray(feed.items) ? feed.items : []).map((it): Item => {
    const link = resolveUrl(it.url, base) ?? resolveUrl(it.external_url, base);
    const contentHtml = sanitizeContent(it.content_html, link ?? base) ?? sanitizeContent(textToHtml(it.content_text), link ?? base);
    const authors = unique((it.authors ?? []).map((a) => personName(a.name)));
    const attachments = (it.attachments ?? []).map((a) => ({ url: a.url, type: a.mime_type }));
    return {
      guid: cleanText(it.id === undefined || it.id === null ? null : String(it.id)),
      url: link,
      title: cleanText(it.title),
      summary: shorten(cleanText(it.summary) ?? htmlToText(contentHtml)),
      contentHtml,
      authors: authors.length ? authors : unique(feedAuthors),
      published: firstDate(it.date_published) ?? firstDate(it.date_modified),
      updated: firstDate(it.date_modified),
      categories: unique(it.tags ?? []),
      image: pickImage({}, attachments, base, [it.image, it.banner_image]) ?? contentImage(contentHtml),
    };
  });
  return { head: { title: cleanText(feed.title), homeUrl, language: languageTag(feed.language) }, items };
}
