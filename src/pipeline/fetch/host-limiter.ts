// Politeness per host: at most `concurrency` requests in flight, request starts at least `minDelayMs`
// apart, and a pause after a 429/503 until its Retry-After. Written by hand: the generic limiters on npm
// (p-limit, bottleneck) either lack per-key minimum spacing or bring a scheduler much larger than this.

interface HostState {
  active: number;
  lastStart: number;
  pausedUntil: number;
  minDelayMs: number;
  waiting: (() => void)[];
  timer: NodeJS.Timeout | null;
}

export interface HostLimiter {
  /** Waits for a slot on the host; call the returned release() when the request is done. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void>;
  /** No new request to the host before `until` (epoch ms). */
  pause(host: string, until: number): void;
  /** Raises the minimum spacing for one host (robots.txt Crawl-delay). */
  setMinDelay(host: string, ms: number): void;
  /** Requests in flight right now, for tests and the admin page. */
  active(host: string): number;
}

export function createHostLimiter(opts: { concurrency: number; minDelayMs: number; now?: () => number }): HostLimiter {
  const now = opts.now ?? Date.now;
  const hosts = new Map<string, HostState>();

  const state = (host: string): HostState => {
    let s = hosts.get(host);
    if (!s) {
      s = { active: 0, lastStart: -Infinity, pausedUntil: 0, minDelayMs: opts.minDelayMs, waiting: [], timer: null };
      hosts.set(host, s);
    }
    return s;
  };

  const pump = (host: string, s: HostState): void => {
    if (s.timer) return;
    while (s.waiting.length > 0 && s.active < opts.concurrency) {
      const t = now();
      const readyAt = Math.max(s.lastStart + s.minDelayMs, s.pausedUntil);
      if (readyAt > t) {
        s.timer = setTimeout(() => {
          s.timer = null;
          pump(host, s);
        }, readyAt - t);
        return;
      }
      s.active++;
      s.lastStart = t;
      s.waiting.shift()!();
    }
    // Forget idle hosts so a long-running process does not grow with every host it ever saw.
    if (s.active === 0 && s.waiting.length === 0 && now() >= s.pausedUntil && now() - s.lastStart >= s.minDelayMs) hosts.delete(host);
  };

  return {
    acquire(host, signal) {
      const s = state(host);
      return new Promise((resolve, reject) => {
        let released = false;
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(() => {
            if (released) return;
            released = true;
            s.active--;
            pump(host, s);
          });
        };
        const onAbort = () => {
          const i = s.waiting.indexOf(grant);
          if (i >= 0) s.waiting.splice(i, 1);
          reject(signal!.reason);
        };
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        s.waiting.push(grant);
        pump(host, s);
      });
    },
    pause(host, until) {
      const s = state(host);
      s.pausedUntil = Math.max(s.pausedUntil, until);
    },
    setMinDelay(host, ms) {
      const s = state(host);
      s.minDelayMs = Math.max(opts.minDelayMs, ms);
    },
    active: (host) => hosts.get(host)?.active ?? 0,
  };
}
