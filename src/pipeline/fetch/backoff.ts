// The back-off decision, shared by the fetcher (short retries inside one get) and the scheduler
// (when to poll a failing feed again).

export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs?: number;
  /** Longest delay ever returned (Retry-After included). */
  maxMs?: number;
  /** 0..1: fraction of random spread so many failing feeds do not retry in lockstep. */
  jitter?: number;
  now?: number;
  random?: () => number;
}

/** Milliseconds asked for by a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}

/**
 * Delay before attempt number `attempt` + 1, after `attempt` consecutive failures (1 = first failure):
 * exponential from `baseMs`, with jitter, capped at `maxMs`; never shorter than a Retry-After.
 */
export function nextDelay(attempt: number, retryAfter?: string | null, opts: BackoffOptions = {}): number {
  const baseMs = opts.baseMs ?? 60_000;
  const maxMs = opts.maxMs ?? 24 * 3600_000;
  const jitter = opts.jitter ?? 0.2;
  const random = opts.random ?? Math.random;
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));
  const spread = exp * jitter * (random() * 2 - 1);
  const computed = Math.max(baseMs, Math.min(maxMs, Math.round(exp + spread)));
  const asked = parseRetryAfter(retryAfter, opts.now);
  return asked === null ? computed : Math.min(maxMs, Math.max(computed, asked));
}
