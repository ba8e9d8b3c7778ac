// run: moves feeds and their items through the stages — fetch → feeds → extract → normalize → dedup and
// stories (placeVersion) → enrich → store. The only pipeline file that touches the store.
//
// Everything written for one article (its version, the item that delivered it, the enrichment) is one
// transaction, so a crash or Ctrl-C at any point leaves either the whole article or nothing of it; the
// item is recorded in the same transaction, so the next run picks the article up again when it was lost.
import { createHash } from 'node:crypto';
import { describeError, isLedeError } from '../domain/errors.ts';
import type { ArticleId, Feed, FeedStatus, Item, Source, StoryId, VersionId } from '../domain/types.ts';
import type { Repository } from '../store/repository.ts';
import { prepareArticle, type ArticleInput, type PreparedArticle } from './article.ts';
import { describeFetchFailure, type Fetcher } from './fetch/index.ts';
import { parseFeed } from './feeds/index.ts';
import { flushTermStats, placeVersion } from './stories/index.ts';
import { log } from '../log/index.ts';
import { noteVersion, refreshStories } from './compare/index.ts';

export interface PipelineDeps {
  repo: Repository;
  fetcher: Fetcher;
  /** How long after a good fetch a feed is due again. */
  pollIntervalMs: number;
  now?: () => Date;
  /** Stops between items: the item in hand is finished first. */
  signal?: AbortSignal;
  /** Progress and reasons for skipped items, one event at a time. */
  onEvent?: (e: PipelineEvent) => void;
  /**
   * How long one poll of one feed may read items (default: no limit). A feed whose pages are slow or many
   * gives its worker back when the budget is spent: the items not read are left for the next poll, which
   * comes as soon as the other due feeds have had their turn.
   */
  feedBudgetMs?: number;
  /**
   * Takes the stories a poll changed instead of analysing them at the end of the poll: the scheduler
   * gathers them over many polls and refreshes each once (a story that six feeds add to is otherwise
   * analysed six times, each time over all its articles). Until then they stay due in the store.
   */
  deferStoryRefresh?: (storyIds: StoryId[]) => void;
  /** Runs prepareArticle (extract, normalize, enrich); default in this thread. Ingest passes a worker-thread pool. */
  prepare?: (input: ArticleInput) => Promise<PreparedArticle>;
}

export type PipelineEvent =
  | { type: 'feed'; feed: Feed; status: FeedStatus; items: number; error: string | null }
  | { type: 'item'; feed: Feed; outcome: ItemOutcome; seconds?: ItemSeconds };

/**
 * Where one item's time went, for the ingest latency metrics and the ingest bench: total; read (fetch and
 * extract the page), split into fetch and extract; enrich; store (the transaction), of which place is dedup
 * and story placement.
 */
export type ItemSeconds = Partial<Record<'total' | 'read' | 'fetch' | 'extract' | 'enrich' | 'store' | 'place', number>>;

export type ItemOutcome =
  | { status: 'stored'; key: string; title: string; articleId: ArticleId; versionId: VersionId; isNewArticle: boolean; storyId: StoryId | null }
  | { status: 'seen'; key: string }
  | { status: 'skipped'; key: string; reason: string }
  | { status: 'failed'; key: string; reason: string };

export interface FeedOutcome {
  status: FeedStatus;
  error: string | null;
  items: ItemOutcome[];
  /** Stopped by the signal before every item was handled. */
  interrupted: boolean;
}

/** Items of one feed read at once, ahead of the one being stored (see ingestFeed). */
export const READ_AHEAD = 4;

/** The longest a feed that publishes rarely waits between polls. */
const MAX_POLL_MS = 6 * 3600_000;
const WEEK_MS = 7 * 24 * 3600_000;

/**
 * When a feed should be polled again after a good fetch: at the configured interval when it publishes
 * often, less often (up to 6 hours) when its items show it publishes rarely — the entry-frequency rule
 * of Miniflux: a week divided by the items published in the last week.
 */
export function pollDelayMs(items: Pick<Item, 'published'>[], now: Date, baseMs: number): number {
  const times = items.map((i) => (i.published ? Date.parse(i.published) : NaN)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return baseMs;
  const lastWeek = times.filter((t) => t > now.getTime() - WEEK_MS && t <= now.getTime() + 3600_000).length;
  const wanted = lastWeek === 0 ? MAX_POLL_MS : WEEK_MS / lastWeek;
  return Math.round(Math.min(Math.max(baseMs, MAX_POLL_MS), Math.max(baseMs, wanted)));
}

/** How a feed's item is known again on the next poll: its guid, else its link, else a hash of it. */
export function itemKey(item: Item): string {
  if (item.guid?.trim()) return item.guid.trim();
  if (item.url?.trim()) return item.url.trim();
  return 'sha256:' + sha256([item.title, item.published, item.summary, item.contentHtml].map((s) => s ?? '').join('\n'));
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export { contentHash } from './article.ts';

/** Fetches one feed (conditionally), parses it and ingests its new items; records the outcome on the feed. */
export async function ingestFeed(deps: PipelineDeps, feed: Feed): Promise<FeedOutcome> {
  const { repo, fetcher } = deps;
  const now = deps.now ?? (() => new Date());
  const started = now();
  const source = await repo.getSource(feed.sourceId);

  const fail = async (e: unknown): Promise<FeedOutcome> => {
    const f = describeFetchFailure(e, feed.errorCount + 1);
    await repo.recordFetch(feed.id, {
      status: f.status, error: f.error, fetchedAt: started.toISOString(), nextFetchAt: new Date(now().getTime() + f.retryInMs).toISOString(),
    });
    deps.onEvent?.({ type: 'feed', feed, status: f.status, items: 0, error: f.error });
    return { status: f.status, error: f.error, items: [], interrupted: false };
  };

  let res;
  try {
    res = await fetcher.get(feed.url, { kind: 'feed', etag: feed.etag, lastModified: feed.lastModified, signal: deps.signal });
  } catch (e) {
    return fail(e);
  }
  const due = (delayMs = deps.pollIntervalMs) => new Date(now().getTime() + delayMs).toISOString();
  if (res.status === 'not_modified') {
    await repo.recordFetch(feed.id, { status: 'not_modified', error: null, fetchedAt: started.toISOString(), nextFetchAt: due() });
    deps.onEvent?.({ type: 'feed', feed, status: 'not_modified', items: 0, error: null });
    return { status: 'not_modified', error: null, items: [], interrupted: false };
  }
  let parsed;
  try {
    parsed = parseFeed(res.body, { contentType: res.contentType, url: res.url });
  } catch (e) {
    return fail(e);
  }

  // Oldest first, so articles arrive in the order they were published (stories grow in time order).
  const items = parsed.items
    .map((item, i) => ({ item, i, t: item.published ? Date.parse(item.published) : NaN }))
    .sort((a, b) => (Number.isNaN(a.t) || Number.isNaN(b.t) ? b.i - a.i : a.t - b.t || b.i - a.i))
    .map((x) => x.item);
  const outcomes: ItemOutcome[] = [];
  let interrupted = false;
  let deferred = 0;
  const deadline = deps.feedBudgetMs ? performance.now() + deps.feedBudgetMs : Infinity;
  // Items are read (page fetched, extracted, enriched) up to READ_AHEAD at a time and stored one by one in
  // feed order: one slow page no longer holds the worker's other items, and the pages of the next items
  // are fetched while this one is stored. The fetcher's per-host limit still bounds the requests to a host.
  const reads: { started: number; seconds: ItemSeconds; read: Promise<ItemRead> }[] = [];
  for (let i = 0; i < items.length; i++) {
    while (reads.length < Math.min(items.length, i + READ_AHEAD) && !deps.signal?.aborted && performance.now() <= deadline) {
      const seconds: ItemSeconds = {};
      reads.push({ started: performance.now(), seconds, read: readItem(deps, { feed, source }, items[reads.length]!, seconds) });
    }
    if (i === reads.length) {
      // Nothing more was started: stopped by the signal, or the budget is spent.
      if (deps.signal?.aborted) interrupted = true;
      else deferred = items.length - i;
      break;
    }
    const { started, seconds } = reads[i]!;
    const read = await reads[i]!.read;
    const outcome = read.status === 'read' ? await storeItem(deps, { feed, source }, items[i]!, read, seconds) : read;
    seconds.total = (performance.now() - started) / 1000;
    outcomes.push(outcome);
    deps.onEvent?.({ type: 'item', feed, outcome, seconds });
  }
  // The feed's term counts reach the store now, not with a later batch (see stories/term-stats.ts).
  await flushTermStats(repo).catch((e: unknown) => log().warn({ err: e }, 'term counts not written yet; kept for the next batch'));
  if (!interrupted) await refreshTouchedStories(deps, outcomes);

  const failed = outcomes.filter((o): o is Extract<ItemOutcome, { status: 'failed' }> => o.status === 'failed');
  const notes = [
    parsed.partial ? `partial feed: ${parsed.partial}` : null,
    failed.length ? `${failed.length} item(s) failed, will retry: ${failed[0]!.reason}` : null,
    deferred ? `${deferred} item(s) deferred to the next poll: the feed's time budget (${Math.round(deps.feedBudgetMs! / 1000)} s) was spent` : null,
  ].filter(Boolean);
  const error = notes.length ? notes.join('; ') : null;
  // Items that failed for a passing reason (or were not reached) are retried on the next poll: the feed
  // is then fetched unconditionally, since a 304 would hide them.
  const retry = failed.length > 0 || interrupted || deferred > 0;
  await repo.recordFetch(feed.id, {
    status: 'ok',
    etag: retry ? null : res.etag,
    lastModified: retry ? null : res.lastModified,
    error,
    fetchedAt: started.toISOString(),
    // Stopped or out of budget: due again now, behind the feeds that were already waiting.
    nextFetchAt: interrupted || deferred ? now().toISOString() : due(pollDelayMs(parsed.items, now(), deps.pollIntervalMs)),
  });
  deps.onEvent?.({ type: 'feed', feed, status: 'ok', items: outcomes.filter((o) => o.status === 'stored').length, error });
  return { status: 'ok', error, items: outcomes, interrupted };
}

export interface ItemContext {
  feed: Feed;
  source: Source | null;
}

/** An item read and ready to store, or what became of it when there is nothing to store. */
type ItemRead = ItemOutcome | { status: 'read'; key: string; page: Extract<PreparedArticle, { status: 'ready' }> };

/** Moves one feed item through the stages into the store. Never throws for a bad item: it says why. */
export async function ingestItem(deps: PipelineDeps, ctx: ItemContext, item: Item, seconds: ItemSeconds = {}): Promise<ItemOutcome> {
  const read = await readItem(deps, ctx, item, seconds);
  return read.status === 'read' ? storeItem(deps, ctx, item, read, seconds) : read;
}

/** The stages before the store: seen before, a known link, or the page fetched, extracted and enriched. */
async function readItem(deps: PipelineDeps, ctx: ItemContext, item: Item, seconds: ItemSeconds): Promise<ItemRead> {
  const { repo } = deps;
  const key = itemKey(item);
  try {
    if (await whileUnavailable(() => repo.hasItem(ctx.feed.id, key))) return { status: 'seen', key };

    const known = await whileUnavailable(() => creditKnownLink(repo, ctx, key, item));
    if (known) return known;

    // Extraction and enrichment (pure, the costliest stages) are done before the transaction so the write
    // lock is short; on a worker thread when deps.prepare is a pool.
    const readStarted = performance.now();
    const page = await readArticle(deps, ctx, item, seconds);
    // read stays "fetch and extract" (what it measured before enrichment moved in here).
    seconds.read = (performance.now() - readStarted) / 1000 - (seconds.enrich ?? 0);
    if (!page) {
      await repo.recordItem(ctx.feed.id, key, item, null);
      return { status: 'skipped', key, reason: `no article text in ${item.url ?? 'the feed entry'}` };
    }
    return { status: 'read', key, page };
  } catch (e) {
    return { status: 'failed', key, reason: describeError(e) };
  }
}

/** A link another feed already delivered: the same copy, credited once. */
async function creditKnownLink(repo: Repository, ctx: ItemContext, key: string, item: Item): Promise<ItemOutcome | null> {
  if (!item.url) return null;
  const known = await repo.findVersionByUrl(item.url);
  if (!known) return null;
  await repo.recordItem(ctx.feed.id, key, item, known.id);
  return { status: 'skipped', key, reason: `already stored from ${item.url}` };
}

/** The store stage: the version placed, the item recorded, the enrichment and the story notes, in one transaction. */
async function storeItem(deps: PipelineDeps, ctx: ItemContext, item: Item, read: Extract<ItemRead, { status: 'read' }>, seconds: ItemSeconds): Promise<ItemOutcome> {
  const timed = async <T>(stage: keyof ItemSeconds, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      seconds[stage] = (seconds[stage] ?? 0) + (performance.now() - t) / 1000;
    }
  };
  const { key, page } = read;
  const { version, enrichment } = page;
  try {
    return await timed('store', () => whileUnavailable(() => deps.repo.transaction(async (tx): Promise<ItemOutcome> => {
      const placed = await timed('place', () => placeVersion(tx, { ...page.placement, version }));
      await tx.recordItem(ctx.feed.id, key, item, placed.version.id);
      // The link was stored meanwhile (by an item read at the same time, here or in another feed): the same
      // copy, credited once, as when it is known before the read.
      if (placed.isRepeat && item.url && (placed.version.url === item.url || placed.version.canonicalUrl === item.url)) {
        return { status: 'skipped', key, reason: `already stored from ${item.url}` };
      }
      if (placed.isNewArticle || placed.article.canonicalVersionId === placed.version.id) {
        await tx.saveEnrichment(placed.article.id, enrichment);
      }
      await noteVersion(tx, placed, { enrichment, page: page.page, source: ctx.source });
      return {
        status: 'stored' as const, key, title: version.title, articleId: placed.article.id, versionId: placed.version.id,
        isNewArticle: placed.isNewArticle, storyId: placed.storyId,
      };
    })));
  } catch (e) {
    return { status: 'failed', key, reason: describeError(e) };
  }
}

/** Waits before each new try of a store the database could not take (see whileUnavailable). */
const UNAVAILABLE_WAITS_MS = [250, 1000, 4000];

/**
 * Runs `work` again, after a short wait, while the store answers 'store_unavailable' (a dropped connection,
 * too many clients): the page is read already, and storing it is idempotent (a version stored before the
 * connection went is found again by its hash), so a passing outage costs seconds, not a poll interval.
 */
async function whileUnavailable<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const wait = UNAVAILABLE_WAITS_MS[attempt];
      if (wait === undefined || !isLedeError(e) || e.code !== 'store_unavailable') throw e;
      log().warn({ err: e, attempt: attempt + 1 }, 'store unavailable; trying the item again');
      await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
    }
  }
}

/** Stories analysed per poll beyond the ones it touched: the backlog left by stopped processes or old stores. */
const STORY_BACKLOG = 3;

/**
 * Story intelligence for the stories this poll changed, once each, after their articles committed (outside
 * the write lock). A story that fails here stays due and is picked up from the backlog by a later poll.
 */
async function refreshTouchedStories(deps: PipelineDeps, outcomes: ItemOutcome[]): Promise<void> {
  const touched = outcomes.flatMap((o) => (o.status === 'stored' && o.storyId !== null ? [o.storyId] : []));
  if (deps.deferStoryRefresh) return deps.deferStoryRefresh(touched);
  await refreshChangedStories(deps.repo, touched, deps.now);
}

/** Story intelligence for stories that changed (each once), plus `backlog` left due by earlier runs. */
export async function refreshChangedStories(repo: Repository, storyIds: Iterable<StoryId>, now?: () => Date, backlog = STORY_BACKLOG): Promise<void> {
  await refreshStories(repo, storyIds, { backlog, now });
}


/**
 * The prepared article (page or feed text, extracted, normalized, enriched), or null when there is no text
 * worth storing. Throws when the page could not be fetched for a passing reason and the feed has no text
 * to fall back on: the item is then retried on the next poll.
 */
async function readArticle(deps: PipelineDeps, ctx: ItemContext, item: Item, seconds: ItemSeconds): Promise<Extract<PreparedArticle, { status: 'ready' }> | null> {
  const prepare = deps.prepare ?? (async (input: ArticleInput) => prepareArticle(input));
  const base = { item, feedId: ctx.feed.id, source: ctx.source && { id: ctx.source.id, name: ctx.source.name, language: ctx.source.language }, fetchedAt: (deps.now ?? (() => new Date()))().toISOString() };
  const done = (r: PreparedArticle) => {
    if (r.status !== 'ready') return null;
    seconds.extract = (seconds.extract ?? 0) + r.seconds.extract;
    seconds.enrich = r.seconds.enrich;
    return r;
  };
  const first = await prepare({ ...base, page: { kind: 'none' } });
  if (first.status !== 'fetch') return done(first);

  let res;
  const fetchStarted = performance.now();
  try {
    // No abort signal here: on Ctrl-C the article in hand is finished (the fetch is bounded by its timeouts).
    res = await deps.fetcher.get(item.url!, { kind: 'page' });
  } catch (e) {
    seconds.fetch = (performance.now() - fetchStarted) / 1000;
    // Refused (robots.txt, SSRF guard, not http): the feed's text is all we may have.
    const permanent = isLedeError(e) && (e.code === 'fetch_refused' || e.code === 'too_large');
    const own = done(await prepare({ ...base, page: { kind: 'failed' } }));
    if (own || permanent) return own;
    throw e;
  }
  seconds.fetch = (performance.now() - fetchStarted) / 1000;
  return done(await prepare({ ...base, page: { kind: 'page', body: res.body, contentType: res.contentType, url: res.url } }));
}
