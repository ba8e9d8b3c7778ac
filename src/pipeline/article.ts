// article: one feed item, with its page when one was fetched, into the version to store and its
// enrichment — extract → normalize → enrich, the CPU-heavy half of ingest. Pure and synchronous, with
// plain data in and out, so it can run on a worker thread while the main thread fetches and stores
// (src/jobs/prepare-pool.ts); run.ts does the I/O around it.
import { createHash } from 'node:crypto';
import type { NewVersion } from '../domain/pipeline.ts';
import type { Enrichment, ExtractedPage, Item, Source } from '../domain/types.ts';
import { LedeError } from '../domain/errors.ts';
import { enrich } from './enrich/index.ts';
import { prepareVersion, type PreparedVersion } from './stories/index.ts';
import { extract, MIN_ARTICLE_CHARS } from './extract/index.ts';
// From the module itself, not the fetch barrel: the prepare thread would load the fetcher (undici) for it.
import { decodeHtml } from './fetch/charset.ts';
import { cleanWhitespace, detectLanguage, foldTypography } from './normalize/index.ts';

/** Below this much text, a feed entry is a summary and the article page is fetched. */
export const FULL_TEXT_CHARS = 1000;

export interface ArticleInput {
  item: Item;
  feedId: NewVersion['feedId'];
  source: Pick<Source, 'id' | 'name' | 'language'> | null;
  /**
   * none: no page fetched yet (is the feed's own text enough?); failed: the page could not be had (the
   * feed's text is all there is); page: the fetched page, body undecoded.
   */
  page: { kind: 'none' } | { kind: 'failed' } | { kind: 'page'; body: Uint8Array; contentType: string | null; url: string };
  fetchedAt: string;
}

/**
 * An extracted page without its text, markup and lede: a worker thread sends its result by copy, and those
 * are in the version already (the copies were a tenth of the worker's time).
 */
export type PageFacts = Omit<ExtractedPage, 'text' | 'html' | 'lede'>;

export type PreparedArticle =
  | {
    status: 'ready';
    /** What the store stage reads of the page besides the version (its text and markup are the version's). */
    page: PageFacts;
    /** The version to store, its URL canonical. */
    version: NewVersion;
    enrichment: Enrichment;
    /** The version's fingerprint and term counts for placement: pure work, done here off the store's thread. */
    placement: Omit<PreparedVersion, 'version'>;
    seconds: { extract: number; enrich: number };
  }
  /** The feed's text is not the full article: fetch the page and call again with it. */
  | { status: 'fetch' }
  /** No article text worth storing. */
  | { status: 'empty' };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The hash of the text as compared: typography folded, whitespace collapsed, case ignored. */
export function contentHash(text: string): string {
  return sha256(foldTypography(cleanWhitespace(text.normalize('NFC'))).replace(/\s+/g, ' ').trim().toLowerCase());
}

/** The article as the item's page shows it, or the feed's own content when it is the full text (or the page cannot be had). */
export function prepareArticle(input: ArticleInput): PreparedArticle {
  const { item } = input;
  const t0 = performance.now();
  // The feed's text is extracted only when it may be used: its text is never longer than its markup, so a
  // short summary can be neither the full text nor better than the page (extracting every summary cost ~3% of ingest).
  const raw = feedMarkup(item);
  let fromFeed: ExtractedPage | null | undefined;
  const feedText = () => (fromFeed === undefined ? (fromFeed = feedContent(item)) : fromFeed);

  let page: ExtractedPage | null = null;
  let url: string | null = item.url;
  if (input.page.kind === 'none') {
    const own = raw.length >= FULL_TEXT_CHARS || !item.url ? feedText() : null;
    if (own && own.text.length >= FULL_TEXT_CHARS) page = own;
    else if (item.url) return { status: 'fetch' };
    else if (own && own.text.length >= MIN_ARTICLE_CHARS) page = own;
  } else if (input.page.kind === 'failed') {
    const own = raw.length >= MIN_ARTICLE_CHARS ? feedText() : null;
    if (own && own.text.length >= MIN_ARTICLE_CHARS) page = own;
  } else {
    const res = input.page;
    const body = Buffer.from(res.body.buffer, res.body.byteOffset, res.body.byteLength);
    const type = (res.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    let extracted: ExtractedPage;
    if (type === 'text/plain') extracted = extract({ text: decodeHtml(body, res.contentType), url: res.url });
    else if (type === '' || type.includes('html') || type.includes('xml')) extracted = extract({ html: decodeHtml(body, res.contentType), url: res.url });
    else throw new LedeError('extract_failed', `${res.url} is ${type}, not an article page`);
    // A page that yields less than the feed said (paywall, script-rendered) loses to the feed's text.
    const own = raw.length > extracted.text.length ? feedText() : null;
    if (own && own.text.length > extracted.text.length) extracted = { ...extracted, text: own.text, html: own.html, lede: own.lede };
    if (extracted.text.length >= MIN_ARTICLE_CHARS) page = extracted;
    url = res.url;
  }
  if (!page) return { status: 'empty' };
  const version = toVersion(input, page, url);
  const t1 = performance.now();
  const enrichment = enrich({ title: version.title, text: version.text, published: version.published, language: version.language });
  const { version: canonical, ...placement } = prepareVersion(version);
  const { text: _text, html: _html, lede: _lede, ...facts } = page;
  return {
    status: 'ready', page: facts, version: canonical, enrichment: { ...enrichment, language: enrichment.language ?? version.language }, placement,
    seconds: { extract: (t1 - t0) / 1000, enrich: (performance.now() - t1) / 1000 },
  };
}

const feedMarkup = (item: Item): string => item.contentHtml?.trim() || item.summary?.trim() || '';

/** The feed entry's own content (full text or summary) as an extracted page, or null when it has none. */
function feedContent(item: Item): ExtractedPage | null {
  const html = feedMarkup(item);
  if (!html) return null;
  const body = /<[a-z][^>]*>/i.test(html) ? html : html.split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const page = extract({ html: `<html><body><article>${body}</article></body></html>`, url: item.url ?? undefined });
  return page.text.trim() ? page : null;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toVersion(input: ArticleInput, page: ExtractedPage, url: string | null): NewVersion {
  const { item, source } = input;
  // Only the display text is needed here, and extraction has already detected the language (detecting it
  // again over the whole text was ~5% of an ingest's CPU).
  const text = cleanWhitespace(page.text.normalize('NFC'));
  const outlet = source?.name ?? page.siteName ?? (url ? new URL(url).hostname : 'unknown');
  const title = cleanWhitespace((item.title?.trim() || page.title?.trim() || text.split('\n')[0]!.slice(0, 120)).normalize('NFC'));
  return {
    sourceId: source?.id ?? null,
    feedId: input.feedId,
    outlet,
    url,
    canonicalUrl: page.canonicalUrl,
    title,
    byline: page.byline ?? (item.authors.length ? item.authors.join(', ') : null),
    text,
    html: page.html,
    lede: page.lede,
    image: page.image ?? item.image,
    language: page.language ?? detectLanguage(text) ?? source?.language ?? null,
    published: page.published ?? item.published ?? item.updated,
    fetchedAt: input.fetchedAt,
    contentHash: contentHash(text),
  };
}
