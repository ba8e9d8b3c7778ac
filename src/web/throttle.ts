// Sign-in throttling that slows a guesser without locking the owner out. Only failures count, in the
// store (shared by every web node):
// - per client address: 20 failures in 15 minutes stop that address;
// - per account and address: 5 failures in 15 minutes stop that address for that account;
// - per account from everywhere: 10 failures in a minute pause that account until the minute ends
//   (a slow-down against many addresses, never a long lock), except for a browser that has signed in to
//   the account before: it carries a signed device cookie and is never paused (OWASP's "device cookie").
// So someone who knows an email cannot lock its owner out by typing wrong passwords.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { LedeError } from '../domain/errors.ts';
import type { AccountId } from '../domain/types.ts';
import type { Env } from './context.ts';
import { clientIp, isSecure, sameString, sign } from './auth.ts';

const DEVICE_COOKIE = 'lede_device';
interface Limit { key: string; max: number; windowSeconds: number }

function limits(c: Context<Env>, email: string): Limit[] {
  const ip = clientIp(c);
  return [
    { key: `signin-fail-ip:${ip}`, max: 20, windowSeconds: 900 },
    { key: `signin-fail-pair:${email}|${ip}`, max: 5, windowSeconds: 900 },
    { key: `signin-fail-account:${email}`, max: 10, windowSeconds: 60 },
  ];
}

function windowOf(c: Context<Env>, seconds: number): { start: string; wait: number } {
  const t = c.get('web').now().getTime();
  const ms = seconds * 1000;
  return { start: new Date(t - (t % ms)).toISOString(), wait: Math.ceil((ms - (t % ms)) / 1000) };
}

/** Throws rate_limited when this sign-in must wait; `accountId` is the account the email names, if any. */
export async function checkSignin(c: Context<Env>, email: string, accountId: AccountId | null): Promise<void> {
  const { repo } = c.get('web');
  const trusted = accountId !== null && knownDevice(c, accountId);
  for (const l of limits(c, email)) {
    if (trusted && l.key.startsWith('signin-fail-account:')) continue;
    const w = windowOf(c, l.windowSeconds);
    if ((await repo.hits(l.key, w.start)) >= l.max) {
      throw new LedeError('rate_limited', `Too many failed sign-ins; try again in ${w.wait < 90 ? `${w.wait} seconds` : `${Math.ceil(w.wait / 60)} minutes`}.`);
    }
  }
}

export async function recordSigninFailure(c: Context<Env>, email: string): Promise<void> {
  const { repo } = c.get('web');
  for (const l of limits(c, email)) await repo.hit(l.key, windowOf(c, l.windowSeconds).start);
}

/** Marks this browser as one that signed in to `accountId` (a year, HttpOnly, signed). */
export function rememberDevice(c: Context<Env>, accountId: AccountId): void {
  setCookie(c, DEVICE_COOKIE, `${accountId}.${sign(c, 'device', String(accountId))}`, {
    httpOnly: true, sameSite: 'Lax', secure: isSecure(c), path: '/signin', maxAge: 365 * 86400,
  });
}

function knownDevice(c: Context<Env>, accountId: AccountId): boolean {
  const m = /^(\d{1,15})\.([\w-]{32})$/.exec(getCookie(c, DEVICE_COOKIE) ?? '');
  return !!m && Number(m[1]) === accountId && sameString(m[2]!, sign(c, 'device', m[1]!));
}
