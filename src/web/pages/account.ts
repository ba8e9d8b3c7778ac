// Sign up, sign in and sign out. The first account ever created becomes admin (the store decides).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from '../context.ts';
import { LedeError } from '../../domain/errors.ts';
import { html } from '../views/html.ts';
import { csrfField, layout } from '../views/layout.ts';
import { clientIp, endSession, hashPassword, PASSWORD_MIN, rateLimit, startSession, verifyPassword } from '../auth.ts';
import { toHttpError } from '../errors.ts';

const EMAIL_RE = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** Only local paths: a `back` parameter must never send the reader to another site. */
export function safeBack(back: unknown): string {
  return typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') && back.length < 500 ? back : '/';
}

interface FormState { email?: string; name?: string; error?: string; status?: ContentfulStatusCode }

async function authPage(c: Context<Env>, kind: 'signin' | 'signup', s: FormState = {}): Promise<Response> {
  const back = safeBack(c.req.query('back'));
  const signup = kind === 'signup';
  return c.html(layout(c, { title: signup ? 'Create an account' : 'Sign in', noindex: true }, html`<div class="auth">
<h1>${signup ? 'Create an account' : 'Sign in'}</h1>
${s.error ? html`<p class="error" role="alert" id="form-error">${s.error}</p>` : ''}
<form method="post" action="/${kind}?back=${encodeURIComponent(back)}" class="stack"${s.error ? html` aria-describedby="form-error"` : ''}>
  ${csrfField(c)}
  ${signup ? html`<label for="name">Display name</label>
  <input id="name" name="name" required maxlength="60" autocomplete="nickname" value="${s.name ?? ''}">` : ''}
  <label for="email">Email</label>
  <input id="email" name="email" type="email" required maxlength="254" autocomplete="email" value="${s.email ?? ''}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required ${signup ? html`minlength="${PASSWORD_MIN}" aria-describedby="pw-hint"` : ''} maxlength="200" autocomplete="${signup ? 'new-password' : 'current-password'}">
  ${signup ? html`<p class="hint" id="pw-hint">At least ${PASSWORD_MIN} characters.</p>` : ''}
  <button type="submit">${signup ? 'Create account' : 'Sign in'}</button>
</form>
<p>${signup ? html`Have an account? <a href="/signin?back=${encodeURIComponent(back)}">Sign in</a>` : html`New here? <a href="/signup?back=${encodeURIComponent(back)}">Create an account</a>`}</p>
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
    if (!name || name.length > 60) throw new LedeError('bad_input', 'Choose a display name of 1 to 60 characters.');
    if (!EMAIL_RE.test(email) || email.length > 254) throw new LedeError('bad_input', 'Enter a valid email address.');
    if (password.length < PASSWORD_MIN || password.length > 200) throw new LedeError('bad_input', `Choose a password of at least ${PASSWORD_MIN} characters.`);
    await rateLimit(c, `signup:${clientIp(c)}`, 30, 3600);
    const { repo } = c.get('web');
    if (await repo.findAccountByEmail(email)) throw new LedeError('conflict', 'An account with this email already exists. Sign in instead.');
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
  const email = field(body, 'email').trim().toLowerCase();
  const password = field(body, 'password');
  try {
    await rateLimit(c, `signin:${clientIp(c)}`, 20, 900);
    await rateLimit(c, `signin-email:${email}`, 10, 900);
    const found = email ? await c.get('web').repo.findAccountByEmail(email) : null;
    // The same answer for an unknown email and a wrong password: no account discovery.
    if (!found || !(await verifyPassword(password, found.passwordHash))) throw new LedeError('unauthorized', 'Wrong email or password.');
    const { passwordHash: _, ...account } = found;
    await startSession(c, account);
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
