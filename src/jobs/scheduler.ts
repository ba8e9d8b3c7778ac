// The ingest scheduler: workers lease due feeds from the store (so several `lede ingest` processes, on one
// machine or many, share the feeds without fetching one twice), keep their leases alive with a heartbeat,
// run each feed through the pipeline and release it. A crashed worker's leases run out and its feeds
// return to the pool. Each feed's next poll time (interval, or back-off after errors) is set by the
// pipeline when it records the fetch.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { describeError } from '../domain/errors.ts';
import type { Feed, FeedId } from '../domain/types.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import { ingestFeed, type FeedOutcome, type PipelineEvent } from '../pipeline/run.ts';
import type { Repository } from '../store/repository.ts';
import { runPool, sleep } from './pool.ts';

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

  const handle = async (feed: Feed) => {
    held.add(feed.id);
    try {
      count(await ingestFeed({ repo, fetcher: opts.fetcher, pollIntervalMs: opts.pollIntervalMs, now, signal: opts.signal, onEvent: opts.onEvent, feedBudgetMs: opts.feedBudgetMs }, feed));
    } catch (e) {
      // A store failure for one feed (disk full, lock timeout) is reported; the feed is retried later.
      summary.feedErrors++;
      opts.onEvent?.({ type: 'feed', feed, status: 'error', items: 0, error: `ingest failed: ${describeError(e)}` });
    } finally {
      held.delete(feed.id);
      await repo.releaseLease(worker, feed.id).catch(() => {});
    }
  };

  try {
    await runPool(opts.concurrency, async () => {
      while (!opts.signal?.aborted) {
        let feed: Feed | undefined;
        try {
          [feed] = await repo.leaseDueFeeds(worker, 1, leaseMs, now());
        } catch (e) {
          // A one-off pass reports it; a long-running poller outlives a database restart or a busy file.
          if (opts.once) throw e;
          opts.onError?.(`cannot look for due feeds: ${describeError(e)}; trying again`);
          await sleep(idleMs, opts.signal);
          continue;
        }
        if (feed) {
          await handle(feed);
          continue;
        }
        if (opts.once) return;
        await sleep(await idleWait(repo, now(), idleMs), opts.signal);
      }
    });
  } finally {
    clearInterval(heartbeat);
    for (const id of held) await repo.releaseLease(worker, id).catch(() => {});
  }
  if (opts.signal?.aborted) summary.interrupted = true;
  return summary;
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
