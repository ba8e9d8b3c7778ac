// Every option in one table (zod), read from env vars (LEDE_*) over an optional JSON config file.
// Secrets are flagged so they are never printed.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LedeError } from '../domain/errors.ts';

const bool = z.union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no'])]).transform((v) => v === true || v === '1' || v === 'true' || v === 'yes');
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

export const configSchema = z.object({
  /** `sqlite:./data/lede.db` (default) or `postgres://…`. */
  databaseUrl: z.string().default('sqlite:./data/lede.db'),
  port: int(8080, 0),
  host: z.string().default('127.0.0.1'),
  /** Public base URL used in outgoing feeds and cookies (Secure when https). */
  baseUrl: z.string().url().optional(),
  /** Turns the SSRF guard off: only for the demo and tests. */
  allowPrivateNetworks: bool.default(false),
  userAgent: z.string().optional(),
  fetchPerHostConcurrency: int(2, 1),
  fetchMinDelayMs: int(1000, 0),
  fetchConnectTimeoutMs: int(10_000, 1),
  fetchTotalTimeoutMs: int(30_000, 1),
  fetchMaxBytes: int(10 * 1024 * 1024, 1024),
  fetchMaxRedirects: int(5, 0),
  pollIntervalMinutes: int(30, 1),
  /** How long one poll of one feed may read items before it gives the worker back (the rest waits for the next poll). */
  feedBudgetSeconds: int(120, 1),
  ingestConcurrency: int(4, 1),
  /** Worker threads that extract and enrich articles for `lede ingest` (0: on the main thread). */
  ingestThreads: int(1, 0),
  /** How long an ingest worker's claim on a feed lasts without a heartbeat (a crashed worker's feeds return after it). */
  leaseSeconds: int(300, 1),
  llmUrl: z.string().url().optional(),
  llmModel: z.string().optional(),
  llmKey: z.string().optional(),
  llmTimeoutMs: int(60_000, 1),
  /** Serve article and card images through Lede (`/img/…`), so readers' browsers never contact publishers. */
  imageProxy: bool.default(true),
  /** Where proxied images are cached on disk. */
  imageCacheDir: z.string().default('./data/images'),
  imageMaxBytes: int(5 * 1024 * 1024, 1024),
  /** Outgoing mail for password resets: `smtp://user:password@host:587` or `smtps://…:465`; unset, no mail is sent. */
  smtpUrl: z.string().url().optional(),
  /** The From address of Lede's mail. */
  smtpFrom: z.string().default('Lede <lede@localhost>'),
  /** Signs CSRF and device cookies and image-proxy URLs; made and kept in the store when unset (shared by every node). */
  secretKey: z.string().min(32).optional(),
  /** Prometheus metrics at /metrics on the web server (off by default). */
  metrics: bool.default(false),
  /** When set, /metrics asks for `Authorization: Bearer TOKEN`. */
  metricsToken: z.string().min(16).optional(),
  /** `lede ingest` serves its own /metrics on this port (0: none). */
  metricsPort: int(0, 0),
  /** How many things (feeds, outlets, hashtags, stories, entities, searches) one reader may follow. */
  readerMaxFollows: int(1000, 1),
  /** Whether readers may add feeds Lede does not read yet (the admin page can change it; this is the default). */
  readersAddFeeds: bool.default(true),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

/** Options that must never be printed or logged. */
export const secretOptions: ReadonlySet<keyof Config> = new Set(['llmKey', 'databaseUrl', 'secretKey', 'smtpUrl', 'metricsToken']);

const envNames: Record<keyof Config, string> = Object.fromEntries(
  Object.keys(configSchema.shape).map((k) => [k, 'LEDE_' + k.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()]),
) as Record<keyof Config, string>;

/** Loads config: defaults < config file (LEDE_CONFIG or given path) < environment < overrides. */
export function loadConfig(overrides: Partial<Record<keyof Config, unknown>> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  let fileValues: Record<string, unknown> = {};
  const file = env.LEDE_CONFIG;
  if (file) {
    try {
      fileValues = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new LedeError('bad_config', `cannot read config file ${file}: ${(e as Error).message}`, { cause: e });
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(envNames)) if (env[name] !== undefined && env[name] !== '') fromEnv[key] = env[name];
  const parsed = configSchema.safeParse({ ...fileValues, ...fromEnv, ...stripUndefined(overrides) });
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${envNames[i.path[0] as keyof Config] ?? i.path.join('.')}: ${i.message}`).join('; ');
    throw new LedeError('bad_config', `invalid configuration: ${msg}`);
  }
  return parsed.data;
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The config as it may be shown (secrets masked). */
export function describeConfig(c: Config): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, secretOptions.has(k as keyof Config) && v ? '***' : v]));
}

export const envNameOf = (key: keyof Config): string => envNames[key];
