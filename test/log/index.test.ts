// The logger as an operator and a log shipper see it: one JSON object per line with level and time,
// the configured level honoured, no raw control character, no secret.
import { expect, it } from 'vitest';
import { captureLogs, createLogger, escapeControl } from '../../src/log/index.ts';

it('writes one JSON object per line with level, time, message and the given fields', () => {
  const { logger, lines } = captureLogs('info');
  logger.info({ feed: 'https://example.org/feed', status: 'ok', items: 3 }, 'feed polled');
  logger.warn('plain message');
  expect(lines).toHaveLength(2);
  const first = JSON.parse(lines[0]!);
  expect(first).toMatchObject({ level: 'info', msg: 'feed polled', feed: 'https://example.org/feed', status: 'ok', items: 3 });
  expect(Date.parse(first.time)).not.toBeNaN();
  expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'warn', msg: 'plain message' });
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
  expect(r.msg).toBe(escapeControl(evil));
  expect(String(r.msg)).toContain('\\u001b[31mred');
});

it('never writes secrets: secret-named fields, credentials in text, URLs and errors', () => {
  const { logger, lines } = captureLogs();
  logger.info({ password: 'hunter2-secret', headers: { Authorization: 'Bearer tok-abc-123', Cookie: 'lede_session=sess-xyz-789' }, llmKey: 'sk-live-0042', apiKey: 'key-7777' }, 'sign in');
  logger.warn('retrying with Authorization: Bearer tok-abc-123 and password=hunter2-secret for postgres://lede:pgpass-555@db/lede');
  logger.error({ err: new Error('login failed for token=tok-abc-123') }, 'failure');
  const all = lines.join('\n');
  for (const secret of ['hunter2-secret', 'tok-abc-123', 'sess-xyz-789', 'sk-live-0042', 'key-7777', 'pgpass-555']) expect(all).not.toContain(secret);
  expect(all).toContain('[redacted]');
  // What is not secret survives.
  expect(all).toContain('sign in');
  expect(all).toContain('postgres://lede:');
});
