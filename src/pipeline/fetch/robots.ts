// robots.txt for article pages (RFC 9309), cached per origin. Rules are matched by robots-parser; this
// file decides what an unreachable or missing robots.txt means and how long an answer is kept.
import robotsParser from 'robots-parser';
import { isLedeError } from '../../domain/errors.ts';

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our agent, in ms, when the site sets one. */
  crawlDelayMs: number | null;
}

/** What the robots cache needs from the fetcher: the robots.txt answer, or a thrown error. */
export type RobotsLoader = (robotsUrl: string) => Promise<{ status: number; body: string }>;

interface Entry {
  expires: number;
  robot: ReturnType<typeof robotsParser> | 'allow-all' | 'disallow-all';
}

export interface RobotsCache {
  check(url: string): Promise<RobotsVerdict>;
}

export function createRobotsCache(opts: {
  load: RobotsLoader;
  /** The product token matched against User-agent lines, e.g. "Lede". */
  agent: string;
  ttlMs?: number;
  errorTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}): RobotsCache {
  const ttlMs = opts.ttlMs ?? 3600_000;
  const errorTtlMs = opts.errorTtlMs ?? 600_000;
  const maxEntries = opts.maxEntries ?? 1000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();

  const load = async (origin: string): Promise<Entry> => {
    const robotsUrl = origin + '/robots.txt';
    try {
      const r = await opts.load(robotsUrl);
      if (r.status >= 200 && r.status < 300) return { expires: now() + ttlMs, robot: robotsParser(robotsUrl, r.body) };
      // RFC 9309 §2.3.1.3: a 4xx robots.txt means no rules; §2.3.1.4: a server error means "disallow all" for now.
      if (r.status >= 400 && r.status < 500) return { expires: now() + ttlMs, robot: 'allow-all' };
      return { expires: now() + errorTtlMs, robot: 'disallow-all' };
    } catch (e) {
      // A refused host (SSRF guard) is reported as such, not disguised as a robots.txt rule.
      if (isLedeError(e) && e.code === 'fetch_refused') throw e;
      return { expires: now() + errorTtlMs, robot: 'disallow-all' };
    }
  };

  const entry = async (origin: string): Promise<Entry> => {
    const hit = cache.get(origin);
    if (hit && hit.expires > now()) return hit;
    let p = pending.get(origin);
    if (!p) {
      p = load(origin).finally(() => pending.delete(origin));
      pending.set(origin, p);
    }
    const e = await p;
    cache.delete(origin);
    cache.set(origin, e);
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    return e;
  };

  return {
    async check(url) {
      const u = new URL(url);
      const e = await entry(u.origin);
      if (e.robot === 'allow-all') return { allowed: true, crawlDelayMs: null };
      if (e.robot === 'disallow-all') return { allowed: false, crawlDelayMs: null };
      const allowed = e.robot.isAllowed(url, opts.agent) !== false;
      const delay = e.robot.getCrawlDelay(opts.agent);
      return { allowed, crawlDelayMs: typeof delay === 'number' && delay > 0 ? delay * 1000 : null };
    },
  };
}
