// Operating Lede: structured logs (JSON lines with the request's fields, no secret in any line) and
// Prometheus metrics (off by default, behind a token, parsed strictly, counters that move on ingest).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { runIngest } from '../../src/jobs/index.ts';
import { createLogger } from '../../src/log/index.ts';
import { createMetrics } from '../../src/metrics/index.ts';
import { createFetcher } from '../../src/pipeline/fetch/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { startWeb } from '../../src/web/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';
import { Client } from './client.ts';

interface Sample { name: string; labels: Record<string, string>; value: number }

/**
 * A strict reader of the Prometheus text format (0.0.4): every line a HELP, a TYPE, a sample or empty; metric
 * and label names valid; label values quoted with only the three escapes; every sample's family declared
 * first. Values as Prometheus reads them (Go's ParseFloat: "NaN", "Nan" and "+Inf" alike).
 */
function parsePrometheus(text: string): Sample[] {
  expect(text.endsWith('\n')).toBe(true);
  const declared = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue; // the format allows empty lines between families
    let m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (m) continue;
    m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (m) { declared.set(m[1]!, m[2]!); continue; }
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? ([+-]?(?:[0-9.eE+-]+|[Ii]nf|[Nn]a[Nn]))(?: -?\d+)?$/.exec(line);
    if (!m) throw new Error(`not a Prometheus text line: ${JSON.stringify(line)}`);
    const family = m[1]!.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!declared.has(m[1]!) && !declared.has(family) && !declared.has(m[1]!.replace(/_(bucket|sum|count)$/, ''))) throw new Error(`sample before its TYPE: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);

let wire: Newswire;
let repo: Repository;
const lines: string[] = [];
const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });

beforeAll(async () => {
  wire = await startNewswire({ articles: 12, outlets: 2, copyShare: 0.2, pageDelayMs: 0, seed: 5 });
  repo = await openStore('sqlite::memory:');
  for (let o = 0; o < wire.outlets; o++) {
    const s = await repo.addSource({ name: wire.outletName(o), homeUrl: wire.homeUrl(o) });
    await repo.addFeed({ sourceId: s.id, url: wire.feedUrl(o) });
  }
});
afterAll(async () => {
  await wire?.close();
  await repo?.close();
});

describe('logs', () => {
  it('writes one JSON line per request with method, route, status and duration, and never a secret', async () => {
    const config = loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true }, {});
    const web = await startWeb({ repo, config, port: 0, host: '127.0.0.1', logger: createLogger({ level: 'debug', destination: sink }) });
    try {
      const password = 'a very secret password 42';
      const c = new Client(web.url);
      await c.submit('/signup', '/signup', { name: 'Ops', email: 'ops@example.org', password });
      await c.submit('/', '/signout', {});
      await c.submit('/signin', '/signin', { email: 'ops@example.org', password });
      const session = c.cookies.get('lede_session')!;
      expect(session).toBeTruthy();
      await c.get('/article/999999');
      await c.request('/api/v1/articles', { headers: { authorization: 'Bearer not-logged-either-123' } });
    } finally {
      await web.close();
    }
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => e.event === 'http_request');
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const r of requests) {
      expect(r).toMatchObject({ level: 30, method: expect.any(String), route: expect.any(String), status: expect.any(Number), ms: expect.any(Number) });
      expect(typeof r.time).toBe('number');
    }
    expect(requests.find((r) => r.path === '/article/999999')).toMatchObject({ route: '/article/:id{[0-9]+}', status: 404 });
    const all = lines.join('\n');
    for (const secret of ['a very secret password 42', 'not-logged-either-123', 'lede_session=']) expect(all).not.toContain(secret);
  });

  it('redacts secrets by key in anything logged, and escapes control characters', () => {
    const own: string[] = [];
    const logger = createLogger({ level: 'info', destination: new Writable({ write(chunk, _e, done) { own.push(String(chunk)); done(); } }) });
    logger.info({ event: 'x', password: 'hunter22', user: { sessionToken: 'tok-123' }, headers: { authorization: 'Bearer abc' } }, 'line\nforged\u0000 entry');
    const out = own.join('');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).not.toMatch(/hunter22|tok-123|Bearer abc/);
    expect(JSON.parse(out).msg).toBe('line\\u000aforged\\u0000 entry');
  });
});

describe('metrics', () => {
  it('are off by default, ask for the token when one is set, and parse as Prometheus text', async () => {
    const off = await startWeb({ repo, config: loadConfig({ databaseUrl: 'sqlite::memory:' }, {}), port: 0, host: '127.0.0.1' });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
    const token = 'a-metrics-token-of-32-characters';
    const web = await startWeb({ repo, config: loadConfig({ databaseUrl: 'sqlite::memory:', metrics: true, metricsToken: token }, {}), port: 0, host: '127.0.0.1' });
    try {
      expect((await fetch(`${web.url}/metrics`)).status).toBe(401);
      await fetch(`${web.url}/latest`);
      const res = await fetch(`${web.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const samples = parsePrometheus(await res.text());
      expect(value(samples, 'lede_http_request_duration_seconds_count', { route: '/latest', status: '200' })).toBe(1);
      expect(value(samples, 'lede_feeds')).toBe(2);
      expect(value(samples, 'lede_store_bytes')).toBeGreaterThan(0);
    } finally {
      await web.close();
    }
  });

  it('count polls and items when a feed is ingested, with per-stage latency', async () => {
    const metrics = createMetrics();
    metrics.watchStore(repo);
    const read = async () => parsePrometheus(await metrics.registry.metrics());
    const before = await read();
    expect(value(before, 'lede_feed_polls_total')).toBe(0);
    expect(value(before, 'lede_feeds_due')).toBe(2);
    // A worker holding a feed shows in the leases gauge until it lets go.
    const [held] = await repo.leaseDueFeeds('worker-a', 1, 60_000);
    expect(value(await read(), 'lede_feed_leases', { worker: 'worker-a' })).toBe(1);
    await repo.releaseLease('worker-a', held!.id);
    expect(value(await read(), 'lede_feed_leases')).toBe(0);
    const fetcher = createFetcher({ allowPrivateNetworks: true, minDelayMs: 0 });
    try {
      await runIngest({ repo, fetcher, concurrency: 2, once: true, pollIntervalMs: 60_000, onEvent: metrics.onPipelineEvent });
    } finally {
      await fetcher.close();
    }
    const after = await read();
    expect(value(after, 'lede_feed_polls_total', { status: 'ok' })).toBe(2);
    expect(value(after, 'lede_items_total', { outcome: 'stored' })).toBe(wire.articles.length + wire.copies.length);
    expect(value(after, 'lede_ingest_item_duration_seconds_count', { stage: 'total' })).toBe(wire.articles.length + wire.copies.length);
    expect(value(after, 'lede_ingest_item_duration_seconds_count', { stage: 'enrich' })).toBeGreaterThan(0);
    expect(value(after, 'lede_feeds_due')).toBe(0);
    expect(value(after, 'lede_articles')).toBe(wire.articles.length);
  });
});
