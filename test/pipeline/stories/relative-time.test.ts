import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../../src/pipeline/stories/index.ts';

describe('relativeTime', () => {
  const now = Date.parse('2025-02-20T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const M = 60_000, H = 60 * M, D = 24 * H;
  it.each([
    [10_000, 'just now'],
    [-5 * M, 'just now'],
    [M, 'a minute ago'],
    [25 * M, '25 minutes ago'],
    [H, 'an hour ago'],
    [H + 40 * M, 'an hour ago'],
    [4 * H, '4 hours ago'],
    [23 * H, '23 hours ago'],
    [30 * H, 'yesterday'],
    [3 * D, '3 days ago'],
    [8 * D, 'a week ago'],
    [20 * D, '2 weeks ago'],
    [45 * D, 'a month ago'],
    [400 * D, 'a year ago'],
    [800 * D, '2 years ago'],
  ])('%d ms ago → %s', (ms, text) => {
    expect(relativeTime(ago(ms), now)).toBe(text);
  });
  it('is computed against the time it is asked at', () => {
    const t = ago(H);
    expect(relativeTime(t, now)).toBe('an hour ago');
    expect(relativeTime(t, now + 3 * H)).toBe('4 hours ago');
  });
  it('missing or invalid times give null', () => {
    expect(relativeTime(null, now)).toBeNull();
    expect(relativeTime('not a date', now)).toBeNull();
  });
});
