// The logger as an operator and a log shipper see it: one JSON object per line with level and time,
// the configured level honoured, no raw control character, no secret.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { createLogger, type LogLevel } from '../../src/log/index.ts';
import { printable } from '../../src/domain/text.ts';

/** A logger whose JSON lines land in memory. */
function captureLogs(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, pretty: false, destination: { write: (s: string) => { lines.push(...s.split('\n').filter(Boolean)); } } });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

it('writes one JSON object per line with level, time, message and the given fields', () => {
  const { logger, lines } = captureLogs('info');
  logger.info({ feed: 'https://example.org/feed', status: 'ok', items: 3 }, 'feed polled');
  logger.warn('plain message');
  expect(lines).toHaveLength(2);
  const first = JSON.parse(lines[0]!);
  expect(first).toMatchObject({ level: 30, msg: 'feed polled', feed: 'https://example.org/feed', status: 'ok', items: 3 });
  expect(typeof first.time).toBe('number');
  expect(JSON.parse(lines[1]!)).toMatchObject({ level: 40, msg: 'plain message' });
});

it('honours the level: debug lines only at debug', () => {
  const info = captureLogs('info');
  info.logger.debug('hidden');
  info.logger.error('shown');
  expect(info.records().map((r) => r.msg)).toEqual(['shown']);
  const debug = captureLogs('debug');
  debug.logger.debug('now shown');
  expect(debug.records().map((r) => r.msg)).toEqual(['now shown']);
});

it('reads LEDE_LOG_LEVEL when no level is given', () => {
  const before = process.env.LEDE_LOG_LEVEL;
  process.env.LEDE_LOG_LEVEL = 'warn';
  try {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (s: string) => lines.push(s) }, pretty: false });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  } finally {
    if (before === undefined) delete process.env.LEDE_LOG_LEVEL;
    else process.env.LEDE_LOG_LEVEL = before;
  }
});

it('escapes control characters in messages and field values and keys', () => {
  const { logger, lines, records } = captureLogs();
  const evil = 'title\u001b[31mred\u0007\r\nforged line\u2028\u0085';
  logger.info({ title: evil, ['k\u0000ey']: 1 }, evil);
  expect(lines).toHaveLength(1);
  // eslint-disable-next-line no-control-regex
  expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  const r = records()[0]!;
  expect(r.msg).toBe(printable(evil));
  expect(String(r.msg)).toContain('\\u001b[31mred');
});

it('never writes secrets held under secret-named keys, at any depth the logger covers', () => {
  const { logger, lines } = captureLogs();
  logger.info({ password: 'hunter2-secret', headers: { authorization: 'Bearer tok-abc-123', cookie: 'lede_session=sess-xyz-789' }, llmKey: 'sk-live-0042', apiKey: 'key-7777', account: { sessionToken: 'st-4242' } }, 'sign in');
  const all = lines.join('\n');
  for (const secret of ['hunter2-secret', 'tok-abc-123', 'sess-xyz-789', 'sk-live-0042', 'key-7777', 'st-4242']) expect(all).not.toContain(secret);
  expect(all).toContain('[redacted]');
  expect(all).toContain('sign in');
});

it('never writes secrets written inside text: messages, nested strings, errors', () => {
  const { logger, lines } = captureLogs();
  logger.warn('login failed for password=hunter2-secret with header Bearer tok-abc-123');
  logger.error({ err: new Error('connect postgres://lede:pgpass-99@db.internal/lede failed, token=tt-555') }, 'store down');
  logger.info({ request: { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }, note: { deep: { deeper: 'api_key: ak-31337' } } }, 'nested');
  const all = lines.join('\n');
  for (const secret of ['hunter2-secret', 'tok-abc-123', 'pgpass-99', 'tt-555', 'dXNlcjpwYXNz', 'ak-31337']) expect(all).not.toContain(secret);
  expect(all).toContain('postgres://lede:[redacted]@db.internal');
  // eslint-disable-next-line no-control-regex
  expect(all).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
});

it('escapes control characters in nested strings too', () => {
  const { logger, lines } = captureLogs();
  logger.info({ item: { title: 'a\u2028b\u0085c\u001bd', tags: ['x\u0000y'] } }, 'nested');
  expect(lines).toHaveLength(1);
  // eslint-disable-next-line no-control-regex
  expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
});

it('loads the pretty printer only for readable lines: a process logging JSON never pays for it', () => {
  // A fresh process: this one may have loaded pino-pretty already.
  const dir = mkdtempSync(join(tmpdir(), 'lede-log-'));
  try {
    const script = join(dir, 'probe.mts');
    writeFileSync(script, `
      import { createRequire } from 'node:module';
      import { createLogger } from ${JSON.stringify(pathToFileURL(resolve('src/log/index.ts')).href)};
      const loaded = () => Object.keys(createRequire(import.meta.url)('node:module')._cache).some((p) => p.includes('pino-pretty'));
      createLogger({ pretty: false, destination: { write() {} } });
      const json = loaded();
      createLogger({ pretty: true });
      console.log(JSON.stringify({ json, pretty: loaded() }));
    `);
    const out = execFileSync(process.execPath, ['bin/run-ts.js', script], { encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ json: false, pretty: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
