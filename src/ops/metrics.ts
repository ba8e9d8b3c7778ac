// Prometheus metrics (prom-client): one registry per process. Ingest counts polls and items as its
// events arrive; the web counts requests by route; store-derived gauges (feeds by state, articles,
// due-feed lag, leases) are read at scrape time, so a scrape of `lede serve` also shows what a
// separate `lede ingest` process has stored.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PipelineEvent } from '../pipeline/run.ts';
import type { Repository } from '../store/index.ts';

/** Reasons are free text with URLs in them; a metric label keeps only the leading code word. */
export function reasonCode(reason: string | null | undefined): string {
  const m = /^[a-z][a-z0-9_-]{0,39}/i.exec((reason ?? '').trim());
  return m ? m[0].toLowerCase() : 'unknown';
}

export class LedeMetrics {
  readonly registry = new Registry();
  readonly polls = new Counter({ name: 'lede_feed_polls_total', help: 'Feed polls by outcome status.', labelNames: ['status'], registers: [this.registry] });
  readonly pollFailures = new Counter({ name: 'lede_feed_poll_failures_total', help: 'Failed feed polls by reason code.', labelNames: ['reason'], registers: [this.registry] });
  readonly items = new Counter({ name: 'lede_items_total', help: 'Feed items handled, by outcome (stored, seen, skipped, failed).', labelNames: ['outcome'], registers: [this.registry] });
  readonly itemFailures = new Counter({ name: 'lede_item_failures_total', help: 'Failed or skipped items by reason code.', labelNames: ['outcome', 'reason'], registers: [this.registry] });
  readonly http = new Histogram({
    name: 'lede_http_request_duration_seconds',
    help: 'HTTP request duration by route and status class.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(repo?: Repository) {
    if (!repo) return;
    const feeds = new Gauge({ name: 'lede_feeds', help: 'Feeds by state.', labelNames: ['state'], registers: [this.registry], collect: async () => {
      feeds.reset();
      const now = Date.now();
      let lag = 0;
      for (const f of await repo.listFeeds()) {
        feeds.inc({ state: f.status });
        const due = f.nextFetchAt ? Date.parse(f.nextFetchAt) : now;
        if (due < now) lag = Math.max(lag, (now - due) / 1000);
      }
      dueLag.set(lag);
    } });
    const dueLag = new Gauge({ name: 'lede_due_feed_lag_seconds', help: 'How long the most overdue feed has waited past its due time.', registers: [this.registry] });
    const articles = new Gauge({ name: 'lede_articles', help: 'Articles in the store.', registers: [this.registry], collect: async () => { articles.set(await repo.countArticles()); } });
  }

  /** Counts one pipeline event (the `onEvent` of runIngest). */
  record(e: PipelineEvent): void {
    if (e.type === 'feed') {
      this.polls.inc({ status: e.status });
      if (e.status === 'error' || e.status === 'refused') this.pollFailures.inc({ reason: reasonCode(e.error) });
      return;
    }
    this.items.inc({ outcome: e.outcome.status });
    if (e.outcome.status === 'failed' || e.outcome.status === 'skipped') this.itemFailures.inc({ outcome: e.outcome.status, reason: reasonCode(e.outcome.reason) });
  }
}
