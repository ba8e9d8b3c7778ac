// The one logger (pino): JSON lines on stderr when it is not a terminal (for journald, Loki, jq), readable
// coloured lines on a terminal (pino-pretty), at the level the config names (LEDE_LOG_LEVEL). Secrets are
// redacted by key wherever they appear in a logged object, and every string is escaped so that one event is
// one line: nothing a client or a feed sent can forge a log line or carry a raw control character.
// stdout stays the commands' own output (`lede extract` JSON, `lede sources list`).
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import { printable } from '../domain/text.ts';

/**
 * pino-pretty, loaded only for a terminal: every process and thread loads this module, and a service or a
 * `lede ingest` writing JSON to a pipe paid ~0.1 s of CPU per thread at start for the pretty printer.
 */
const pretty = (opts: PrettyOptions): DestinationStream =>
  (createRequire(import.meta.url)('pino-pretty') as (o: PrettyOptions) => DestinationStream)(opts);

export type { Logger };
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Keys whose values never reach a log line, at any depth (compared case-insensitively). */
const SECRET_KEYS = new Set(['password', 'passwordhash', 'token', 'sessiontoken', 'cookie', 'set-cookie', 'authorization', 'apikey', 'llmkey', 'secretkey',
  'smtpurl', 'databaseurl', 'secret', 'csrf', '_csrf', 'metricstoken']);
const REDACTED = '[redacted]';

/** Secrets written inside free text: `Bearer …`, `password=…`, the password of a URL. */
const SECRET_TEXT = /(?:bearer|basic|password|passwd|pwd|token|secret|api[_-]?key|:\/\/[^\s/@:]+:)/i;
function redactText(s: string): string {
  if (!SECRET_TEXT.test(s)) return s;
  return s
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(/\b(password|passwd|pwd|token|secret|api[_-]?key)(["']?\s*[=:]\s*["']?)[^\s&"',;]+/gi, `$1$2${REDACTED}`)
    .replace(/(\w+:\/\/[^\s/@:]+):[^\s/@]+@/g, `$1:${REDACTED}@`);
}

/**
 * What a logged value may show: secret keys redacted, secrets in text redacted, every string escaped (one
 * event, one line, no raw control character), at any depth up to six. One walk over a small object: far
 * cheaper than path-based redaction with wildcards.
 */
function clean(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return printable(redactText(v));
  if (v === null || typeof v !== 'object' || depth > 6) return v;
  if (v instanceof Error) return { type: v.name, message: clean(v.message, depth + 1), stack: clean(v.stack ?? '', depth + 1), ...('code' in v ? { code: (v as { code?: unknown }).code } : {}) };
  if (Array.isArray(v)) return v.map((x) => clean(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[printable(k)] = SECRET_KEYS.has(k.toLowerCase()) ? REDACTED : clean(x, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (tests pass a stream to read them); default stderr. */
  destination?: DestinationStream;
  /** Readable lines instead of JSON; default: when stderr is a terminal and no destination is given. */
  pretty?: boolean;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const usePretty = opts.pretty ?? (!opts.destination && Boolean(process.stderr.isTTY));
  const destination = opts.destination ?? (usePretty ? pretty({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) : pino.destination({ fd: 2, sync: false }));
  return pino({
    level: opts.level ?? levelFromEnv(),
    base: { pid: process.pid },
    // Everything logged passes `clean` (redaction and escaping), messages too: pino-pretty prints as is.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => clean(a)) as Parameters<typeof method>);
      },
    },
  }, destination);
}

function levelFromEnv(): LogLevel {
  const l = process.env.LEDE_LOG_LEVEL;
  return l === 'debug' || l === 'info' || l === 'warn' || l === 'error' ? l : 'info';
}

let current: Logger | null = null;

/** The process's logger (made on first use from LEDE_LOG_LEVEL); `setLogger` replaces it (config, tests). */
export function log(): Logger {
  current ??= createLogger();
  return current;
}

export function setLogger(logger: Logger): void {
  current = logger;
}

/** The code of a `describeError` string ("fetch_timeout: …" → "fetch_timeout"), for reason labels. */
export function reasonCode(description: string): string {
  return /^([a-z_]+):/.exec(description)?.[1] ?? 'other';
}

/** The process's logger at the configured level (`logLevel`, LEDE_LOG_LEVEL): called once by each long-running command. */
export function configureLogging(config: { logLevel: LogLevel }): Logger {
  const logger = createLogger({ level: config.logLevel });
  setLogger(logger);
  return logger;
}
