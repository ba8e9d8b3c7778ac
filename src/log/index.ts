// The one logger (pino): JSON lines when the output is not a terminal, readable lines on a terminal,
// the level from LEDE_LOG_LEVEL / config logLevel, secrets redacted and control characters escaped.
//
// Escaping: JSON already escapes control characters inside strings, but the pretty terminal output
// and any message copied into another format would not, so every string value is escaped before it
// reaches pino (`escapeControl`). Redaction: values under secret-looking keys are replaced, and
// secret-looking fragments inside free text (`password=…`, `Bearer …`, session cookies) are masked.
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default stderr). Tests pass a stream to capture lines (see captureLogs). */
  destination?: DestinationStream;
  /** Readable lines instead of JSON (default: when stderr is a terminal and no destination is given). */
  pretty?: boolean;
}

/** Keys whose values are never logged, matched case-insensitively anywhere in an object. */
const SECRET_KEY = /pass(word|wd)?|secret|token|cookie|authori[sz]ation|api[-_]?key|llmkey|session|csrf|credential|database_?url/i;

/** Secret-looking fragments in free text. */
const SECRET_TEXT: [RegExp, string][] = [
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/\b(password|passwd|pass|token|secret|api[-_]?key|session|lede_session|csrf)(["']?\s*[=:]\s*["']?)[^\s&"';,]+/gi, '$1$2[redacted]'],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1[redacted]@'],
];

/** Cheap pre-check: a string without any of these needs neither escaping nor redaction (most do not). */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|bearer|basic|pass|token|secret|api[-_]?key|session|csrf|@/i;

/** Replaces C0/C1 control characters (and DEL, line/paragraph separators) by visible escapes. */
export function escapeControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
}

export function redactText(s: string): string {
  let out = s;
  for (const [re, to] of SECRET_TEXT) out = out.replace(re, to);
  return out;
}

/** A log-safe copy of a value: secrets replaced, strings escaped, depth and size bounded. */
export function sanitize(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const v = value.length > 4000 ? value.slice(0, 4000) + '…' : value;
    return NEEDS_WORK.test(v) ? escapeControl(redactText(v)) : v;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > 5) return '[deep]';
  if (value instanceof Error) {
    return { type: value.name, message: sanitize(value.message, depth + 1), code: (value as { code?: unknown }).code, stack: value.stack ? sanitize(value.stack, depth + 1) : undefined };
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => sanitize(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[escapeControl(k)] = SECRET_KEY.test(k) && v != null && v !== '' ? '[redacted]' : sanitize(v, depth + 1);
  return out;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? readLevel();
  const pretty = opts.pretty ?? (!opts.destination && Boolean(process.stderr.isTTY));
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      // Every call passes through here: the merge object and the message are made safe before pino
      // serialises them, whatever the caller handed in.
      logMethod(args, method) {
        const safe = args.map((a) => sanitize(a));
        if (safe.length >= 1 && typeof safe[0] === 'object' && safe[0] !== null) {
          const [obj, ...rest] = safe;
          return method.apply(this, [obj as object, ...(rest as [string])]);
        }
        return method.apply(this, safe as [string]);
      },
    },
  };
  if (pretty) {
    // Synchronous pretty stream (no worker thread): a terminal is read by a person, not a pipe.
    const pinoPretty = requirePretty();
    return pino(options, pinoPretty({ destination: opts.destination ?? 2, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }));
  }
  return pino(options, opts.destination ?? pino.destination({ dest: 2, sync: false }));
}

function requirePretty(): (o: Record<string, unknown>) => DestinationStream {
  return createRequire(import.meta.url)('pino-pretty') as (o: Record<string, unknown>) => DestinationStream;
}

function readLevel(): LogLevel {
  const v = (process.env.LEDE_LOG_LEVEL ?? '').toLowerCase();
  return v === 'debug' || v === 'warn' || v === 'error' || v === 'info' ? v : 'info';
}

let root: Logger | null = null;

/** The process logger; commands call configureLogging once config is loaded. */
export function log(): Logger {
  return (root ??= createLogger());
}

/** Sets the process logger's level (from config) or replaces it (tests capturing lines). */
export function configureLogging(opts: LoggerOptions): Logger {
  if (opts.destination || opts.pretty !== undefined) root = createLogger(opts);
  else log().level = opts.level ?? readLevel();
  return root!;
}

/** Captures JSON log lines in memory: for tests (e.g. "no secret in any log line"). */
export function captureLogs(level: LogLevel = 'debug'): { logger: Logger; lines: string[]; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  let pending = '';
  const destination: DestinationStream = {
    write(chunk: string) {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        lines.push(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    },
  };
  const logger = createLogger({ level, destination, pretty: false });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
