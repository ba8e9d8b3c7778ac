// Accounts on the web: scrypt password hashes, database sessions (only a hash of the token is
// stored), CSRF tokens and rate limits through the store (so web nodes stay stateless).
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { LedeError } from '../domain/errors.ts';
import type { Account } from '../domain/types.ts';
import type { Env, WebContext } from './context.ts';

export const SESSION_COOKIE = 'lede_session';
export const CSRF_COOKIE = 'lede_csrf';
const SESSION_DAYS = 30;
export const PASSWORD_MIN = 10;
/** scrypt at N = 2^17 (OWASP's current guidance); older hashes are raised at the next sign-in. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keylen: 32 } as const;
/** Hashes with parameters above this are refused: a stored hash must not make sign-in a memory bomb. */
const SCRYPT_MAX_N = 2 ** 20;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keylen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
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
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (!(N >= 2 && N <= SCRYPT_MAX_N && R >= 1 && R <= 32 && P >= 1 && P <= 16)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), N, R, P, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a stored hash was made with weaker parameters than today's (then it is redone at sign-in). */
export function needsRehash(stored: string): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(n) < SCRYPT.N || Number(r) < SCRYPT.r || Number(p) < SCRYPT.p;
}

let dummyHash: Promise<string> | null = null;
/**
 * Checks a password against an account that does not exist, at the cost of a real check: sign-in takes
 * as long for an unknown email as for a wrong password, so timing does not reveal who has an account.
 */
export async function verifyNoAccount(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(password, await dummyHash);
  return false;
}

/** The server's signing key: `secretKey` from the config, else a random one kept in the store. */
export function serverKey(web: WebContext): Promise<Buffer> {
  web.secret ??= (web.config.secretKey ? Promise.resolve(web.config.secretKey) : web.repo.serverSecret('web'))
    .then((k) => createHash('sha256').update('lede-web-key|' + k).digest());
  // A failed load (store down) is retried on the next request rather than remembered.
  web.secret.catch(() => { web.secret = undefined; });
  return web.secret;
}

/** HMAC-SHA256 of `purpose|value` under the server key, base64url, `length` characters. */
export function sign(c: Context<Env>, purpose: string, value: string, length = 32): string {
  return createHmac('sha256', c.get('secret')).update(purpose + '|' + value).digest('base64url').slice(0, length);
}

/** Constant-time comparison of two strings. */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
 * can neither read nor guess). Signed out: derived from a random value in a cookie that the server
 * signed, so a cookie planted by another site (or a sibling subdomain) with a token of its choosing is
 * refused. SameSite=Lax cookies add a second line of defence.
 */
export function csrfToken(c: Context<Env>): string {
  const session = c.get('sessionToken');
  if (session) return createHash('sha256').update('csrf|' + session).digest('base64url').slice(0, 32);
  let nonce = signedOutNonce(c);
  if (!nonce) {
    nonce = randomBytes(18).toString('base64url');
    setCookie(c, CSRF_COOKIE, `${nonce}.${sign(c, 'csrf-cookie', nonce, 22)}`, { httpOnly: true, sameSite: 'Lax', secure: isSecure(c), path: '/' });
  }
  return sign(c, 'csrf-token', nonce);
}

/** The nonce of a signed-out visitor's CSRF cookie, when the server signed it. */
function signedOutNonce(c: Context<Env>): string | null {
  const m = /^([\w-]{20,64})\.([\w-]{22})$/.exec(getCookie(c, CSRF_COOKIE) ?? '');
  return m && sameString(m[2]!, sign(c, 'csrf-cookie', m[1]!, 22)) ? m[1]! : null;
}

export function checkCsrf(c: Context<Env>, submitted: unknown): void {
  const session = c.get('sessionToken');
  const nonce = session ? null : signedOutNonce(c);
  const expected = session ? csrfToken(c) : nonce ? sign(c, 'csrf-token', nonce) : '';
  const got = typeof submitted === 'string' ? submitted : '';
  if (!expected || !sameString(got, expected)) throw new LedeError('forbidden', 'This form has expired or did not come from this site. Reload the page and try again.');
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
