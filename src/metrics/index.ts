// Prometheus metrics (prom-client): one registry per process. What a process does is counted where it
// happens (HTTP requests in the web app, polls and items in ingest); what the store holds (feeds by state,
// due-feed lag, store size) is read from the store at scrape time, so any process's /metrics shows it.
// `lede serve` answers /metrics when LEDE_METRICS=1 (behind LEDE_METRICS_TOKEN when set); `lede ingest`
// serves its own on LEDE_METRICS_PORT; `lede demo` runs both in one process.
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PipelineEvent } from '../pipeline/run.ts';
import type { Repository } from '../store/repository.ts';
import { reasonCode } from '../log/index.ts';

export interface Metrics {
  registry: Registry;
  httpRequests: Histogram<'method' | 'route' | 'status'>;
  polls: Counter<'status'>;
  pollFailures: Counter<'reason'>;
  items: Counter<'outcome'>;
  itemFailures: Counter<'reason'>;
  itemSeconds: Histogram<'stage'>;
  /** Reads feeds by state, due lag and store size from `repo` on every scrape. */
  watchStore(repo: Repository): void;
  /** Counts one pipeline event (a feed poll or an item). */
  onPipelineEvent(e: PipelineEvent): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lede_process_' });
  const httpRequests = new Histogram({
    name: 'lede_http_request_duration_seconds', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  const polls = new Counter({ name: 'lede_feed_polls_total', help: 'Feed polls by result', labelNames: ['status'] as const, registers: [registry] });
  const pollFailures = new Counter({ name: 'lede_feed_poll_failures_total', help: 'Failed feed polls by reason code', labelNames: ['reason'] as const, registers: [registry] });
  const items = new Counter({ name: 'lede_items_total', help: 'Feed items by outcome: stored, seen, skipped, failed', labelNames: ['outcome'] as const, registers: [registry] });
  const itemFailures = new Counter({ name: 'lede_item_failures_total', help: 'Failed items by reason code', labelNames: ['reason'] as const, registers: [registry] });
  const itemSeconds = new Histogram({
    name: 'lede_ingest_item_duration_seconds', help: 'Time to ingest one item, by stage: total, read (fetch and extract), fetch, extract, enrich, store, place (part of store)', labelNames: ['stage'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry],
  });
  let repo: Repository | null = null;
  // One read of the feeds serves the three gauges of a scrape (the registry collects them concurrently).
  // Each of the three reads it once; a fourth read (the next scrape), or a second later, reads anew.
  let snapshot: { at: number; uses: number; value: Promise<FeedSnapshot> } | null = null;
  const feeds = (): Promise<FeedSnapshot> => {
    if (!snapshot || snapshot.uses >= 3 || Date.now() - snapshot.at > 1000) snapshot = { at: Date.now(), uses: 0, value: readFeeds(repo!) };
    snapshot.uses++;
    return snapshot.value;
  };
  new Gauge({
    name: 'lede_feeds', help: 'Feeds by state of their last poll', labelNames: ['status'] as const, registers: [registry],
    async collect() {
      if (!repo) return;
      this.reset();
      for (const [status, n] of (await feeds()).byStatus) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'lede_feeds_due', help: 'Feeds due for a poll now', registers: [registry],
    async collect() { if (repo) this.set((await feeds()).due); },
  });
  new Gauge({
    name: 'lede_feeds_due_lag_seconds', help: 'How long the most overdue feed has waited for its poll', registers: [registry],
    async collect() { if (repo) this.set((await feeds()).lagSeconds); },
  });
  new Gauge({
    name: 'lede_feed_leases', help: 'Feeds leased now, by ingest worker', labelNames: ['worker'] as const, registers: [registry],
    async collect() {
      if (!repo) return;
      this.reset();
      for (const l of await repo.countLeases()) this.set({ worker: l.worker }, l.feeds);
    },
  });
  new Gauge({
    name: 'lede_articles', help: 'Articles in the store', registers: [registry],
    async collect() { if (repo) this.set(await repo.countArticles()); },
  });
  new Gauge({
    name: 'lede_store_bytes', help: 'Size of the store on disk (SQLite file with its WAL, or the PostgreSQL database)', registers: [registry],
    async collect() { if (repo) this.set(await repo.storeBytes()); },
  });

  return {
    registry, httpRequests, polls, pollFailures, items, itemFailures, itemSeconds,
    watchStore(r) { repo = r; },
    onPipelineEvent(e) {
      if (e.type === 'feed') {
        polls.inc({ status: e.status });
        if (e.error && (e.status === 'error' || e.status === 'refused')) pollFailures.inc({ reason: reasonCode(e.error) });
        return;
      }
      items.inc({ outcome: e.outcome.status });
      if (e.outcome.status === 'failed') itemFailures.inc({ reason: reasonCode(e.outcome.reason) });
      if (e.seconds) for (const [stage, s] of Object.entries(e.seconds)) itemSeconds.observe({ stage }, s);
    },
  };
}

interface FeedSnapshot { byStatus: Map<string, number>; due: number; lagSeconds: number }

async function readFeeds(repo: Repository): Promise<FeedSnapshot> {
  const byStatus = new Map<string, number>();
  let due = 0;
  let lagSeconds = 0;
  const now = Date.now();
  for (const f of await repo.listFeeds()) {
    byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
    const next = f.nextFetchAt ? Date.parse(f.nextFetchAt) : now;
    if (next <= now) {
      due++;
      lagSeconds = Math.max(lagSeconds, (now - next) / 1000);
    }
  }
  return { byStatus, due, lagSeconds };
}

/** A small HTTP server answering GET /metrics (for `lede ingest`, which has no web app). */
export async function serveMetrics(metrics: Metrics, port: number, host: string, token?: string): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') return void res.writeHead(404).end();
    const given = Buffer.from(req.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    if (token && !(given.length === wanted.length && timingSafeEqual(given, wanted))) return void res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const addr = server.address() as import('node:net').AddressInfo;
  return { url: `http://${host}:${addr.port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
