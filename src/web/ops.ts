// Operations endpoints and the request log: /healthz (the process answers), /readyz (the store
// answers and its schema is current), /metrics (Prometheus text, behind a bearer token).
import { timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Config } from '../config/index.ts';
import type { Logger } from '../log/index.ts';
import type { LedeMetrics } from '../ops/metrics.ts';
import type { Repository } from '../store/index.ts';
import type { Env } from './context.ts';

/** /readyz waits this long for the store before calling it unreachable. */
const READY_TIMEOUT_MS = 2000;

/** One log line and one histogram observation per request: method, route pattern, status, duration. */
export function requestLog(logger: Logger, metrics: LedeMetrics | null): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (!metrics && !logger.isLevelEnabled('info')) return next();
    const start = performance.now();
    try {
      await next();
    } finally {
      const seconds = (performance.now() - start) / 1000;
      // The route pattern (/article/:id), not the path: bounded label values.
      let route = routePath(c);
      if (!route || route === '*' || route === '/*') route = c.res.status === 404 ? 'unmatched' : route;
      const status = c.res.status;
      metrics?.http.observe({ method: c.req.method, route, status: String(status) }, seconds);
      // Query strings may carry tokens or search words: the path alone is logged.
      logger.info({ method: c.req.method, path: c.req.path, route, status, ms: Math.round(seconds * 10000) / 10 }, 'request');
    }
  };
}

export function opsRoutes(repo: Repository, config: Config, metrics: LedeMetrics | null): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' }));
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const status = await withTimeout(repo.schemaStatus(), READY_TIMEOUT_MS);
      if (status.current !== status.expected) return c.json({ ok: false, reason: `schema at version ${status.current}, this Lede expects ${status.expected}` }, 503);
      return c.json({ ok: true, schema: status.current });
    } catch (e) {
      return c.json({ ok: false, reason: `store unreachable: ${(e as Error).message}` }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    const token = config.metricsToken;
    if (!token || !metrics) return c.notFound();
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return c.text('metrics need the bearer token (LEDE_METRICS_TOKEN)\n', 401, { 'WWW-Authenticate': 'Bearer' });
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); })]).finally(() => clearTimeout(timer));
}
