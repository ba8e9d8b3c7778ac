// LedeError codes → HTTP status, in ONE place. Pages and the API both map errors through here.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isLedeError, type ErrorCode } from '../domain/errors.ts';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_input: 400,
  bad_config: 500,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  fetch_refused: 422,
  fetch_failed: 502,
  fetch_timeout: 504,
  too_large: 413,
  feed_invalid: 422,
  extract_failed: 422,
  llm_unavailable: 503,
  store_unavailable: 503,
  internal: 500,
};

export interface HttpError {
  status: ContentfulStatusCode;
  code: ErrorCode;
  message: string;
}

/** What a client may be told about an error; unexpected errors are not described (they are logged). */
export function toHttpError(e: unknown): HttpError {
  if (isLedeError(e)) {
    const status = STATUS[e.code];
    return { status, code: e.code, message: status >= 500 && e.code === 'internal' ? 'internal error' : e.message };
  }
  return { status: 500, code: 'internal', message: 'internal error' };
}
