// The personal reader: what a person follows, their stream, unread counts, reading state, per-reader
// OPML, and the API password their apps sign in with. One service under the web pages, the Google
// Reader API, the Fever API and /api/v1, so every way in behaves the same.
import { createHash, randomBytes } from 'node:crypto';
import { LedeError } from '../domain/errors.ts';
import type { Account, ArticleId, Feed, Follow, FollowId, FollowKind, FolderId, IsoTime } from '../domain/types.ts';
import { FOLLOW_KINDS } from '../domain/types.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import { importOutlines, parseOpmlDetailed, subscribe, toOpml } from '../pipeline/sources/index.ts';
import type { ReadingItem, Repository, StreamQuery, UnreadCounts } from '../store/repository.ts';
import { READ_WINDOW_DAYS } from '../store/ports/reading.ts';

export interface ReaderDeps {
  repo: Repository;
  /** The pipeline's fetcher (SSRF guard), made on first use: only following a new feed needs it. */
  fetcher: () => Fetcher;
  now: () => Date;
  maxFollows: number;
  /** The default of the admin switch "readers may add feeds". */
  readersAddFeeds: boolean;
}

export const READERS_ADD_FEEDS = 'readers_add_feeds';

/** Whether readers may add feeds Lede does not read yet: the admin's choice, else the config's default. */
export async function readersMayAddFeeds(d: ReaderDeps): Promise<boolean> {
  const v = await d.repo.getSetting(READERS_ADD_FEEDS);
  return v === null ? d.readersAddFeeds : v === 'yes';
}

const nowIso = (d: ReaderDeps): IsoTime => d.now().toISOString();

async function checkRoom(d: ReaderDeps, account: Account): Promise<void> {
  if ((await d.repo.listFollows(account.id)).length >= d.maxFollows) {
    throw new LedeError('bad_input', `You follow ${d.maxFollows} things already, the most this Lede allows; unfollow some first.`);
  }
}

async function folderId(d: ReaderDeps, account: Account, folder: string | null | undefined): Promise<FolderId | null> {
  return folder?.trim() ? (await d.repo.ensureFolder(account.id, folder)).id : null;
}

/**
 * Follows a feed by address (a feed or a page that advertises one). A feed Lede already reads is
 * followed at once; a new one is added as a shared source through the same path as `lede sources add`,
 * when the admin allows readers to add feeds.
 */
export async function followFeed(d: ReaderDeps, account: Account, url: string, opts: { folder?: string | null; title?: string | null } = {}): Promise<Follow> {
  await checkRoom(d, account);
  let feed: Feed | null = null;
  try {
    feed = await d.repo.findFeedByUrl(new URL(url.trim()).href);
  } catch {
    throw new LedeError('bad_input', 'The address must be an http(s) URL.');
  }
  if (!feed) {
    if (!(await readersMayAddFeeds(d)) && account.role !== 'admin') {
      throw new LedeError('forbidden', 'This Lede does not let readers add new feeds; ask an administrator, or follow one of its outlets.');
    }
    feed = (await subscribe(d.repo, d.fetcher(), url)).feed;
  }
  const source = await d.repo.getSource(feed.sourceId);
  const title = opts.title?.trim() || feed.title || source?.name || feed.url;
  const added = (await d.repo.addFollow(account.id, { kind: 'feed', target: String(feed.id), feedId: feed.id, title, folderId: await folderId(d, account, opts.folder) })).follow;
  changed(d, account);
  return added;
}

/** Follows an outlet, hashtag, story, entity or search (a feed goes through followFeed). */
export async function follow(d: ReaderDeps, account: Account, kind: FollowKind, target: string, opts: { folder?: string | null; title?: string | null } = {}): Promise<Follow> {
  if (!FOLLOW_KINDS.includes(kind)) throw new LedeError('bad_input', `Unknown kind of follow: ${kind}.`);
  if (kind === 'feed') return followFeed(d, account, target, opts);
  let clean = target.trim().slice(0, 300);
  // Hashtags are stored with their '#'; people type them with or without.
  if (kind === 'hashtag') clean = clean.replace(/^#+/, '') ? '#' + clean.replace(/^#+/, '') : '';
  if (!clean) throw new LedeError('bad_input', 'Say what to follow.');
  let title = opts.title?.trim() || clean;
  if (kind === 'story') {
    const id = Number(clean);
    const found = Number.isInteger(id) && id > 0 ? await d.repo.getStory(id as never) : null;
    if (!found) throw new LedeError('not_found', 'No such story.');
    title = opts.title?.trim() || found.story.title;
  }
  await checkRoom(d, account);
  const added = (await d.repo.addFollow(account.id, { kind, target: clean, title, folderId: await folderId(d, account, opts.folder) })).follow;
  changed(d, account);
  return added;
}

/** The follows one follow or one folder stands for; undefined (all of them) when neither is given. */
export async function followScope(d: ReaderDeps, account: Account, by: { follow?: number | null; folder?: number | null }): Promise<FollowId[] | undefined> {
  if (by.follow) return [by.follow as FollowId];
  if (by.folder) return (await d.repo.listFollows(account.id)).filter((f) => f.folderId === by.folder).map((f) => f.id);
  return undefined;
}

export async function unfollow(d: ReaderDeps, account: Account, id: FollowId): Promise<void> {
  if (!(await d.repo.removeFollow(account.id, id))) throw new LedeError('not_found', 'You do not follow that.');
  changed(d, account);
}

/** Windows are cached for a minute: the first article id inside the unread window moves slowly. */
const windows = new WeakMap<Repository, { at: number; id: ArticleId }>();
export async function windowStart(d: ReaderDeps): Promise<ArticleId> {
  const t = d.now().getTime();
  const cached = windows.get(d.repo);
  if (cached && Math.abs(t - cached.at) < 60_000) return cached.id;
  const id = await d.repo.firstArticleSince(new Date(t - READ_WINDOW_DAYS * 86400_000).toISOString());
  windows.set(d.repo, { at: t, id });
  return id;
}

/** Saved searches' articles in the unread window, found by the store's full-text search. */
async function searchMatches(d: ReaderDeps, follows: Follow[]): Promise<Map<FollowId, ArticleId[]>> {
  const out = new Map<FollowId, ArticleId[]>();
  const from = new Date(d.now().getTime() - READ_WINDOW_DAYS * 86400_000).toISOString();
  for (const f of follows) {
    if (f.kind !== 'search') continue;
    try {
      const r = await d.repo.search(f.target, { limit: 200, from });
      out.set(f.id, r.hits.map((h) => h.id));
    } catch {
      out.set(f.id, []); // a saved query the search can no longer read finds nothing, it does not break the stream
    }
  }
  return out;
}

export type StreamOptions = Omit<StreamQuery, 'windowStart' | 'searchMatches'>;

/** The reader's stream: what their follows bring (or their starred articles), with their state. */
export async function stream(d: ReaderDeps, account: Account, opts: StreamOptions, follows?: Follow[]): Promise<ReadingItem[]> {
  const all = opts.starredOnly ? [] : follows ?? (await d.repo.listFollows(account.id));
  const scoped = opts.follows ? all.filter((f) => opts.follows!.includes(f.id)) : all;
  return d.repo.readingStream(account.id, { ...opts, windowStart: await windowStart(d), searchMatches: await searchMatches(d, scoped) });
}

/**
 * Unread counts, kept for COUNTS_TTL_MS per account in this process: a page of My Lede, an app's sync
 * and the next page all ask for them. Every change of the reader's own state through this module drops
 * them at once; new articles (and changes made on another node) show within the TTL, like every other
 * list on the site (FRAGMENT_TTL_MS).
 */
const COUNTS_TTL_MS = 15_000;
const countsCache = new WeakMap<Repository, Map<number, { at: number; counts: Promise<UnreadCounts> }>>();
function countsOf(d: ReaderDeps): Map<number, { at: number; counts: Promise<UnreadCounts> }> {
  let m = countsCache.get(d.repo);
  if (!m) countsCache.set(d.repo, (m = new Map()));
  return m;
}
/** Forgets an account's cached counts (after any change to what it follows or has read). */
export function changed(d: ReaderDeps, account: Pick<Account, 'id'>): void {
  countsOf(d).delete(account.id);
}

export async function unreadCounts(d: ReaderDeps, account: Account, follows?: Follow[]): Promise<UnreadCounts> {
  const cache = countsOf(d);
  const now = d.now().getTime();
  const hit = cache.get(account.id);
  if (hit && Math.abs(now - hit.at) < COUNTS_TTL_MS) return hit.counts;
  const counts = (async () => {
    const list = follows ?? (await d.repo.listFollows(account.id));
    return d.repo.unreadCounts(account.id, { windowStart: await windowStart(d), searchMatches: await searchMatches(d, list) });
  })();
  if (cache.size > 10_000) cache.clear(); // bounded: a busy server keeps only recent readers
  cache.set(account.id, { at: now, counts });
  counts.catch(() => cache.delete(account.id));
  return counts;
}

/** Counts as they are now, bypassing the cache (benchmarks, tests). */
export async function freshUnreadCounts(d: ReaderDeps, account: Account, follows?: Follow[]): Promise<UnreadCounts> {
  changed(d, account);
  return unreadCounts(d, account, follows);
}

export async function markRead(d: ReaderDeps, account: Account, ids: ArticleId[], read: boolean): Promise<void> {
  await d.repo.setRead(account.id, ids, read, nowIso(d));
  changed(d, account);
}
export async function star(d: ReaderDeps, account: Account, ids: ArticleId[], starred: boolean): Promise<void> {
  await d.repo.setStarred(account.id, ids, starred, nowIso(d));
  changed(d, account);
}

/**
 * Marks all as read: every article of these follows (all when absent) first seen up to `before` (now
 * when absent). Takes the id of the last article before that time, so articles arriving meanwhile stay unread.
 */
export async function markAllRead(d: ReaderDeps, account: Account, opts: { follows?: FollowId[]; before?: Date } = {}): Promise<void> {
  const before = opts.before && opts.before.getTime() < d.now().getTime() ? opts.before : d.now();
  const upTo = await d.repo.lastArticleBefore(new Date(before.getTime() + 1).toISOString());
  if (upTo > 0) await d.repo.markAllRead(account.id, upTo, opts.follows);
  changed(d, account);
}

/** The reader's follows of feeds as OPML 2.0, folders as outline groups. */
export async function exportOpml(d: ReaderDeps, account: Account): Promise<string> {
  const follows = (await d.repo.listFollows(account.id)).filter((f) => f.kind === 'feed' && f.feedId);
  const feeds = new Map((await d.repo.listFeeds()).map((f) => [f.id, f]));
  const sources = new Map((await d.repo.listSources()).map((s) => [s.id, s]));
  const groups = follows.map((f) => {
    const feed = feeds.get(f.feedId!)!;
    const source = sources.get(feed.sourceId)!;
    return { source: { ...source, name: f.title }, feeds: [{ ...feed, title: f.title, category: f.folder }] };
  });
  return toOpml(groups, `${account.name}'s Lede subscriptions`);
}

/** Imports OPML for one reader: its feeds become shared sources (when allowed) and the reader follows them, in its folders. */
export async function importOpml(d: ReaderDeps, account: Account, xml: string): Promise<{ followed: number; skipped: { title: string; reason: string }[] }> {
  const parsed = parseOpmlDetailed(xml);
  const skipped = [...parsed.skipped];
  const mayAdd = (await readersMayAddFeeds(d)) || account.role === 'admin';
  const known: typeof parsed.outlines = [];
  for (const o of parsed.outlines) {
    if (mayAdd || (await d.repo.findFeedByUrl(o.xmlUrl))) known.push(o);
    else skipped.push({ title: o.title || o.xmlUrl, reason: 'this Lede does not let readers add new feeds' });
  }
  const room = d.maxFollows - (await d.repo.listFollows(account.id)).length;
  const r = await importOutlines(d.repo, known.slice(0, Math.max(0, room)));
  for (const o of known.slice(Math.max(0, room))) skipped.push({ title: o.title || o.xmlUrl, reason: `more than ${d.maxFollows} follows` });
  skipped.push(...r.skipped);
  let followed = 0;
  for (const feed of [...r.added, ...r.existing]) {
    const folder = r.folders.get(feed.id);
    await d.repo.addFollow(account.id, { kind: 'feed', target: String(feed.id), feedId: feed.id, title: feed.title ?? feed.url, folderId: await folderId(d, account, folder) });
    followed++;
  }
  changed(d, account);
  return { followed, skipped };
}

// --- API passwords and tokens -------------------------------------------------------------------------

export const API_PASSWORD_MIN = 10;

/** What Fever clients send as api_key: md5("email:password"), lower-case hex. Stored only as its SHA-256. */
export const feverKey = (email: string, password: string): string => createHash('md5').update(`${email}:${password}`).digest('hex');
export const feverKeyHash = (key: string): string => createHash('sha256').update('fever|' + key.toLowerCase()).digest('hex');
const tokenHash = (token: string): string => createHash('sha256').update('api|' + token).digest('hex');

/** Sets the account's API password (separate from its web password); every earlier app token stops working. */
export async function setApiPassword(d: ReaderDeps, account: Account, password: string, hash: (p: string) => Promise<string>): Promise<void> {
  if (password.length < API_PASSWORD_MIN) throw new LedeError('bad_input', `The API password must be at least ${API_PASSWORD_MIN} characters.`);
  if (password.length > 200) throw new LedeError('bad_input', 'The API password is too long.');
  await d.repo.setApiPassword(account.id, await hash(password), feverKeyHash(feverKey(account.email, password)), nowIso(d));
}

/** A new token for an app, after the API password was checked; only its hash is stored. */
export async function issueToken(d: ReaderDeps, account: Account): Promise<string> {
  const token = randomBytes(30).toString('base64url');
  await d.repo.createApiToken(account.id, tokenHash(token), nowIso(d));
  return token;
}

export async function accountOfToken(d: ReaderDeps, token: string): Promise<Account | null> {
  if (!token || token.length > 200) return null;
  return d.repo.findApiToken(tokenHash(token), nowIso(d));
}
