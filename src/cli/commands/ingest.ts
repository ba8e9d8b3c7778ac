// `lede ingest [--once] [--concurrency N]`: polls due feeds and reads their new articles into the store.
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { IngestSummary } from '../../jobs/index.ts';
import type { PipelineEvent } from '../../pipeline/run.ts';
import type { Command } from '../command.ts';
import { reasonCode } from '../../log/index.ts';

const help = `Usage: lede ingest [--once] [--concurrency N]

Fetches the feeds that are due (conditional GET: an unchanged feed costs one 304), reads each new
item's article page (robots.txt obeyed), extracts, deduplicates, groups it into a story, enriches it
and stores it. Items already read are skipped, so running it twice stores nothing twice. A failing
feed is recorded with its reason (see lede sources list), polled again later with back-off, and the
run goes on. Several processes (on several machines with PostgreSQL) share the feeds through leases.

Options:
  --once            one pass over the feeds due now, then exit (default: keep polling)
  --concurrency N   feeds fetched at once (default LEDE_INGEST_CONCURRENCY or 4)

Shows a progress line on a terminal, one log line per feed otherwise. Ctrl-C stops cleanly after the
article in hand; a second Ctrl-C stops at once (nothing half-written is ever kept).`;

export default {
  summary: 'fetch due feeds and store their new articles',
  help,
  async run(argv: string[]): Promise<number> {
    let values: { once?: boolean; concurrency?: string };
    try {
      ({ values } = parseArgs({ args: argv, options: { once: { type: 'boolean' }, concurrency: { type: 'string' } } }));
    } catch (e) {
      throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
    }
    if (values.concurrency !== undefined && !/^[1-9]\d*$/.test(values.concurrency)) {
      throw new LedeError('bad_input', `--concurrency needs a positive integer, got ${values.concurrency}`);
    }
    // Loaded here, not at the top: `lede --help` and `lede ingest --help` must not pay for the pipeline.
    const { loadConfig } = await import('../../config/index.ts');
    const { openRuntime, stopSignal } = await import('../../main.ts');
    const config = loadConfig({ ingestConcurrency: values.concurrency });
    const { configureLogging } = await import('../../log/index.ts');
    const logger = configureLogging(config);
    const rt = await openRuntime(config);
    // Its own /metrics when asked (LEDE_METRICS_PORT): the counters of what this process ingests. Loaded only
    // then: prom-client (with the OpenTelemetry API it requires) cost each process ~0.2 s of CPU at start.
    const metricsModule = config.metricsPort ? await import('../../metrics/index.ts') : null;
    const metrics = metricsModule?.createMetrics() ?? null;
    metrics?.watchStore(rt.repo);
    const metricsServer = metricsModule && metrics ? await metricsModule.serveMetrics(metrics, config.metricsPort, config.host, config.metricsToken) : null;
    if (metricsServer) logger.info({ event: 'metrics_listening', url: metricsServer.url }, `metrics on ${metricsServer.url}/metrics`);
    const stop = stopSignal(() => process.stderr.write('\nlede: stopping after the article in hand (Ctrl-C again to stop now)\n'));
    const progress = createProgress(Boolean(process.stderr.isTTY), process.stderr, undefined, logger);
    try {
      const feeds = await rt.repo.listFeeds();
      if (feeds.length === 0) {
        console.error('lede: no feeds to ingest yet: lede sources add URL, or lede sources import FILE.opml');
        return 0;
      }
      const { runIngest } = await import('../../jobs/index.ts');
      const due = feeds.filter((f) => !f.nextFetchAt || Date.parse(f.nextFetchAt) <= Date.now()).length;
      progress.start(values.once ? due : null);
      const summary = await runIngest({
        repo: rt.repo,
        fetcher: rt.fetcher,
        concurrency: config.ingestConcurrency,
        once: Boolean(values.once),
        pollIntervalMs: config.pollIntervalMinutes * 60_000,
        feedBudgetMs: config.feedBudgetSeconds * 1000,
        perHostWorkers: config.fetchPerHostConcurrency,
        threads: config.ingestThreads,
        leaseMs: config.leaseSeconds * 1000,
        signal: stop.signal,
        onEvent: (e) => { progress.event(e); metrics?.onPipelineEvent(e); },
        onError: (m) => process.stderr.write(`\nlede ingest: ${m}\n`),
      });
      progress.done(summary);
      return 0;
    } finally {
      stop.dispose();
      await metricsServer?.close();
      await rt.close();
    }
  },
} satisfies Command;

export interface Progress {
  start(total: number | null): void;
  event(e: PipelineEvent): void;
  done(s: IngestSummary): void;
}

/** A redrawn progress line on a terminal; plain log lines otherwise (logs, CI, pipes). */
export function createProgress(
  tty: boolean,
  out: { write(s: string): unknown; columns?: number } = process.stderr,
  log: (line: string) => void = (line) => console.log(line),
  /** When given, the non-terminal output is structured events instead of text lines: one per feed poll, one per failed item. */
  logger?: import('../../log/index.ts').Logger,
): Progress {
  let total: number | null = null;
  let feeds = 0;
  let stored = 0;
  let fresh = 0;
  let errors = 0;
  let last = '';
  const bar = () => {
    const width = 24;
    const done = total ? Math.min(width, Math.round((feeds / Math.max(1, total)) * width)) : 0;
    const head = total ? `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${feeds}/${total} feeds` : `${feeds} feeds`;
    const line = `${head} · ${fresh} new articles, ${stored - fresh} more versions · ${errors} errors${last ? ` · ${last}` : ''}`;
    const cols = out.columns || 100;
    out.write(`\r\x1b[K${line.length > cols - 1 ? line.slice(0, cols - 2) + '…' : line}`);
  };
  return {
    start(t) {
      total = t;
      if (tty) bar();
    },
    event(e) {
      if (e.type === 'item') {
        if (e.outcome.status === 'stored') {
          stored++;
          if (e.outcome.isNewArticle) fresh++;
          last = e.outcome.title.slice(0, 60);
        } else if (e.outcome.status === 'failed') {
          if (!tty && logger) logger.warn({ event: 'item_failed', feed: e.feed.url, item: e.outcome.key, reason: reasonCode(e.outcome.reason), error: e.outcome.reason }, 'item failed');
          else if (!tty) log(`item ${e.outcome.key} of ${e.feed.url}: failed: ${e.outcome.reason}`);
        }
        if (tty) bar();
        return;
      }
      feeds++;
      if (e.status === 'error' || e.status === 'refused') errors++;
      if (tty) {
        if (e.error && (e.status === 'error' || e.status === 'refused')) out.write(`\r\x1b[Kfeed ${e.feed.url}: ${e.error}\n`);
        bar();
      } else if (logger) {
        const failed = e.status === 'error' || e.status === 'refused';
        logger[failed ? 'warn' : 'info']({ event: 'feed_poll', feed: e.feed.url, status: e.status, stored: e.items, ...(e.error ? { reason: reasonCode(e.error), error: e.error } : {}) }, 'feed polled');
      } else {
        log(`feed ${e.feed.url}: ${e.status}${e.items ? `, ${e.items} stored` : ''}${e.error ? ` (${e.error})` : ''}`);
      }
    },
    done(s) {
      if (tty) out.write('\r\x1b[K');
      log(
        `lede ingest: ${s.feeds} feed fetch(es), ${s.newArticles} new article(s), ${s.stored - s.newArticles} further version(s), ` +
          `${s.seen} already seen, ${s.skipped} skipped, ${s.failed} failed, ${s.feedErrors} feed error(s)${s.interrupted ? ' — stopped early' : ''}`,
      );
    },
  };
}
