// Accounts on the web: scrypt password hashes, database sessions (only a hash of the token is
// stored), CSRF tokens and rate limits through the store (so web nodes stay stateless).
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { LedeError } from '../domain/errors.ts';
import type { Account } from '../domain/types.ts';
import type { Env } from './context.ts';

export const SESSION_COOKIE = 'lede_session';
export const CSRF_COOKIE = 'lede_csrf';
const SESSION_DAYS = 30;
export const PASSWORD_MIN = 10;
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whether cookies must be Secure: the request came over HTTPS or the public base URL is HTTPS. */
export function isSecure(c: Context<Env>): boolean {
  return c.get('secure');
}

export async function startSession(c: Context<Env>, account: Account): Promise<void> {
  const { repo, now } = c.get('web');
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now().getTime() + SESSION_DAYS * 86400_000);
  await repo.createSession(account.id, hashToken(token), expires.toISOString());
  // Max-Age, not Expires: a relative lifetime is immune to clock differences with the browser.
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Lax', secure: isSecure(c), path: '/', maxAge: SESSION_DAYS * 86400,
  });
  c.set('account', account);
  c.set('sessionToken', token);
}

export async function endSession(c: Context<Env>): Promise<void> {
  const token = c.get('sessionToken');
  if (token) await c.get('web').repo.deleteSession(hashToken(token));
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(c) });
  c.set('account', null);
  c.set('sessionToken', null);
}

/** Loads the account of the session cookie, if any (one indexed query; none without the cookie). */
export async function loadSession(c: Context<Env>): Promise<void> {
  c.set('account', null);
  c.set('sessionToken', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 200) return;
  const { repo, now } = c.get('web');
  const account = await repo.findSession(hashToken(token), now().toISOString());
  if (account) {
    c.set('account', account);
    c.set('sessionToken', token);
  }
}

/**
 * The CSRF token for this visitor. Signed in: derived from the session token (which a cross-site page
 * can neither read nor guess). Signed out: a random value in its own cookie (double submit), set here
 * when missing. SameSite=Lax cookies add a second line of defence.
 */
export function csrfToken(c: Context<Env>): string {
  const session = c.get('sessionToken');
  if (session) return createHash('sha256').update('csrf|' + session).digest('base64url').slice(0, 32);
  let token = getCookie(c, CSRF_COOKIE);
  if (!token || !/^[\w-]{20,64}$/.test(token)) {
    token = randomBytes(18).toString('base64url');
    setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isSecure(c), path: '/' });
  }
  return token;
}

export function checkCsrf(c: Context<Env>, submitted: unknown): void {
  const session = c.get('sessionToken');
  const expected = session ? csrfToken(c) : getCookie(c, CSRF_COOKIE);
  const got = typeof submitted === 'string' ? submitted : '';
  const ok = !!expected && got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
  if (!ok) throw new LedeError('forbidden', 'This form has expired or did not come from this site. Reload the page and try again.');
}

/** Fixed-window rate limit counted in the store: throws rate_limited past `max` per window. */
export async function rateLimit(c: Context<Env>, key: string, max: number, windowSeconds: number): Promise<void> {
  const { repo, now } = c.get('web');
  const t = now().getTime();
  const windowStart = new Date(t - (t % (windowSeconds * 1000))).toISOString();
  const count = await repo.hit(`${key}|${windowSeconds}`, windowStart);
  if (count > max) {
    const wait = Math.ceil((windowSeconds * 1000 - (t % (windowSeconds * 1000))) / 1000);
    throw new LedeError('rate_limited', `Too many attempts; try again in ${wait < 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`);
  }
}

export function clientIp(c: Context<Env>): string {
  // The socket address: X-Forwarded-For is not trusted, since any client can send it to dodge limits.
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function requireAccount(c: Context<Env>): Account {
  const a = c.get('account');
  if (!a) throw new LedeError('unauthorized', 'Sign in first.');
  return a;
}

export function requireModerator(c: Context<Env>): Account {
  const a = requireAccount(c);
  if (a.role !== 'admin' && a.role !== 'moderator') throw new LedeError('forbidden', 'Only moderators can do that.');
  return a;
}

export function requireAdmin(c: Context<Env>): Account {
  const a = requireAccount(c);
  if (a.role !== 'admin') throw new LedeError('forbidden', 'Only administrators can do that.');
  return a;
}
