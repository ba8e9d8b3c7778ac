// Sign up, sign in and sign out. The first account ever created becomes admin (the store decides).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from '../context.ts';
import { LedeError } from '../../domain/errors.ts';
import { html } from '../views/html.ts';
import { t } from '../i18n/index.ts';
import { csrfField, layout } from '../views/layout.ts';
import { clientIp, endSession, hashPassword, needsRehash, PASSWORD_MIN, rateLimit, startSession, verifyNoAccount, verifyPassword } from '../auth.ts';
import { checkSignin, recordSigninFailure, rememberDevice } from '../throttle.ts';
import { toHttpError } from '../errors.ts';

const EMAIL_RE = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/**
 * Only paths of this site: a `back` parameter must never send the reader elsewhere. Browsers drop tabs
 * and line breaks from URLs and read a backslash as a slash, so "/\t/evil.example" is "//evil.example"
 * to them: any control character or backslash is refused, then the path must resolve on this origin.
 */
export function safeBack(back: unknown): string {
  if (typeof back !== 'string' || !back.startsWith('/') || back.length >= 500) return '/';
  if (/[\u0000-\u001F\u007F\\]/.test(back)) return '/';
  let url: URL;
  try {
    url = new URL(back, 'http://lede.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://lede.invalid') return '/';
  return url.pathname + url.search + url.hash;
}

interface FormState { email?: string; name?: string; error?: string; status?: ContentfulStatusCode }

async function authPage(c: Context<Env>, kind: 'signin' | 'signup', s: FormState = {}): Promise<Response> {
  const back = safeBack(c.req.query('back'));
  const signup = kind === 'signup';
  const title = t(signup ? 'auth.signupTitle' : 'auth.signinTitle');
  return c.html(layout(c, { title, noindex: true }, html`<div class="auth">
<h1>${title}</h1>
${s.error ? html`<p class="error" role="alert" id="form-error">${s.error}</p>` : ''}
<form method="post" action="/${kind}?back=${encodeURIComponent(back)}" class="stack"${s.error ? html` aria-describedby="form-error"` : ''}>
  ${csrfField(c)}
  ${signup ? html`<label for="name">${t('auth.name')}</label>
  <input id="name" name="name" required maxlength="60" autocomplete="nickname" value="${s.name ?? ''}">` : ''}
  <label for="email">${t('auth.email')}</label>
  <input id="email" name="email" type="email" required maxlength="254" autocomplete="email" dir="ltr" value="${s.email ?? ''}">
  <label for="password">${t('auth.password')}</label>
  <input id="password" name="password" type="password" required ${signup ? html`minlength="${PASSWORD_MIN}" aria-describedby="pw-hint"` : ''} maxlength="200" autocomplete="${signup ? 'new-password' : 'current-password'}">
  ${signup ? html`<p class="hint" id="pw-hint">${t('auth.passwordHint', { n: PASSWORD_MIN })}</p>` : ''}
  <button type="submit">${t(signup ? 'auth.create' : 'auth.signin')}</button>
</form>
<p>${signup ? html`${t('auth.haveAccount')} <a href="/signin?back=${encodeURIComponent(back)}">${t('auth.signinTitle')}</a>` : html`${t('auth.newHere')} <a href="/signup?back=${encodeURIComponent(back)}">${t('auth.createLink')}</a> · <a href="/forgot">${t('auth.forgotLink')}</a>`}</p>
</div>`), s.status ?? 200);
}

export const signinForm = (c: Context<Env>) => authPage(c, 'signin');
export const signupForm = (c: Context<Env>) => authPage(c, 'signup');

const field = (body: Record<string, unknown>, k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : '');

export async function signup(c: Context<Env>): Promise<Response> {
  const body = await c.req.parseBody();
  const email = field(body, 'email').trim().toLowerCase();
  const name = field(body, 'name').replace(/\s+/g, ' ').trim();
  const password = field(body, 'password');
  try {
    if (!name || name.length > 60) throw new LedeError('bad_input', t('auth.badName'));
    if (!EMAIL_RE.test(email) || email.length > 254) throw new LedeError('bad_input', t('auth.badEmail'));
    if (password.length < PASSWORD_MIN || password.length > 200) throw new LedeError('bad_input', t('auth.badPassword', { n: PASSWORD_MIN }));
    await rateLimit(c, `signup:${clientIp(c)}`, 30, 3600);
    const { repo } = c.get('web');
    if (await repo.findAccountByEmail(email)) throw new LedeError('conflict', t('auth.taken'));
    const account = await repo.createAccount({ email, name, passwordHash: await hashPassword(password) });
    await startSession(c, account);
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return authPage(c, 'signup', { email, name, error: err.message, status: err.status });
  }
  return c.redirect(safeBack(c.req.query('back')), 303);
}

export async function signin(c: Context<Env>): Promise<Response> {
  const body = await c.req.parseBody();
  const email = field(body, 'email').trim().toLowerCase().slice(0, 254);
  const password = field(body, 'password').slice(0, 200);
  try {
    const { repo } = c.get('web');
    const found = email ? await repo.findAccountByEmail(email) : null;
    await checkSignin(c, email, found?.id ?? null);
    // The same answer, in the same time, for an unknown email and a wrong password: no account discovery.
    const ok = found ? await verifyPassword(password, found.passwordHash) : await verifyNoAccount(password);
    if (!found || !ok) {
      await recordSigninFailure(c, email);
      throw new LedeError('unauthorized', t('auth.wrong'));
    }
    // Stronger hashing parameters reach old accounts as their owners sign in.
    if (needsRehash(found.passwordHash)) await repo.setPasswordHash(found.id, await hashPassword(password));
    const { passwordHash: _, ...account } = found;
    await startSession(c, account);
    rememberDevice(c, account.id);
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return authPage(c, 'signin', { email, error: err.message, status: err.status });
  }
  return c.redirect(safeBack(c.req.query('back')), 303);
}

export async function signout(c: Context<Env>): Promise<Response> {
  await endSession(c);
  return c.redirect('/', 303);
}
