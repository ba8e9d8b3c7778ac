// /healthz, /readyz, /metrics and the request log over real HTTP: the log carries no secret through a
// sign-up, sign-in, session cookie and bearer header; /metrics parses as Prometheus text and its
// counters move when a feed is ingested.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureLogs } from '../../src/log/index.ts';
import { LedeMetrics } from '../../src/ops/metrics.ts';
import { logPipelineEvent } from '../../src/ops/events.ts';
import { startWeb } from '../../src/web/index.ts';
import { openRuntime } from '../../src/main.ts';
import { runIngest } from '../../src/jobs/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';
import { Client } from './client.ts';
import { parsePrometheus, sampleValue } from '../ops/prometheus.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
const PASSWORD = 'correct horse battery staple 42';
const capture = captureLogs('debug');
let wire: Newswire;
let rt: Awaited<ReturnType<typeof openRuntime>>;
let metrics: LedeMetrics;
let web: { url: string; close(): Promise<void> };

beforeAll(async () => {
  wire = await startNewswire({ articles: 4, outlets: 1, copyShare: 0, seed: 3, paragraphs: 2 });
  const config = loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true, fetchMinDelayMs: 0, metricsToken: TOKEN }, {});
  rt = await openRuntime(config);
  metrics = new LedeMetrics(rt.repo);
  web = await startWeb({ repo: rt.repo, config, port: 0, host: '127.0.0.1', logger: capture.logger, metrics });
});
afterAll(async () => {
  await web?.close();
  await rt?.close();
  await wire?.close();
});

const scrape = async () => {
  const res = await fetch(`${web.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parsePrometheus(await res.text());
};

it('answers /healthz and /readyz cheaply', async () => {
  const h = await fetch(`${web.url}/healthz`);
  expect(h.status).toBe(200);
  const r = await fetch(`${web.url}/readyz`);
  expect(r.status).toBe(200);
  expect(await r.json()).toMatchObject({ ok: true });
});

it('keeps /metrics behind the token', async () => {
  expect((await fetch(`${web.url}/metrics`)).status).toBe(401);
  expect((await fetch(`${web.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcd' } })).status).toBe(401);
});

it('serves Prometheus text whose counters move when a feed is ingested', async () => {
  const s = await rt.repo.addSource({ name: wire.outletName(0), homeUrl: wire.homeUrl(0) });
  await rt.repo.addFeed({ sourceId: s.id, url: wire.feedUrl(0) });
  const before = await scrape();
  expect(sampleValue(before, 'lede_articles')).toBe(0);
  expect(sampleValue(before, 'lede_feeds', { state: 'new' })).toBe(1);
  await runIngest({
    repo: rt.repo, fetcher: rt.fetcher, concurrency: 1, once: true, pollIntervalMs: 60_000, leaseMs: 60_000,
    onEvent: (e) => { metrics.record(e); logPipelineEvent(capture.logger, e); },
  });
  const after = await scrape();
  expect(sampleValue(after, 'lede_articles')).toBeGreaterThan(0);
  expect(sampleValue(after, 'lede_feeds', { state: 'ok' })).toBe(1);
  expect(sampleValue(after, 'lede_feed_polls_total', { status: 'ok' })).toBe(1);
  expect(sampleValue(after, 'lede_items_total', { outcome: 'stored' })).toBe(sampleValue(after, 'lede_articles'));
  // The earlier scrapes were counted under their route.
  expect(sampleValue(after, 'lede_http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
  // One structured event per feed poll.
  const polls = capture.records().filter((r) => r.event === 'feed_poll');
  expect(polls).toHaveLength(1);
  expect(polls[0]).toMatchObject({ feed: wire.feedUrl(0), status: 'ok', level: 'info' });
});

it('logs each request with route, status and duration, and never a secret', async () => {
  const c = new Client(web.url);
  const up = await c.submit('/signup', '/signup', { name: 'Ops', email: 'ops@example.org', password: PASSWORD });
  expect(up.res.status).toBe(303);
  const anon = new Client(web.url);
  const inn = await anon.submit('/signin', '/signin', { email: 'ops@example.org', password: PASSWORD });
  expect(inn.res.status).toBe(303);
  const session = [...anon.cookies].find(([k]) => /session/i.test(k));
  expect(session, 'a session cookie').toBeDefined();
  await anon.get('/latest');
  await anon.get(`/search?q=x&token=${encodeURIComponent(TOKEN)}`, { authorization: `Bearer ${TOKEN}` });
  await fetch(`${web.url}/api/v1/articles`, { headers: { authorization: `Basic ${Buffer.from(`ops@example.org:${PASSWORD}`).toString('base64')}` } });

  const records = capture.records();
  const requests = records.filter((r) => r.msg === 'request');
  const latest = requests.find((r) => r.path === '/latest')!;
  expect(latest).toMatchObject({ method: 'GET', route: '/latest', status: 200, level: 'info' });
  expect(typeof latest.ms).toBe('number');
  expect(requests.find((r) => r.path === '/signin' && r.method === 'POST')).toMatchObject({ status: 303 });

  const all = capture.lines.join('\n');
  const csrf = /_csrf[^;]*=([^;]+)/.exec([...anon.cookies].map(([k, v]) => `${k}=${v}`).join(';'))?.[1];
  for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), session![1], TOKEN, Buffer.from(`ops@example.org:${PASSWORD}`).toString('base64'), csrf].filter(Boolean)) {
    expect(all).not.toContain(secret);
  }
});
