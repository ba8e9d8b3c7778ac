// What a failed fetch or parse means for the feed: the status and reason to record (shown on the admin
// page) and when to try again. One place, so the scheduler and the CLI agree.
import { describeError, isLedeError } from '../../domain/errors.ts';
import { nextDelay, type BackoffOptions } from './backoff.ts';

export interface FetchFailure {
  status: 'error' | 'refused';
  /** One line, e.g. "fetch_refused: refused http://10.0.0.1/: 10.0.0.1 is a private … address". */
  error: string;
  /** Delay before the next attempt: exponential in the failure count, never before a Retry-After. */
  retryInMs: number;
}

/** `consecutiveFailures` counts this failure too (1 after the first). */
export function describeFetchFailure(e: unknown, consecutiveFailures: number, opts: BackoffOptions = {}): FetchFailure {
  const refused = isLedeError(e) && e.code === 'fetch_refused';
  const retryAfter = isLedeError(e) && typeof e.details?.retryAfter === 'string' ? e.details.retryAfter : null;
  return {
    status: refused ? 'refused' : 'error',
    error: describeError(e),
    retryInMs: nextDelay(Math.max(1, consecutiveFailures), retryAfter, opts),
  };
}
