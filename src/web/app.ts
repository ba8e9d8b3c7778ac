// The HTTP app: middleware (context, security headers, theme, session, CSRF), pages, feeds, API and
// the one error handler that maps LedeError codes to HTTP (see errors.ts).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { LedeError } from '../domain/errors.ts';
import { printable } from '../domain/text.ts';
import { TtlCache } from './cache.ts';
import type { Env, Theme, WebContext, WebDeps } from './context.ts';
import { checkCsrf, loadSession, sameString, serverKey } from './auth.ts';
import { log } from '../log/index.ts';
import { createFetcher, fetcherOptionsFromConfig } from '../pipeline/fetch/index.ts';
import { createMetrics } from '../metrics/index.ts';
import { toHttpError } from './errors.ts';
import { securityHeaders } from './security.ts';
import { IMAGE_PATH, imageHandler } from './images.ts';
import { forgot, forgotForm, resetPassword, resetPasswordForm } from './reset.ts';
import { FIXED_ASSETS, KEYS_JS, KEYS_SRC, MANIFEST, STYLE_CSS, STYLE_HREF } from './static.ts';
import { html, raw } from './views/html.ts';
import { layout } from './views/layout.ts';
import { feedHandler } from './feeds.ts';
import { apiRoutes } from './api/index.ts';
import { greaderRoutes } from './api/greader.ts';
import { feverRoutes } from './api/fever.ts';
import { openApiDocument } from './api/openapi.ts';
import { homePage, latestPage, hashtagsIndex, outletsIndex } from './pages/home.ts';
import { articlePage } from './pages/article.ts';
import { storyPage } from './pages/story.ts';
import { briefingPage } from './pages/briefing.ts';
import { hashtagPage, outletPage } from './pages/lists.ts';
import { searchPage } from './pages/search.ts';
import { signin, signinForm, signout, signup, signupForm, safeBack } from './pages/account.ts';
import { deleteOwnComment, editComment, editCommentForm, moderateComment, postComment, reportComment } from './pages/comments.ts';
import { addSource, adminHome, adminOutlets, editOutlet, exportOpml, importOpml, moderationPage, removeFeed, removeSource } from './pages/admin.ts';
import { askArticle, translateArticle } from './pages/llm.ts';
import { followAction, markAllAction, myPage, readAction, starAction, unfollowAction } from './pages/my.ts';
import { deleteFolder, editFollow, exportMyOpml, importMyOpml, myFollows, mySettings, readersAddFeedsAction, renameFolder, revokeApiPasswordAction, setApiPasswordAction } from './pages/my-settings.ts';
import { originOf } from './feeds.ts';
import { currentLocale, isLocale, LOCALE_COOKIE, negotiateLocale, t, withLocale } from './i18n/index.ts';

const THEME_COOKIE = 'lede_theme';
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
/** How long rendered fragments are reused: new articles show up within this time on every node. */
export const FRAGMENT_TTL_MS = 15_000;

export function createApp(deps: WebDeps): Hono<Env> {
  let fetcher = deps.fetcher;
  const now = deps.now ?? (() => new Date());
  const web: WebContext = {
    repo: deps.repo,
    config: deps.config,
    now,
    llm: deps.llm ?? null,
    fragments: new TtlCache<unknown>(FRAGMENT_TTL_MS, 5000),
    logger: deps.logger ?? log(),
    metrics: deps.metrics !== undefined ? deps.metrics : deps.config.metrics ? createMetrics() : null,
    reader: {
      repo: deps.repo,
      fetcher: () => (fetcher ??= createFetcher({ ...fetcherOptionsFromConfig(deps.config), minDelayMs: 0 })),
      now,
      maxFollows: deps.config.readerMaxFollows,
      readersAddFeeds: deps.config.readersAddFeeds,
    },
  };
  web.metrics?.watchStore(deps.repo);
  const secureBase = deps.config.baseUrl?.startsWith('https:') ?? false;
  const app = new Hono<Env>();

  // One log event and one histogram observation per request: method, route pattern, status, duration.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath || 'unmatched';
    web.metrics?.httpRequests.observe({ method: c.req.method, route, status: String(c.res.status) }, seconds);
    web.logger.info({ event: 'http_request', method: c.req.method, route, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 10_000) / 10 }, 'request');
  });
  app.use('*', async (c, next) => {
    c.set('web', web);
    c.set('account', null);
    c.set('sessionToken', null);
    c.set('viaToken', false);
    c.set('secure', secureBase || new URL(c.req.url).protocol === 'https:');
    const theme = getCookie(c, THEME_COOKIE);
    c.set('theme', theme === 'dark' || theme === 'light' ? theme : null);
    // Probes and metrics must answer while the store is down: they never need the signing key.
    if (!PROBES.has(c.req.path)) c.set('secret', await serverKey(web));
    await next();
  });
  app.use('*', securityHeaders(deps.config.imageProxy));
  app.use('*', async (c, next) => {
    await loadSession(c);
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-cache');
  });
  // The interface's language: the account's setting, else the reader's choice, else Accept-Language.
  app.use('*', async (c, next) => {
    const chosen = c.get('account')?.locale ?? getCookie(c, LOCALE_COOKIE);
    const locale = isLocale(chosen) ? chosen : negotiateLocale(c.req.header('accept-language'));
    c.set('locale', locale);
    await withLocale(locale, next);
    c.header('Vary', 'Accept-Language, Cookie', { append: true });
  });
  // Form posts: a size cap (OPML uploads may be larger), then the CSRF check on every form.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const limited = bodyLimit({ maxSize: (c.req.path === '/admin/opml' || c.req.path === '/my/opml') ? 3 * 1024 * 1024 : 64 * 1024, onError: () => { throw new LedeError('too_large', 'The form is too large.'); } });
    return limited(c, async () => {
      const type = c.req.header('content-type') ?? '';
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) throw new LedeError('bad_input', 'Forms must be sent as application/x-www-form-urlencoded or multipart/form-data.');
      let body: Record<string, unknown>;
      try {
        body = await c.req.parseBody();
      } catch (e) {
        throw new LedeError('bad_input', 'The form could not be read.', { cause: e });
      }
      checkCsrf(c, body._csrf);
      await next();
    });
  });

  app.get(STYLE_HREF, (c) => c.body(STYLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' }));
  app.get(KEYS_SRC, (c) => c.body(KEYS_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' }));
  for (const [path, asset] of FIXED_ASSETS) app.get(path, (c) => c.body(new Uint8Array(asset.body), 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=86400' }));
  app.get('/manifest.webmanifest', (c) => c.body(MANIFEST, 200, { 'Content-Type': 'application/manifest+json', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));
  app.get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /search\nDisallow: /admin\nDisallow: /api/\n', 200, { 'Cache-Control': 'public, max-age=86400' }));
  app.get('/metrics', async (c) => {
    if (!web.metrics) throw new LedeError('not_found', 'Metrics are off (LEDE_METRICS=1 turns them on).');
    const token = deps.config.metricsToken;
    if (token && !sameString(c.req.header('authorization') ?? '', `Bearer ${token}`)) {
      return c.text('metrics need Authorization: Bearer TOKEN\n', 401, { 'WWW-Authenticate': 'Bearer' });
    }
    return c.body(await web.metrics.registry.metrics(), 200, { 'Content-Type': web.metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
  // Liveness: the process answers (no store call, so a slow database never gets a healthy process killed).
  app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' }));
  // Readiness: the store answers and its schema is the one this Lede needs; 503 with the reason otherwise.
  app.get('/readyz', async (c) => {
    let reason: string | null;
    try {
      reason = await web.repo.readiness();
    } catch (e) {
      reason = `the store does not answer: ${(e as Error).message}`;
    }
    return c.json(reason ? { ok: false, reason: printable(reason) } : { ok: true }, reason ? 503 : 200, { 'Cache-Control': 'no-store' });
  });

  app.get('/theme', (c) => {
    const set = c.req.query('set');
    if (set === 'dark' || set === 'light') setCookie(c, THEME_COOKIE, set, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400, secure: c.get('secure') });
    else deleteCookie(c, THEME_COOKIE, { path: '/' });
    return c.redirect(safeBack(c.req.query('back')), 303);
  });

  app.get(`${IMAGE_PATH}/:signature/:encoded`, imageHandler(deps.config));

  // The interface language: a reader's choice is a cookie; a signed-in reader's (a form post) is also
  // saved on the account, so it follows them to other browsers.
  const chooseLanguage = async (c: Context<Env>, set: unknown, back: unknown) => {
    const locale = typeof set === 'string' && isLocale(set) ? set : null;
    if (locale) setCookie(c, LOCALE_COOKIE, locale, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400, secure: c.get('secure') });
    else deleteCookie(c, LOCALE_COOKIE, { path: '/' });
    const account = c.get('account');
    if (account && c.req.method === 'POST') await web.repo.setAccountLocale(account.id, locale);
    return c.redirect(safeBack(typeof back === 'string' ? back : undefined), 303);
  };
  app.get('/language', (c) => chooseLanguage(c, c.req.query('set'), c.req.query('back')));
  app.post('/language', async (c) => {
    const body = await c.req.parseBody();
    return chooseLanguage(c, body.set, body.back);
  });

  app.get('/', homePage);
  app.get('/latest', latestPage);
  app.get('/hashtags', hashtagsIndex);
  app.get('/outlets', outletsIndex);
  app.get('/search', searchPage);
  app.get('/story/:id{[0-9]+}', storyPage);
  app.get('/article/:id{[0-9]+}', (c) => articlePage(c));
  app.get('/hashtag/:tag', hashtagPage);
  app.get('/outlet/:name', outletPage);
  app.get('/briefing', briefingPage);

  for (const ext of ['xml', 'atom', 'json']) {
    app.get(`/feed.${ext}`, feedHandler('home'));
    app.get(`/story/:id{[0-9]+}/feed.${ext}`, feedHandler('story', 'id'));
    app.get(`/hashtag/:tag/feed.${ext}`, feedHandler('hashtag', 'tag'));
    app.get(`/outlet/:name/feed.${ext}`, feedHandler('outlet', 'name'));
    app.get(`/briefing/feed.${ext}`, feedHandler('briefing'));
    app.get(`/briefing.${ext}`, feedHandler('briefing'));
  }

  app.get('/signin', signinForm);
  app.post('/signin', signin);
  app.get('/signup', signupForm);
  app.post('/signup', signup);
  app.post('/signout', signout);
  app.get('/forgot', (c) => forgotForm(c));
  app.post('/forgot', forgot);
  app.get('/reset/:token', resetPasswordForm);
  app.post('/reset/:token', resetPassword);

  app.post('/article/:id{[0-9]+}/comments', (c) => postComment(c, articlePage));
  app.post('/article/:id{[0-9]+}/ask', askArticle);
  app.post('/article/:id{[0-9]+}/translate', translateArticle);
  app.get('/comments/:id{[0-9]+}/edit', editCommentForm);
  app.post('/comments/:id{[0-9]+}/edit', editComment);
  app.post('/comments/:id{[0-9]+}/delete', deleteOwnComment);
  app.post('/comments/:id{[0-9]+}/report', reportComment);
  app.post('/comments/:id{[0-9]+}/moderate', moderateComment);

  app.get('/my', myPage);
  app.post('/my/follow', followAction);
  app.get('/my/follows', myFollows);
  app.post('/my/follows/:id{[0-9]+}', editFollow);
  app.post('/my/follows/:id{[0-9]+}/delete', unfollowAction);
  app.post('/my/folders/:id{[0-9]+}', renameFolder);
  app.post('/my/folders/:id{[0-9]+}/delete', deleteFolder);
  app.post('/my/items/:id{[0-9]+}/read', readAction);
  app.post('/my/items/:id{[0-9]+}/star', starAction);
  app.post('/my/mark-all', markAllAction);
  app.get('/my/opml', exportMyOpml);
  app.post('/my/opml', importMyOpml);
  app.get('/my/settings', mySettings);
  app.post('/my/settings/api-password', setApiPasswordAction);
  app.post('/my/settings/api-password/revoke', revokeApiPasswordAction);
  app.post('/admin/settings', readersAddFeedsAction);

  app.get('/admin', adminHome);
  app.post('/admin/sources', addSource);
  app.post('/admin/sources/:id{[0-9]+}/delete', removeSource);
  app.post('/admin/feeds/:id{[0-9]+}/delete', removeFeed);
  app.get('/admin/opml', exportOpml);
  app.post('/admin/opml', importOpml);
  app.get('/admin/comments', moderationPage);
  app.get('/admin/outlets', adminOutlets);
  app.post('/admin/outlets', editOutlet);

  app.get('/api/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(openApiDocument(originOf(c)));
  });
  app.route('/api/v1', apiRoutes());
  app.route('/api/greader', greaderRoutes());
  app.route('/api/fever', feverRoutes());

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'not_found', message: 'No such API endpoint; see /api/openapi.json.' } }, 404);
    return errorPage(c, 404, t('error.pageNotFound'), t('error.nothingHere'));
  });

  app.onError((err, c) => {
    const e = toHttpError(err);
    // The unread rest of a too-large body makes the connection unusable: tell the client not to reuse it.
    if (e.status === 413) c.header('Connection', 'close');
    // The path and the message may carry what a client sent: escaped, so one request is one log line.
    if (e.code === 'internal') web.logger.error({ event: 'http_error', method: c.req.method, path: c.req.path, err }, 'internal error');
    else if (e.status >= 500) web.logger.error({ event: 'http_error', method: c.req.method, path: c.req.path, code: e.code }, e.message);
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: e.code, message: e.message } }, e.status);
    // A page that needs an account sends a signed-out reader to sign in and back.
    if (e.status === 401 && c.req.method === 'GET') return c.redirect(`/signin?back=${encodeURIComponent(c.req.path)}`, 303);
    // The title in the reader's language; the error's own message (English) in the English interface, a
    // general one by status in the Arabic interface (its messages come from deep in the store and pipeline).
    const message = e.code === 'internal' ? t('error.internal') : currentLocale() === 'en' ? e.message : t('error.general', { status: String(e.status) });
    return errorPage(c, e.status, t('error.title', { status: String(e.status) }), message);
  });

  return app;
}

async function errorPage(c: Context<Env>, status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | number, title: string, message: string): Promise<Response> {
  const signin = status === 401 ? html`<p>${raw(t('error.signinOr'))}</p>` : '';
  return c.html(layout(c, { title, noindex: true }, html`<div class="error-page"><h1>${title}</h1><p>${message}</p>${signin}<p><a href="/">${t('layout.top')}</a> · <a href="/search">${t('search.title')}</a></p></div>`), status as 404);
}
