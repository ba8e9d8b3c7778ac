// Password reset through a one-time link: an admin issues one (`lede account reset-link EMAIL`) and hands
// it over; the link opens a form for a new password. Only a hash of the token is stored, it works once,
// expires, and using it ends every other session of the account.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { LedeError } from '../domain/errors.ts';
import type { Repository } from '../store/repository.ts';
import type { Env } from './context.ts';
import { clientIp, hashPassword, hashToken, PASSWORD_MIN, rateLimit, startSession } from './auth.ts';
import { canMail, sendMail } from './mail.ts';
import { toHttpError } from './errors.ts';
import { html, raw } from './views/html.ts';
import { t } from './i18n/index.ts';
import { csrfField, layout } from './views/layout.ts';

export const RESET_HOURS = 24;

/** A reset link for the account with `email`: the path to open on the site (the token is shown only here). */
export async function issueResetLink(repo: Repository, email: string, now: Date, hours = RESET_HOURS): Promise<{ path: string; expiresAt: string }> {
  const account = await repo.findAccountByEmail(email.trim().toLowerCase());
  if (!account) throw new LedeError('not_found', `no account with email ${email}`);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + hours * 3600_000).toISOString();
  await repo.createPasswordReset(account.id, hashToken(token), expiresAt);
  return { path: `/reset/${token}`, expiresAt };
}

function resetForm(c: Context<Env>, error?: string, status: 200 | 400 = 200): Response | Promise<Response> {
  const token = c.req.param('token') ?? '';
  return c.html(layout(c, { title: t('auth.resetTitle'), noindex: true }, html`<div class="auth">
<h1>${t('auth.resetTitle')}</h1>
${error ? html`<p class="error" role="alert" id="form-error">${error}</p>` : ''}
<form method="post" action="/reset/${token}" class="stack">
  ${csrfField(c)}
  <label for="password">${t('auth.newPassword')}</label>
  <input id="password" name="password" type="password" required minlength="${PASSWORD_MIN}" maxlength="200" autocomplete="new-password" aria-describedby="pw-hint">
  <p class="hint" id="pw-hint">${t('auth.resetHint', { n: PASSWORD_MIN })}</p>
  <button type="submit">${t('auth.setPassword')}</button>
</form>
</div>`), status);
}

export const resetPasswordForm = (c: Context<Env>) => resetForm(c);

export async function resetPassword(c: Context<Env>): Promise<Response> {
  const body = await c.req.parseBody();
  const password = typeof body.password === 'string' ? body.password : '';
  const token = c.req.param('token') ?? '';
  try {
    if (password.length < PASSWORD_MIN || password.length > 200) throw new LedeError('bad_input', t('auth.badPassword', { n: PASSWORD_MIN }));
    const { repo, now } = c.get('web');
    const accountId = /^[\w-]{43}$/.test(token) ? await repo.takePasswordReset(hashToken(token), now().toISOString()) : null;
    if (accountId === null) throw new LedeError('bad_input', t('auth.resetExpired'));
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

/** How long a link sent by mail works: shorter than one an administrator hands over. */
const MAILED_RESET_HOURS = 1;

export async function forgotForm(c: Context<Env>, sent = false): Promise<Response> {
  const { config } = c.get('web');
  return c.html(layout(c, { title: t('auth.forgotTitle'), noindex: true }, html`<div class="auth">
<h1>${t('auth.forgotTitle')}</h1>
${sent ? html`<p class="notice" role="status">${t('auth.forgotSent')}</p>` : ''}
${canMail(config) ? html`<form method="post" action="/forgot" class="stack">
  ${csrfField(c)}
  <label for="email">${t('auth.email')}</label>
  <input id="email" name="email" type="email" required maxlength="254" autocomplete="email" dir="ltr">
  <button type="submit">${t('auth.sendLink')}</button>
</form>` : html`<p>${raw(t('auth.noMail'))}</p>`}
<p><a href="/signin">${t('auth.backToSignin')}</a></p>
</div>`));
}

/**
 * Mails a reset link when the address has an account; the answer is the same either way, and the mail
 * goes out after the answer, so neither the page nor its timing tells whether the account exists.
 */
export async function forgot(c: Context<Env>): Promise<Response> {
  const { config, repo, now } = c.get('web');
  if (!canMail(config)) return forgotForm(c);
  const body = await c.req.parseBody();
  const email = (typeof body.email === 'string' ? body.email : '').trim().toLowerCase().slice(0, 254);
  await rateLimit(c, `forgot:${clientIp(c)}`, 10, 3600);
  await rateLimit(c, `forgot-email:${email}`, 3, 3600);
  const origin = (config.baseUrl ?? new URL(c.req.url).origin).replace(/\/$/, '');
  void (async () => {
    if (!email || !(await repo.findAccountByEmail(email))) return;
    const link = await issueResetLink(repo, email, now(), MAILED_RESET_HOURS);
    await sendMail(config, {
      to: email,
      subject: 'Choose a new password for Lede',
      text: `Someone asked to reset the password of your Lede account.\n\nTo choose a new one, open this link within an hour:\n${origin}${link.path}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
    });
  })().catch((e) => c.get('web').logger.error({ event: 'mail_failed', err: e }, 'password reset mail not sent'));
  return forgotForm(c, true);
}
