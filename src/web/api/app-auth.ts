// How apps sign in: the account's API password (not its web password) gives a token; the token comes
// back in a header (`Authorization: Bearer …` for /api/v1, `GoogleLogin auth=…` for Google Reader
// clients). A header cannot be sent by another site's form, so token requests need no CSRF token.
import type { Context } from 'hono';
import { LedeError } from '../../domain/errors.ts';
import type { Account } from '../../domain/types.ts';
import { accountOfToken, issueToken } from '../../reader/index.ts';
import { clientIp, rateLimit, verifyNoAccount, verifyPassword } from '../auth.ts';
import type { Env } from '../context.ts';

/** The token in an Authorization header (`Bearer T` or `GoogleLogin auth=T`), if any. */
export function headerToken(c: Context<Env>): string | null {
  const h = c.req.header('authorization') ?? '';
  const m = /^(?:Bearer\s+|GoogleLogin\s+auth=)(\S{1,200})$/i.exec(h.trim());
  return m ? m[1]! : null;
}

/** Signs the request in with its header token; false when there is none. Throws when it is not valid. */
export async function signInWithToken(c: Context<Env>): Promise<boolean> {
  const token = headerToken(c);
  if (!token) return false;
  const account = await accountOfToken(c.get('web').reader, token);
  if (!account) throw new LedeError('unauthorized', 'The API token is not valid (revoked, or the API password changed): sign in again.');
  c.set('account', account);
  c.set('viaToken', true);
  return true;
}

/**
 * Checks an email and API password and issues a token. Slowed like the web sign-in: failures count per
 * address and per account, and an unknown email costs as much as a wrong password.
 */
export async function passwordLogin(c: Context<Env>, email: string, password: string): Promise<{ account: Account; token: string }> {
  const { repo } = c.get('web');
  const ip = clientIp(c);
  await rateLimit(c, `api-login-ip:${ip}`, 30, 900);
  const found = email ? await repo.findAccountByEmail(email.trim()) : null;
  const creds = found ? await repo.apiPasswordOf(found.id) : null;
  const ok = creds ? await verifyPassword(password, creds.passwordHash) : await verifyNoAccount(password);
  if (!found || !ok) {
    if (found) await rateLimit(c, `api-login-account:${found.id}`, 10, 900);
    // One message either way: the answer must not tell who has an account.
    throw new LedeError('unauthorized', 'Wrong email or API password. Apps use the API password set on the settings page (/my/settings), not the web password.');
  }
  const { passwordHash: _omit, ...account } = found;
  return { account, token: await issueToken(c.get('web').reader, account) };
}
