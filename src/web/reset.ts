// Password reset through a one-time link: an admin issues one (`lede account reset-link EMAIL`) and hands
// it over; the link opens a form for a new password. Only a hash of the token is stored, it works once,
// expires, and using it ends every other session of the account.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { LedeError } from '../domain/errors.ts';
import type { Repository } from '../store/repository.ts';
import type { Env } from './context.ts';
import { hashPassword, hashToken, PASSWORD_MIN, startSession } from './auth.ts';
import { toHttpError } from './errors.ts';
import { html } from './views/html.ts';
import { csrfField, layout } from './views/layout.ts';

export const RESET_HOURS = 24;

/** A reset link for the account with `email`: the path to open on the site (the token is shown only here). */
export async function issueResetLink(repo: Repository, email: string, now: Date): Promise<{ path: string; expiresAt: string }> {
  const account = await repo.findAccountByEmail(email.trim().toLowerCase());
  if (!account) throw new LedeError('not_found', `no account with email ${email}`);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 3600_000).toISOString();
  await repo.createPasswordReset(account.id, hashToken(token), expiresAt);
  return { path: `/reset/${token}`, expiresAt };
}

function resetForm(c: Context<Env>, error?: string, status: 200 | 400 = 200): Response | Promise<Response> {
  const token = c.req.param('token') ?? '';
  return c.html(layout(c, { title: 'Choose a new password', noindex: true }, html`<div class="auth">
<h1>Choose a new password</h1>
${error ? html`<p class="error" role="alert" id="form-error">${error}</p>` : ''}
<form method="post" action="/reset/${token}" class="stack">
  ${csrfField(c)}
  <label for="password">New password</label>
  <input id="password" name="password" type="password" required minlength="${PASSWORD_MIN}" maxlength="200" autocomplete="new-password" aria-describedby="pw-hint">
  <p class="hint" id="pw-hint">At least ${PASSWORD_MIN} characters. Setting it signs you out everywhere else.</p>
  <button type="submit">Set password</button>
</form>
</div>`), status);
}

export const resetPasswordForm = (c: Context<Env>) => resetForm(c);

export async function resetPassword(c: Context<Env>): Promise<Response> {
  const body = await c.req.parseBody();
  const password = typeof body.password === 'string' ? body.password : '';
  const token = c.req.param('token') ?? '';
  try {
    if (password.length < PASSWORD_MIN || password.length > 200) throw new LedeError('bad_input', `Choose a password of at least ${PASSWORD_MIN} characters.`);
    const { repo, now } = c.get('web');
    const accountId = /^[\w-]{43}$/.test(token) ? await repo.takePasswordReset(hashToken(token), now().toISOString()) : null;
    if (accountId === null) throw new LedeError('bad_input', 'This link has expired or was used already. Ask an administrator for a new one.');
    await repo.setPasswordHash(accountId, await hashPassword(password));
    await repo.deleteSessionsOf(accountId);
    const account = await repo.getAccount(accountId);
    if (account) await startSession(c, account);
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return resetForm(c, err.message, 400);
  }
  return c.redirect('/', 303);
}
