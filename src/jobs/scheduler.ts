// The ingest scheduler: workers lease due feeds from the store (so several `lede ingest` processes, on one
// machine or many, share the feeds without fetching one twice), keep their leases alive with a heartbeat,
// run each feed through the pipeline and release it. A crashed worker's leases run out and its feeds
// return to the pool. Each feed's next poll time (interval, or back-off after errors) is set by the
// pipeline when it records the fetch.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { describeError } from '../domain/errors.ts';
import type { Feed, FeedId, StoryId } from '../domain/types.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import { flushStoryLog } from '../pipeline/stories/index.ts';
import { ingestFeed, refreshChangedStories, type FeedOutcome, type PipelineEvent } from '../pipeline/run.ts';
import type { Repository } from '../store/repository.ts';
import { runPool, sleep } from './pool.ts';
import { createPreparePool } from './prepare-pool.ts';

export interface IngestOptions {
  repo: Repository;
  fetcher: Fetcher;
  /** Feeds handled at once by this process. */
  concurrency: number;
  /** One pass over the feeds due now, then return; else keep polling until the signal. */
  once: boolean;
  pollIntervalMs: number;
  /** Time budget of one feed poll (see PipelineDeps.feedBudgetMs). */
  feedBudgetMs?: number;
  /**
   * Workers of this process on one host's feeds at once (default 2, the fetcher's per-host concurrency:
   * more would only queue for the host). A slow or huge publisher with many feeds holds at most this many
   * workers; the others go on with other hosts' feeds.
   */
  perHostWorkers?: number;
  /** Worker threads that extract and enrich (default 0: on the main thread). */
  threads?: number;
  /** Stops cleanly: the article in hand is finished, leases are released. */
  signal?: AbortSignal;
  onEvent?: (e: PipelineEvent) => void;
  /** A store error while looking for due feeds; when polling, the worker waits and tries again. */
  onError?: (message: string) => void;
  /** Unique per process; default host:pid:random. */
  workerId?: string;
  /** How long a lease lasts without a heartbeat (default 5 minutes). */
  leaseMs?: number;
  /** Longest idle wait between looks for due feeds when polling (default 30 s). */
  idleMs?: number;
  now?: () => Date;
}

export interface IngestSummary {
  feeds: number;
  feedErrors: number;
  stored: number;
  newArticles: number;
  seen: number;
  skipped: number;
  failed: number;
  interrupted: boolean;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const { repo } = opts;
  const worker = opts.workerId ?? newWorkerId();
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const idleMs = opts.idleMs ?? 30_000;
  const now = opts.now ?? (() => new Date());
  const held = new Set<FeedId>();
  const summary: IngestSummary = { feeds: 0, feedErrors: 0, stored: 0, newArticles: 0, seen: 0, skipped: 0, failed: 0, interrupted: false };

  // The heartbeat: every third of the lease, extend the leases of the feeds in hand.
  const heartbeat = setInterval(() => {
    if (held.size) repo.renewLeases(worker, [...held], leaseMs, now()).catch(() => {});
  }, Math.max(1000, Math.floor(leaseMs / 3)));
  heartbeat.unref();

  const count = (o: FeedOutcome) => {
    summary.feeds++;
    if (o.status === 'error' || o.status === 'refused') summary.feedErrors++;
    for (const i of o.items) {
      if (i.status === 'stored') {
        summary.stored++;
        if (i.isNewArticle) summary.newArticles++;
      } else if (i.status === 'seen') summary.seen++;
      else if (i.status === 'skipped') summary.skipped++;
      else summary.failed++;
    }
    if (o.interrupted) summary.interrupted = true;
  };

  // Stories changed by the polls, analysed once each when a worker has no feed to read, or when the
  // oldest has waited STORY_REFRESH_MS (so story pages stay fresh while feeds keep coming).
  const changed = new Set<StoryId>();
  let changedSince = Infinity;
  const deferStoryRefresh = (ids: StoryId[]) => {
    if (ids.length && changed.size === 0) changedSince = Date.now();
    for (const id of ids) changed.add(id);
  };
  // Workers that call this together share the stories one at a time (on PostgreSQL a story's analysis is
  // mostly round trips, which overlap); the backlog left by earlier runs is looked at once per drain.
  const refreshChanged = async () => {
    if (changed.size === 0) return;
    changedSince = Infinity;
    while (changed.size > 0 && !opts.signal?.aborted) {
      const id = changed.values().next().value as StoryId;
      changed.delete(id);
      await refreshChangedStories(repo, [id], now, 0).catch(() => {});
    }
    await refreshChangedStories(repo, [], now).catch(() => {});
  };

  const pool = createPreparePool(opts.threads ?? 0);
  const handle = async (feed: Feed) => {
    try {
      count(await ingestFeed({
        repo, fetcher: opts.fetcher, pollIntervalMs: opts.pollIntervalMs, now, signal: opts.signal, onEvent: opts.onEvent, feedBudgetMs: opts.feedBudgetMs,
        deferStoryRefresh, prepare: pool.prepare,
      }, feed));
    } catch (e) {
      // A store failure for one feed (disk full, lock timeout) is reported; the feed is retried later.
      summary.feedErrors++;
      opts.onEvent?.({ type: 'feed', feed, status: 'error', items: 0, error: `ingest failed: ${describeError(e)}` });
    } finally {
      held.delete(feed.id);
      await repo.releaseLease(worker, feed.id).catch(() => {});
    }
  };

  const dispatch = createHostQueue({
    lease: (n) => repo.leaseDueFeeds(worker, n, leaseMs, now()),
    perHost: Math.max(1, opts.perHostWorkers ?? 2),
    batch: Math.max(1, opts.concurrency),
    held,
  });

  try {
    await runPool(opts.concurrency, async () => {
      while (!opts.signal?.aborted) {
        let next: { feed: Feed; done: () => void } | null;
        try {
          next = await dispatch.next(opts.signal);
        } catch (e) {
          // A one-off pass reports it; a long-running poller outlives a database restart or a busy file.
          if (opts.once) throw e;
          opts.onError?.(`cannot look for due feeds: ${describeError(e)}; trying again`);
          await sleep(idleMs, opts.signal);
          continue;
        }
        if (next) {
          try {
            await handle(next.feed);
          } finally {
            next.done();
          }
          if (Date.now() - changedSince >= STORY_REFRESH_MS) await refreshChanged();
          continue;
        }
        await refreshChanged();
        // Nothing due: story_terms takes what was placed (pipeline/stories/story-fold.ts).
        await flushStoryLog(repo);
        if (opts.once) return;
        await sleep(await idleWait(repo, now(), idleMs), opts.signal);
      }
    });
    // Stopped: what is left stays due in the store for the next run. Else nothing is left here.
    if (!opts.signal?.aborted) await refreshChanged();
    await flushStoryLog(repo);
  } finally {
    clearInterval(heartbeat);
    for (const id of held) await repo.releaseLease(worker, id).catch(() => {});
    await pool.close();
  }
  if (opts.signal?.aborted) summary.interrupted = true;
  return summary;
}

/** The longest a changed story waits for its analysis while feeds keep coming. */
const STORY_REFRESH_MS = 30_000;

export interface HostQueue {
  /**
   * The next feed to read: the earliest due among the leased ones whose host has fewer than `perHost`
   * workers on it; leases more when none qualifies; waits for a host to free up when every leased feed's
   * host is busy; null when the store has no due feed left and nothing is leased. Call done() after.
   */
  next(signal?: AbortSignal): Promise<{ feed: Feed; done: () => void } | null>;
}

/**
 * Per-host fairness for the workers of one process. Feeds are leased a few at a time and handed out so
 * that no host has more than `perHost` workers: one slow or huge publisher with many feeds cannot take
 * every worker while other hosts' feeds wait. Leased feeds are in `held` (the heartbeat renews them).
 */
export function createHostQueue(opts: { lease: (n: number) => Promise<Feed[]>; perHost: number; batch: number; held: Set<FeedId> }): HostQueue {
  const waiting: Feed[] = [];
  const busy = new Map<string, number>();
  let exhausted = false;
  let leasing: Promise<void> | null = null;
  let wake: (() => void)[] = [];
  const hostOf = (f: Feed) => {
    try {
      return new URL(f.url).hostname.toLowerCase();
    } catch {
      return f.url;
    }
  };
  const take = () => {
    const i = waiting.findIndex((f) => (busy.get(hostOf(f)) ?? 0) < opts.perHost);
    if (i < 0) return null;
    const [feed] = waiting.splice(i, 1) as [Feed];
    const host = hostOf(feed);
    busy.set(host, (busy.get(host) ?? 0) + 1);
    let finished = false;
    return {
      feed,
      done: () => {
        if (finished) return;
        finished = true;
        opts.held.delete(feed.id);
        const n = (busy.get(host) ?? 1) - 1;
        if (n > 0) busy.set(host, n);
        else busy.delete(host);
        const w = wake;
        wake = [];
        for (const f of w) f();
      },
    };
  };
  const leaseMore = () => {
    leasing ??= opts.lease(opts.batch).then((feeds) => {
      if (feeds.length === 0) exhausted = true;
      for (const f of feeds) {
        opts.held.add(f.id);
        waiting.push(f);
      }
    }).finally(() => { leasing = null; });
    return leasing;
  };
  return {
    async next(signal) {
      exhausted = false;
      for (;;) {
        if (signal?.aborted) return null;
        const got = take();
        if (got) return got;
        if (!exhausted) {
          await leaseMore();
          continue;
        }
        // Nothing more is due: the leased feeds left all belong to busy hosts. Wait for one to free up.
        if (waiting.length === 0) return null;
        await new Promise<void>((resolve) => {
          wake.push(resolve);
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    },
  };
}

/** Until the next feed falls due (bounded by `maxMs`), so an idle poller neither spins nor oversleeps. */
async function idleWait(repo: Repository, now: Date, maxMs: number): Promise<number> {
  const feeds = await repo.listFeeds();
  let next = Infinity;
  for (const f of feeds) {
    const t = f.nextFetchAt ? Date.parse(f.nextFetchAt) : now.getTime();
    if (t < next) next = t;
  }
  return Math.min(maxMs, Math.max(250, next - now.getTime()));
}
