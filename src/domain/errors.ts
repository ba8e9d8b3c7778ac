// One error type for the whole project, with a stable code. The code is mapped to an HTTP status
// (web/) or a CLI exit code (cli/) in one place each; stages only throw.

export type ErrorCode =
  | 'bad_input'
  | 'bad_config'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'fetch_refused'
  | 'fetch_failed'
  | 'fetch_timeout'
  | 'too_large'
  | 'feed_invalid'
  | 'extract_failed'
  | 'llm_unavailable'
  /** The store could not be reached, dropped the connection, stayed locked or rolled the work back to break a deadlock: the work did not commit (or, lost at COMMIT, may have); idempotent work may try again. */
  | 'store_unavailable'
  | 'internal';

export class LedeError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LedeError';
    this.code = code;
    this.details = options?.details;
  }
}

export const isLedeError = (e: unknown): e is LedeError => e instanceof LedeError;

/** A message fit to record on a feed or print on one line. */
export function describeError(e: unknown): string {
  if (e instanceof LedeError) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}
