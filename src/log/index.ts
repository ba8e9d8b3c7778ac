// The one logger (pino): JSON lines on stderr when it is not a terminal (for journald, Loki, jq), readable
// coloured lines on a terminal (pino-pretty), at the level the config names (LEDE_LOG_LEVEL). Secrets are
// redacted by key wherever they appear in a logged object, and every string is escaped so that one event is
// one line: nothing a client or a feed sent can forge a log line or carry a raw control character.
// stdout stays the commands' own output (`lede extract` JSON, `lede sources list`).
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { printable } from '../domain/text.ts';

export type { Logger };
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Keys whose values never reach a log line, at any depth up to three. */
const SECRET_KEYS = ['password', 'passwordHash', 'token', 'sessionToken', 'cookie', 'authorization', 'apiKey', 'llmKey', 'secretKey',
  'smtpUrl', 'databaseUrl', 'secret', 'csrf', '_csrf'];
const REDACT = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers["${k}"]`, `*.headers["${k}"]`]);

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
    redact: { paths: REDACT, censor: '[redacted]' },
    // Messages and string fields escaped here too: pino-pretty prints strings as they are.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? printable(a) : a && typeof a === 'object' && !(a instanceof Error) ? escapeStrings(a) : a)) as Parameters<typeof method>);
      },
    },
    serializers: { err: pino.stdSerializers.err },
  }, destination);
}

function escapeStrings(o: object): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'string' ? printable(v) : v;
  return out;
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
