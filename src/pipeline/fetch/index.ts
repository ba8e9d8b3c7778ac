// fetch: polite HTTP for feeds and article pages (see fetcher.ts), plus charset sniffing and the back-off rule.
export { createFetcher, fetcherOptionsFromConfig } from './fetcher.ts';
export type { Fetcher, FetcherOptions, FetchResult, GetOptions } from './fetcher.ts';
export { decodeHtml, chooseCharset, charsetFromContentType, decodeWith, normalizeCharset } from './charset.ts';
export { nextDelay, parseRetryAfter } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
export { forbiddenReason, embeddedIPv4 } from './ssrf.ts';
export type { AddressPolicy } from './ssrf.ts';
export type { Resolver } from './connector.ts';
export { describeFetchFailure } from './failure.ts';
export type { FetchFailure } from './failure.ts';
