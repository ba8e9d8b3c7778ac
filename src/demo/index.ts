// `lede demo`: the newcomer's first run. Starts the bundled newswire on loopback, subscribes to its
// outlets, ingests them once through the real pipeline over HTTP (fetch → feeds → extract → dedup →
// stories → enrich → store), then serves the reader. Re-running it stores nothing twice: sources and
// feeds are found again by URL, items by their guid, and feeds already read are not due yet.
import type { Config } from '../config/index.ts';

import { runIngest, type IngestSummary } from '../jobs/index.ts';
import { openRuntime, type Runtime } from '../main.ts';
import { createMetrics } from '../metrics/index.ts';
import type { PipelineEvent } from '../pipeline/run.ts';
import type { Repository } from '../store/repository.ts';
import { startWeb } from '../web/index.ts';
import { startNewswire, type Newswire, type NewswireOutlet } from './newswire.ts';

/** The newswire's port when free: a stable one keeps the stored feed and article URLs valid across runs. */
export const DEFAULT_NEWSWIRE_PORT = 8079;

export interface DemoOptions {
  config: Config;
  /** The newswire's port (default 8079, or a free one when the reader's port is 0 or 8079 is taken). */
  newswirePort?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface Demo {
  url: string;
  newswire: Newswire;
  summary: IngestSummary;
  close(): Promise<void>;
}

export async function startDemo(opts: DemoOptions): Promise<Demo> {
  const log = opts.log ?? (() => {});
  const newswire = await listenNewswire(opts.newswirePort ?? (opts.config.port === 0 ? 0 : DEFAULT_NEWSWIRE_PORT), log);
  let rt: Runtime | null = null;
  try {
    log(`demo newswire on ${newswire.url} (${newswire.outlets.length} outlets)`);
    // The guard against private addresses is lifted for the demo only: its newswire is on loopback.
    const config: Config = { ...opts.config, allowPrivateNetworks: true };
    rt = await openRuntime(config, { allowPrivateNetworks: true, minDelayMs: 0 });
    // One process ingests and serves: the web's /metrics counts this ingest too.
    const metrics = config.metrics ? createMetrics() : null;
    const added = await subscribe(rt.repo, newswire.outlets);
    if (added) log(`subscribed to ${added} demo feed(s)`);
    const summary = await runIngest({
      repo: rt.repo,
      fetcher: rt.fetcher,
      concurrency: config.ingestConcurrency,
      // Every demo outlet is on the one loopback host: fairness between hosts has nothing to share out.
      perHostWorkers: config.ingestConcurrency,
      once: true,
      pollIntervalMs: config.pollIntervalMinutes * 60_000,
      signal: opts.signal,
      onEvent: (e) => { logEvent(e, log); metrics?.onPipelineEvent(e); },
    });
    log(`ingested: ${summary.newArticles} new article(s), ${summary.stored - summary.newArticles} further version(s), ` +
      `${summary.seen} already stored, ${summary.skipped} skipped, ${summary.failed} failed`);
    const web = await startWeb({ repo: rt.repo, config, port: config.port, host: config.host, metrics });
    const runtime = rt;
    return {
      url: web.url,
      newswire,
      summary,
      async close() {
        await web.close().catch(() => {});
        await runtime.close();
        await newswire.close();
      },
    };
  } catch (e) {
    await rt?.close().catch(() => {});
    await newswire.close();
    throw e;
  }
}

async function listenNewswire(port: number, log: (line: string) => void): Promise<Newswire> {
  try {
    return await startNewswire({ port });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw e;
    log(`port ${port} is taken: the demo newswire takes a free port (the demo feeds move with it)`);
    return startNewswire({ port: 0 });
  }
}

/**
 * Adds each outlet as a source with its feed, unless already there; returns how many feeds were added.
 * A demo source from an earlier run whose newswire listened on another port keeps its id (and its
 * articles): its stale loopback feed is replaced by the new one.
 */
export async function subscribe(repo: Repository, outlets: NewswireOutlet[]): Promise<number> {
  let added = 0;
  const sources = await repo.listSources();
  for (const o of outlets) {
    const source = (await repo.findSourceByHomeUrl(o.homeUrl))
      ?? sources.find((s) => s.name === o.name && sameDemoPath(s.homeUrl, o.homeUrl))
      ?? (await repo.addSource({ name: o.name, homeUrl: o.homeUrl, language: o.language, country: o.country }));
    for (const f of await repo.listFeeds(source.id)) {
      if (f.url !== o.feedUrl && sameDemoPath(f.url, o.feedUrl)) await repo.removeFeed(f.id);
    }
    if (!(await repo.findFeedByUrl(o.feedUrl))) {
      await repo.addFeed({ sourceId: source.id, url: o.feedUrl, title: o.name });
      added++;
    }
  }
  return added;
}

/** Both loopback URLs of the demo newswire with the same path (the port may differ between runs). */
function sameDemoPath(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.hostname === y.hostname && ['127.0.0.1', '[::1]', 'localhost'].includes(x.hostname) && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

function logEvent(e: PipelineEvent, log: (line: string) => void): void {
  if (e.type === 'feed') {
    if (e.status === 'error' || e.status === 'refused') log(`feed ${e.feed.url}: ${e.status} (${e.error})`);
    return;
  }
  if (e.outcome.status === 'failed') log(`item ${e.outcome.key}: failed: ${e.outcome.reason}`);
}

