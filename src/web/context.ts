// What every web handler can reach: the injected dependencies and the per-request account.
import type { Locale } from './i18n/index.ts';
import type { Config } from '../config/index.ts';
import type { Account } from '../domain/types.ts';
import type { Repository } from '../store/repository.ts';
import type { TtlCache } from './cache.ts';
import type { Metrics } from '../metrics/index.ts';
import type { Logger } from '../log/index.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import type { ReaderDeps } from '../reader/index.ts';

export interface WebDeps {
  repo: Repository;
  config: Config;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The language model behind "Ask" and "Translate"; those features show only when it is set. */
  llm?: ArticleLlm | null;
  /** The process's metrics (a process that also ingests shares them); made from the config when absent. */
  metrics?: Metrics | null;
  /** The logger (tests capture its lines); the process's logger when absent. */
  logger?: Logger;
  /** The fetcher readers' new feeds are read with (SSRF guard); made from the config when absent. */
  fetcher?: Fetcher;
}

/** What the article page needs from a language model (an OpenAI-compatible server, see enrich/llm). */
export interface ArticleLlm {
  ask(article: { title: string; text: string }, question: string): Promise<string>;
  translate(article: { title: string; text: string }, language: string): Promise<{ title: string; text: string }>;
}

/** Dependencies resolved once per app: the clock and the in-process caches (safe to lose). */
export interface WebContext {
  repo: Repository;
  config: Config;
  now: () => Date;
  llm: ArticleLlm | null;
  /** Rendered fragments keyed by page; short-lived so that every node converges on new data. */
  fragments: TtlCache<unknown>;
  /** The signing key, loaded once (see auth.ts serverKey). */
  secret?: Promise<Buffer>;
  logger: Logger;
  metrics: Metrics | null;
  /** The personal reader's service (follows, reading state, API passwords). */
  reader: ReaderDeps;
}

export type Theme = 'light' | 'dark' | null;

export interface Env {
  Variables: {
    web: WebContext;
    account: Account | null;
    /** The raw session token from the cookie, when it names a live session. */
    sessionToken: string | null;
    theme: Theme;
    /** The interface's language for this request (account setting, cookie, Accept-Language). */
    locale: Locale;
    /** Set by the CSP middleware: true when the request came over HTTPS (or says so via the proxy). */
    secure: boolean;
    /** Set when the request signed in with an API token (no cookie, so no CSRF check applies). */
    viaToken: boolean;
    /** The server's signing key (config secretKey, else one kept in the store): signs cookies and URLs. */
    secret: Buffer;
  };
}
