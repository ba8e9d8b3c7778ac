// The polite HTTP client: one undici Agent whose connector enforces the SSRF guard, a per-host limiter,
// redirects followed by hand (each hop re-checked), robots.txt for pages, conditional GET, size and time caps.
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import type { Config } from '../../config/index.ts';
import { LedeError } from '../../domain/errors.ts';
import { USER_AGENT } from '../../version.ts';
import { nextDelay, parseRetryAfter } from './backoff.ts';
import { contentCodings, decodeContent, readCapped, tooLarge } from './body.ts';
import { guardedConnector, type Resolver } from './connector.ts';
import { createHostLimiter, type HostLimiter } from './host-limiter.ts';
import { createRobotsCache } from './robots.ts';
import { checkAddress, forbiddenHostname, RefusedAddressError, type AddressPolicy } from './ssrf.ts';

export interface FetcherOptions {
  /** Turns the SSRF guard off: only for the demo and tests. */
  allowPrivateNetworks: boolean;
  /** Exceptions to the guard (tests allow exactly their own loopback server). */
  allowAddress?: AddressPolicy;
  perHostConcurrency?: number;
  /** Minimum time between the starts of two requests to one host. */
  minDelayMs?: number;
  connectTimeoutMs?: number;
  /** Budget for one get(), redirects, retries and body included. */
  totalTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Retries inside one get() after a network error, a 5xx or a 429 (the scheduler backs off beyond that). */
  retries?: number;
  retryBaseMs?: number;
  /** A Retry-After longer than this is not waited for inside get(): the error carries it to the scheduler. */
  maxRetryWaitMs?: number;
  /** Obey robots.txt for `kind: 'page'` (default true). */
  obeyRobots?: boolean;
  /** DNS resolver (tests simulate hostile DNS with it). */
  resolver?: Resolver;
  /** Certificate authorities to trust instead of the system's (tests, private PKI). */
  ca?: string | Buffer;
}

export interface GetOptions {
  etag?: string | null;
  lastModified?: string | null;
  kind: 'feed' | 'page';
  signal?: AbortSignal;
}

export interface FetchResult {
  status: 'ok' | 'not_modified';
  /** The final URL, after redirects. */
  url: string;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

export interface Fetcher {
  get(url: string, opts: GetOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

export function fetcherOptionsFromConfig(c: Config): FetcherOptions {
  return {
    allowPrivateNetworks: c.allowPrivateNetworks,
    perHostConcurrency: c.fetchPerHostConcurrency,
    minDelayMs: c.fetchMinDelayMs,
    connectTimeoutMs: c.fetchConnectTimeoutMs,
    totalTimeoutMs: c.fetchTotalTimeoutMs,
    maxBytes: c.fetchMaxBytes,
    maxRedirects: c.fetchMaxRedirects,
    userAgent: c.userAgent,
  };
}

const ACCEPT = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.8',
};
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ROBOTS_MAX_BYTES = 512 * 1024;
/** Media an article page never is: refused before the body is read, so no video is downloaded as a page. */
const NOT_A_PAGE = /^\s*(image|audio|video|font)\/|^\s*application\/(pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|vnd\.rar|msword|vnd\.|x-shockwave-flash|wasm)/i;
const MAX_CRAWL_DELAY_MS = 30_000;

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string): string | null => {
  const v = h[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
};

const contentLength = (h: Headers): number | null => {
  const v = header(h, 'content-length');
  return v !== null && /^\s*\d+\s*$/.test(v) ? Number(v) : null;
};

interface Exchange {
  status: number;
  headers: Headers;
  body: Buffer;
}

export function createFetcher(opts: FetcherOptions): Fetcher {
  const o = {
    perHostConcurrency: 2,
    minDelayMs: 1000,
    connectTimeoutMs: 10_000,
    totalTimeoutMs: 30_000,
    maxBytes: 10 * 1024 * 1024,
    maxRedirects: 5,
    retries: 2,
    retryBaseMs: 1000,
    maxRetryWaitMs: 10_000,
    obeyRobots: true,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  } as Required<Omit<FetcherOptions, 'allowAddress' | 'resolver' | 'userAgent' | 'ca'>> & FetcherOptions;
  const userAgent = o.userAgent ?? USER_AGENT;
  const agentToken = /^([^/\s]+)/.exec(userAgent)?.[1] ?? 'Lede';
  const guard = { allowPrivateNetworks: o.allowPrivateNetworks, allowAddress: o.allowAddress };
  const agent = new Agent({
    connect: guardedConnector({ ...guard, connectTimeoutMs: o.connectTimeoutMs, resolver: o.resolver, ca: o.ca }),
    headersTimeout: o.totalTimeoutMs,
    bodyTimeout: o.totalTimeoutMs,
    connections: Math.max(o.perHostConcurrency, 1),
  });
  const limiter: HostLimiter = createHostLimiter({ concurrency: o.perHostConcurrency, minDelayMs: o.minDelayMs });

  /** Refuses URLs the guard can judge before connecting: bad schemes, literal IPs, metadata names. */
  const precheck = (u: URL): void => {
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new LedeError('fetch_refused', `${u.href}: only http and https URLs are fetched`);
    if (o.allowPrivateNetworks) return;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
    const reason = isIP(host) ? checkAddress(guard, { address: host, port, host }) : forbiddenHostname(host);
    if (reason) throw new LedeError('fetch_refused', `refused ${u.href}: ${reason}`, { details: { url: u.href } });
  };

  const mapError = (e: unknown, u: URL, signal: AbortSignal, totalMs: number): LedeError => {
    if (e instanceof LedeError) return e;
    for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
      if (c instanceof RefusedAddressError) return new LedeError('fetch_refused', `refused ${u.href}: ${c.reason}`, { details: { url: u.href } });
    }
    if (signal.aborted) {
      const r = signal.reason as Error | undefined;
      if (r?.name === 'TimeoutError') return new LedeError('fetch_timeout', `${u.href} did not answer completely within ${totalMs} ms`, { cause: e, details: { url: u.href } });
      return new LedeError('fetch_failed', `fetching ${u.href} was aborted`, { cause: e, details: { url: u.href } });
    }
    const code = (e as { code?: string }).code ?? '';
    if (code === 'UND_ERR_CONNECT_TIMEOUT') return new LedeError('fetch_timeout', `connecting to ${u.host} timed out after ${o.connectTimeoutMs} ms`, { cause: e, details: { url: u.href } });
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new LedeError('fetch_timeout', `${u.href} stalled (${code})`, { cause: e, details: { url: u.href } });
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new LedeError('fetch_failed', `host ${u.hostname} not found`, { cause: e, details: { url: u.href } });
    if (code === 'ECONNREFUSED') return new LedeError('fetch_failed', `${u.host} refused the connection`, { cause: e, details: { url: u.href } });
    const cause = (e as { cause?: Error }).cause;
    const msg = (e as Error).message + (cause?.message ? ` (${cause.message})` : '');
    return new LedeError('fetch_failed', `fetching ${u.href} failed: ${msg}`, { cause: e, details: { url: u.href, code } });
  };

  /** One request/response under the host limiter; the body is read (capped) only for 2xx answers. */
  const exchange = async (u: URL, headers: Record<string, string>, signal: AbortSignal, maxBytes: number, pageOnly: boolean): Promise<Exchange> => {
    const host = u.hostname.toLowerCase();
    const release = await limiter.acquire(host, signal);
    // Aborting (not just destroying the body stream) is what makes undici drop the connection at once;
    // otherwise a body we stopped reading would hold one of the host's connections until the timeout.
    // One controller per exchange, fed by the caller's signal, so this abort stays local.
    const cut = new AbortController();
    const forward = () => cut.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    try {
      const res = await agent.request({ origin: u.origin, path: u.pathname + u.search, method: 'GET', headers, signal: cut.signal });
      const h = res.headers as Headers;
      const body = res.body as unknown as Readable;
      body.on('error', () => {});
      if (res.statusCode < 200 || res.statusCode >= 300) {
        // Error and redirect bodies are not read: drain a small one to keep the connection, cut off the rest.
        const length = contentLength(h);
        if (length !== null && length <= 64 * 1024) body.resume();
        else cut.abort();
        return { status: res.statusCode, headers: h, body: Buffer.alloc(0) };
      }
      const type = header(h, 'content-type');
      if (pageOnly && type && NOT_A_PAGE.test(type)) throw new LedeError('fetch_failed', `${u.href} is not a web page (${type.split(';')[0].trim()})`, { details: { url: u.href, contentType: type } });
      const declared = contentLength(h);
      if (declared !== null && declared > maxBytes) throw tooLarge(u.href, maxBytes, `the response (${declared} bytes)`);
      const raw = await readCapped(body, maxBytes, u.href);
      return { status: res.statusCode, headers: h, body: await decodeContent(raw, contentCodings(header(h, 'content-encoding')), maxBytes, u.href) };
    } catch (e) {
      cut.abort();
      throw e;
    } finally {
      signal.removeEventListener('abort', forward);
      release();
    }
  };

  const transientStatus = (s: number) => s === 429 || s === 500 || s === 502 || s === 503 || s === 504;
  const transientError = (e: LedeError) => e.code === 'fetch_failed' && /ECONNRESET|EPIPE|socket hang up|other side closed/i.test(e.message);

  /** exchange() with short retries: back-off on network errors and 5xx, Retry-After on 429/503. */
  const exchangeWithRetries = async (u: URL, headers: Record<string, string>, signal: AbortSignal, deadline: number, maxBytes: number, pageOnly: boolean): Promise<Exchange> => {
    for (let attempt = 1; ; attempt++) {
      let res: Exchange | null = null;
      let error: LedeError | null = null;
      try {
        res = await exchange(u, headers, signal, maxBytes, pageOnly);
      } catch (e) {
        error = mapError(e, u, signal, o.totalTimeoutMs);
        if (!transientError(error)) throw error;
      }
      if (res && !transientStatus(res.status)) return res;
      const retryAfter = res ? header(res.headers, 'retry-after') : null;
      const asked = parseRetryAfter(retryAfter);
      if (res && (res.status === 429 || res.status === 503) && asked !== null) limiter.pause(u.hostname.toLowerCase(), Date.now() + asked);
      const wait = nextDelay(attempt, retryAfter, { baseMs: o.retryBaseMs, maxMs: Math.max(o.maxRetryWaitMs, o.retryBaseMs), jitter: 0.1 });
      const canRetry = attempt <= o.retries && (asked === null || asked <= o.maxRetryWaitMs) && Date.now() + wait < deadline;
      if (!canRetry) {
        if (error) throw error;
        const status = res!.status;
        const after = asked !== null ? `; retry after ${Math.ceil(asked / 1000)} s` : '';
        throw new LedeError('fetch_failed', `${u.href} answered HTTP ${status}${after}`, {
          details: { url: u.href, status, retryAfter, retryAfterMs: asked, attempts: attempt },
        });
      }
      await sleep(wait, undefined, { signal }).catch((e) => {
        throw mapError(e, u, signal, o.totalTimeoutMs);
      });
    }
  };

  const robots = createRobotsCache({
    agent: agentToken,
    load: async (robotsUrl) => {
      const r = await run(robotsUrl, { kind: 'feed' }, { direct: false, maxBytes: ROBOTS_MAX_BYTES, accept: 'text/plain, */*;q=0.5' });
      return { status: r.httpStatus, body: r.body.toString('utf8') };
    },
  });

  const run = async (
    url: string,
    g: GetOptions,
    // direct: a caller's request, as opposed to the robots.txt fetch made on its behalf.
    internal: { direct: boolean; maxBytes: number; accept?: string },
  ): Promise<FetchResult & { httpStatus: number }> => {
    const timeout = AbortSignal.timeout(o.totalTimeoutMs);
    const signal = g.signal ? AbortSignal.any([timeout, g.signal]) : timeout;
    const deadline = Date.now() + o.totalTimeoutMs;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new LedeError('fetch_failed', `not a valid URL: ${url}`);
    }
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: internal.accept ?? ACCEPT[g.kind],
      'accept-encoding': 'gzip, deflate, br',
    };
    if (g.etag) headers['if-none-match'] = g.etag;
    if (g.lastModified) headers['if-modified-since'] = g.lastModified;

    for (let hop = 0; ; hop++) {
      precheck(u);
      if (internal.direct && g.kind === 'page' && o.obeyRobots) {
        const verdict = await robots.check(u.href);
        if (!verdict.allowed) throw new LedeError('fetch_refused', `robots.txt of ${u.host} disallows ${u.href} for ${agentToken}`, { details: { url: u.href, robots: true } });
        if (verdict.crawlDelayMs) limiter.setMinDelay(u.hostname.toLowerCase(), Math.min(verdict.crawlDelayMs, MAX_CRAWL_DELAY_MS));
      }
      const res = await exchangeWithRetries(u, headers, signal, deadline, internal.maxBytes, internal.direct && g.kind === 'page');
      const location = header(res.headers, 'location');
      if (REDIRECTS.has(res.status) && location) {
        if (hop >= o.maxRedirects) throw new LedeError('fetch_failed', `too many redirects (more than ${o.maxRedirects}) from ${url}, last to ${location}`, { details: { url } });
        try {
          u = new URL(location, u);
        } catch {
          throw new LedeError('fetch_failed', `${u.href} redirects to an invalid URL: ${location}`);
        }
        continue;
      }
      const common = { url: u.href, contentType: header(res.headers, 'content-type'), httpStatus: res.status };
      if (res.status === 304) {
        return { ...common, status: 'not_modified', body: Buffer.alloc(0), etag: header(res.headers, 'etag') ?? g.etag ?? null, lastModified: header(res.headers, 'last-modified') ?? g.lastModified ?? null };
      }
      if (res.status >= 200 && res.status < 300) {
        return { ...common, status: 'ok', body: res.body, etag: header(res.headers, 'etag'), lastModified: header(res.headers, 'last-modified') };
      }
      if (!internal.direct) return { ...common, status: 'ok', body: Buffer.alloc(0), etag: null, lastModified: null };
      throw new LedeError('fetch_failed', `${u.href} answered HTTP ${res.status}`, { details: { url: u.href, status: res.status } });
    }
  };

  let closing: Promise<void> | undefined;
  return {
    async get(url, g) {
      const { httpStatus: _status, ...result } = await run(url, g, { direct: true, maxBytes: o.maxBytes });
      return result;
    },
    close() {
      closing ??= agent.close();
      return closing;
    },
  };
}
