// Adding sources: one path for `lede sources add|import`, the admin page, a reader following a feed
// and the reader APIs. The fetcher is the pipeline's (SSRF guard on every hop, size and time caps).
import { isLedeError, LedeError, describeError } from '../../domain/errors.ts';
import type { Feed, Source } from '../../domain/types.ts';
import type { Repository } from '../../store/repository.ts';
import type { Fetcher } from '../fetch/index.ts';
import { decodeHtml } from '../fetch/index.ts';
import { parseFeed } from '../feeds/index.ts';
import { discoverFeeds } from './discover.ts';
import type { OpmlOutline } from './opml.ts';

export interface SubscribeOptions {
  name?: string;
  language?: string | null;
  country?: string | null;
  category?: string | null;
}

export interface Subscribed {
  source: Source;
  feed: Feed;
  /** False when the feed was already followed. */
  created: boolean;
  format: string | null;
  items: number;
  /** Other feeds the page advertised (only the first is added). */
  alsoAdvertised: string[];
}

/** An http(s) URL, or a bad_input error naming `what`. */
export function httpUrl(s: string, what: string): string {
  try {
    const u = new URL(s.trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch { /* fall through to the error */ }
  throw new LedeError('bad_input', `${what} must be an http(s) URL.`);
}

/**
 * Follows the feed at `url`, or the first feed a home page advertises (<link rel="alternate">); the
 * source is found by home page or made from the feed's title and link. Fetches before it writes, so a
 * URL that is not a feed leaves nothing behind.
 */
export async function subscribe(repo: Repository, fetcher: Fetcher, url: string, opts: SubscribeOptions = {}): Promise<Subscribed> {
  const start = httpUrl(url, 'The address');
  const known = await repo.findFeedByUrl(start);
  if (known) return { source: (await repo.getSource(known.sourceId))!, feed: known, created: false, format: null, items: 0, alsoAdvertised: [] };
  const res = await fetcher.get(start, { kind: 'feed' });
  let feedUrl = res.url;
  let alsoAdvertised: string[] = [];
  let feed;
  try {
    feed = parseFeed(res.body, { contentType: res.contentType, url: res.url });
  } catch (e) {
    if (!isLedeError(e) || e.code !== 'feed_invalid') throw e;
    const found = discoverFeeds(decodeHtml(res.body, res.contentType), res.url);
    if (found.length === 0) throw new LedeError('not_found', `${res.url} is not a feed and advertises none (${e.message})`);
    feedUrl = found[0]!.url;
    alsoAdvertised = found.slice(1).map((f) => f.url);
    const again = await repo.findFeedByUrl(feedUrl);
    if (again) return { source: (await repo.getSource(again.sourceId))!, feed: again, created: false, format: null, items: 0, alsoAdvertised };
    const r2 = await fetcher.get(feedUrl, { kind: 'feed' });
    feed = parseFeed(r2.body, { contentType: r2.contentType, url: r2.url });
  }
  const homeUrl = feed.homeUrl ?? new URL('/', feedUrl).href;
  const { source, added, created } = await addFeedOf(repo, {
    homeUrl, feedUrl, name: opts.name?.trim() || feed.title?.trim() || new URL(homeUrl).hostname, title: feed.title ?? null,
    language: opts.language ?? null, country: opts.country ?? null, category: opts.category ?? null,
  });
  return { source, feed: added, created, format: feed.format, items: feed.items.length, alsoAdvertised };
}

/** Adds a feed under the source with this home page (made when missing), in one transaction; idempotent. */
async function addFeedOf(repo: Repository, f: { homeUrl: string; feedUrl: string; name: string; title: string | null; language: string | null; country?: string | null; category: string | null }): Promise<{ source: Source; added: Feed; created: boolean }> {
  return repo.transaction(async (tx) => {
    const existing = await tx.findFeedByUrl(f.feedUrl);
    if (existing) return { source: (await tx.getSource(existing.sourceId))!, added: existing, created: false };
    const source = (await tx.findSourceByHomeUrl(f.homeUrl)) ??
      (await tx.addSource({ name: f.name.slice(0, 200), homeUrl: f.homeUrl, language: f.language, country: f.country ?? null }));
    const added = await tx.addFeed({ sourceId: source.id, url: f.feedUrl, title: f.title, category: f.category });
    return { source, added, created: true };
  });
}

/** Adds a feed whose address the caller already knows (admin form): no fetch, nothing guessed. */
export async function addKnownFeed(repo: Repository, f: { name: string; homeUrl: string; feedUrl: string; language?: string | null }): Promise<{ source: Source; feed: Feed; created: boolean }> {
  const name = f.name.trim();
  if (!name || name.length > 200) throw new LedeError('bad_input', 'Give the source a name (up to 200 characters).');
  const homeUrl = httpUrl(f.homeUrl, 'The home page');
  const feedUrl = httpUrl(f.feedUrl, 'The feed URL');
  const r = await addFeedOf(repo, { homeUrl, feedUrl, name, title: null, language: f.language ?? null, category: null });
  return { source: r.source, feed: r.added, created: r.created };
}

export interface ImportResult {
  added: Feed[];
  /** Feeds already followed (still returned, so a reader's import can follow them). */
  existing: Feed[];
  skipped: { title: string; reason: string }[];
  /** The OPML folder of each feed, by feed id. */
  folders: Map<number, string | null>;
}

/** Adds every outline's feed (feeds already followed are kept); a failing outline is skipped with its reason. */
export async function importOutlines(repo: Repository, outlines: OpmlOutline[]): Promise<ImportResult> {
  const out: ImportResult = { added: [], existing: [], skipped: [], folders: new Map() };
  for (const o of outlines) {
    try {
      const homeUrl = o.htmlUrl ?? new URL('/', o.xmlUrl).href;
      const r = await addFeedOf(repo, { homeUrl, feedUrl: o.xmlUrl, name: o.title || new URL(homeUrl).hostname, title: o.title || null, language: o.language ?? null, category: o.categories[0] ?? null });
      (r.created ? out.added : out.existing).push(r.added);
      out.folders.set(r.added.id, o.categories[0] ?? null);
    } catch (e) {
      out.skipped.push({ title: o.title || o.xmlUrl, reason: describeError(e) });
    }
  }
  return out;
}
