import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/domain/errors.ts';
import { decodeHtml, describeFetchFailure, embeddedIPv4, forbiddenReason, nextDelay, parseRetryAfter } from '../../../src/pipeline/fetch/index.ts';

describe('SSRF address classes', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '169.254.170.2',
    '100.64.0.1', '100.100.100.200', '0.0.0.0', '0.1.2.3', '224.0.0.251', '239.1.1.1', '255.255.255.255', '192.0.0.192',
    '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:0a00:0001::1', '0:0:0:0:0:0:0:1',
  ])('refuses %s', (a) => expect(forbiddenReason(a)).not.toBeNull());

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2a00:1450:4001::1'])(
    'allows public %s',
    (a) => expect(forbiddenReason(a)).toBeNull(),
  );

  it('finds IPv4 inside IPv6 forms', () => {
    expect(embeddedIPv4('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIPv4('2002:c0a8:0001::')).toBe('192.168.0.1');
    expect(embeddedIPv4('2606:4700::1')).toBeNull();
  });
});

describe('back-off', () => {
  const still = { jitter: 0, now: Date.parse('2024-01-01T00:00:00Z') };
  it('grows exponentially from the base and is capped', () => {
    expect([1, 2, 3, 4].map((n) => nextDelay(n, null, { ...still, baseMs: 1000 }))).toEqual([1000, 2000, 4000, 8000]);
    expect(nextDelay(30, null, { ...still, baseMs: 1000, maxMs: 60_000 })).toBe(60_000);
  });
  it('never retries sooner than Retry-After (seconds or HTTP date)', () => {
    expect(nextDelay(1, '120', { ...still, baseMs: 1000 })).toBe(120_000);
    expect(nextDelay(1, 'Mon, 01 Jan 2024 00:05:00 GMT', { ...still, baseMs: 1000 })).toBe(300_000);
    expect(nextDelay(5, '1', { ...still, baseMs: 1000 })).toBe(16_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
  it('spreads retries with jitter but stays within bounds', () => {
    const values = [0, 0.5, 0.999].map((r) => nextDelay(3, null, { baseMs: 1000, jitter: 0.2, random: () => r }));
    expect(new Set(values).size).toBe(3);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(3200), expect(v).toBeLessThanOrEqual(4800);
  });
});

describe('decodeHtml', () => {
  const arabic = 'مرحبا بالعالم';
  const cp1256 = Buffer.from([0xe3, 0xd1, 0xcd, 0xc8, 0xc7, 0x20, 0xc8, 0xc7, 0xe1, 0xda, 0xc7, 0xe1, 0xe3]); // the same words in windows-1256

  it('follows the HTTP charset, then <meta charset>', () => {
    expect(decodeHtml(Buffer.concat([Buffer.from('<p>'), cp1256]), 'text/html; charset=windows-1256')).toBe(`<p>${arabic}`);
    const page = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body>'), cp1256]);
    expect(decodeHtml(page, 'text/html')).toContain(arabic);
  });

  it('recovers from wrong or missing declarations', () => {
    // Declared UTF-8, really Latin-1.
    expect(decodeHtml(Buffer.from('<p>caf\xe9 cr\xe8me</p>', 'latin1'), 'text/html; charset=utf-8')).toBe('<p>café crème</p>');
    // Declared Latin-1, really UTF-8.
    expect(decodeHtml(Buffer.from('<p>café – “quoted”</p>'), 'text/html; charset=iso-8859-1')).toBe('<p>café – “quoted”</p>');
    // Undeclared legacy Arabic page: the page language picks the code page.
    expect(decodeHtml(Buffer.concat([Buffer.from('<html lang="ar"><body>'), cp1256]), null)).toContain(arabic);
    // A BOM beats everything.
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>é</p>')]), 'text/html; charset=windows-1252')).toBe('<p>é</p>');
  });
});

describe('describeFetchFailure', () => {
  it('maps refusals and failures to a feed status, a reason and the next retry', () => {
    const refused = describeFetchFailure(new LedeError('fetch_refused', 'refused http://10.0.0.1/'), 1, { jitter: 0 });
    expect(refused).toEqual({ status: 'refused', error: 'fetch_refused: refused http://10.0.0.1/', retryInMs: 60_000 });
    const limited = describeFetchFailure(new LedeError('fetch_failed', 'HTTP 429', { details: { retryAfter: '3600' } }), 1, { jitter: 0 });
    expect(limited).toMatchObject({ status: 'error', retryInMs: 3_600_000 });
    expect(describeFetchFailure(new Error('boom'), 3, { jitter: 0 })).toEqual({ status: 'error', error: 'boom', retryInMs: 240_000 });
  });
});
