// Small helpers for page handlers.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { render, type Html } from '../views/html.ts';
import { LedeError } from '../../domain/errors.ts';

/** A rendered fragment from the in-process cache (see cache.ts), computed on a miss. */
export function fragment(c: Context<Env>, key: string, make: () => Html | Promise<Html>): Promise<string> {
  return cached(c, key, async () => render(await make()));
}

/** Any value from the in-process cache; keys name what they hold, so each key has one type. */
export function cached<T>(c: Context<Env>, key: string, make: () => Promise<T>, ttlMs?: number): Promise<T> {
  // Rendered fragments hold the interface's words and times: one per locale.
  return c.get('web').fragments.get(`${c.get('locale') ?? 'en'}:${key}`, make, ttlMs) as Promise<T>;
}

/** A form field as trimmed text ('' when absent or a file). */
export const formText = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export const now = (c: Context<Env>): Date => c.get('web').now();

/** A positive integer id from a path segment, or null. */
export function idParam(s: string | undefined): number | null {
  if (!s || !/^\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

export const daysAgo = (d: Date, days: number): string => new Date(d.getTime() - days * 86400_000).toISOString();

/** Times Lede can store and compare on both backends: from 1970 to the year 9999. */
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An ISO 8601 time from a query parameter, or a clear bad_input error (never a store error later). */
export function timeParam(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const t = raw.length <= 40 ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(t) || t < MIN_TIME || t > MAX_TIME) throw new LedeError('bad_input', `${name} must be an ISO 8601 time between 1970 and 9999`);
  return new Date(t).toISOString();
}
