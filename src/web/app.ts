// The HTTP app: middleware (context, security headers, theme, session, CSRF), pages, feeds, API and
// the one error handler that maps LedeError codes to HTTP (see errors.ts).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { LedeError } from '../domain/errors.ts';
import { TtlCache } from './cache.ts';
import type { Env, Theme, WebContext, WebDeps } from './context.ts';
import { checkCsrf, loadSession } from './auth.ts';
import { toHttpError } from './errors.ts';
import { securityHeaders } from './security.ts';
import { STYLE_CSS, STYLE_HREF } from './static.ts';
import { html } from './views/html.ts';
import { layout } from './views/layout.ts';
import { feedHandler } from './feeds.ts';
import { apiRoutes } from './api/index.ts';
import { openApiDocument } from './api/openapi.ts';
import { homePage, latestPage, hashtagsIndex, outletsIndex } from './pages/home.ts';
import { articlePage } from './pages/article.ts';
import { storyPage } from './pages/story.ts';
import { hashtagPage, outletPage } from './pages/lists.ts';
import { searchPage } from './pages/search.ts';
import { signin, signinForm, signout, signup, signupForm, safeBack } from './pages/account.ts';
import { deleteOwnComment, editComment, editCommentForm, moderateComment, postComment, reportComment } from './pages/comments.ts';
import { addSource, adminHome, exportOpml, importOpml, moderationPage, removeFeed, removeSource } from './pages/admin.ts';
import { askArticle, translateArticle } from './pages/llm.ts';
import { originOf } from './feeds.ts';
import { log } from '../log/index.ts';
import { LedeMetrics } from '../ops/metrics.ts';
import { opsRoutes, requestLog } from './ops.ts';

const THEME_COOKIE = 'lede_theme';
/** How long rendered fragments are reused: new articles show up within this time on every node. */
export const FRAGMENT_TTL_MS = 15_000;

export function createApp(deps: WebDeps): Hono<Env> {
  const web: WebContext = {
    repo: deps.repo,
    config: deps.config,
    now: deps.now ?? (() => new Date()),
    llm: deps.llm ?? null,
    fragments: new TtlCache<unknown>(FRAGMENT_TTL_MS, 5000),
  };
  const secureBase = deps.config.baseUrl?.startsWith('https:') ?? false;
  const app = new Hono<Env>();
  const logger = deps.logger ?? log();
  const metrics = deps.metrics === undefined ? new LedeMetrics(deps.repo) : deps.metrics;

  app.use('*', requestLog(logger, metrics));
  app.use('*', async (c, next) => {
    c.set('web', web);
    c.set('account', null);
    c.set('sessionToken', null);
    c.set('secure', secureBase || new URL(c.req.url).protocol === 'https:');
    const theme = getCookie(c, THEME_COOKIE);
    c.set('theme', theme === 'dark' || theme === 'light' ? theme : null);
    await next();
  });
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    await loadSession(c);
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-cache');
  });
  // Form posts: a size cap (OPML uploads may be larger), then the CSRF check on every form.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const limited = bodyLimit({ maxSize: c.req.path === '/admin/opml' ? 3 * 1024 * 1024 : 64 * 1024, onError: () => { throw new LedeError('too_large', 'The form is too large.'); } });
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
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));
  app.get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /search\nDisallow: /admin\nDisallow: /api/\n', 200, { 'Cache-Control': 'public, max-age=86400' }));
  app.route('/', opsRoutes(deps.repo, deps.config, metrics));

  app.get('/theme', (c) => {
    const set = c.req.query('set');
    if (set === 'dark' || set === 'light') setCookie(c, THEME_COOKIE, set, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400, secure: c.get('secure') });
    else deleteCookie(c, THEME_COOKIE, { path: '/' });
    return c.redirect(safeBack(c.req.query('back')), 303);
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

  for (const ext of ['xml', 'atom', 'json']) {
    app.get(`/feed.${ext}`, feedHandler('home'));
    app.get(`/story/:id{[0-9]+}/feed.${ext}`, feedHandler('story', 'id'));
    app.get(`/hashtag/:tag/feed.${ext}`, feedHandler('hashtag', 'tag'));
    app.get(`/outlet/:name/feed.${ext}`, feedHandler('outlet', 'name'));
  }

  app.get('/signin', signinForm);
  app.post('/signin', signin);
  app.get('/signup', signupForm);
  app.post('/signup', signup);
  app.post('/signout', signout);

  app.post('/article/:id{[0-9]+}/comments', (c) => postComment(c, articlePage));
  app.post('/article/:id{[0-9]+}/ask', askArticle);
  app.post('/article/:id{[0-9]+}/translate', translateArticle);
  app.get('/comments/:id{[0-9]+}/edit', editCommentForm);
  app.post('/comments/:id{[0-9]+}/edit', editComment);
  app.post('/comments/:id{[0-9]+}/delete', deleteOwnComment);
  app.post('/comments/:id{[0-9]+}/report', reportComment);
  app.post('/comments/:id{[0-9]+}/moderate', moderateComment);

  app.get('/admin', adminHome);
  app.post('/admin/sources', addSource);
  app.post('/admin/sources/:id{[0-9]+}/delete', removeSource);
  app.post('/admin/feeds/:id{[0-9]+}/delete', removeFeed);
  app.get('/admin/opml', exportOpml);
  app.post('/admin/opml', importOpml);
  app.get('/admin/comments', moderationPage);

  app.get('/api/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(openApiDocument(originOf(c)));
  });
  app.route('/api/v1', apiRoutes());

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'not_found', message: 'No such API endpoint; see /api/openapi.json.' } }, 404);
    return errorPage(c, 404, 'Page not found', 'There is nothing at this address. Try the search, or go back to the top stories.');
  });

  app.onError((err, c) => {
    const e = toHttpError(err);
    // The unread rest of a too-large body makes the connection unusable: tell the client not to reuse it.
    if (e.status === 413) c.header('Connection', 'close');
    if (e.code === 'internal') logger.error({ method: c.req.method, path: c.req.path, err }, 'request failed');
    else if (e.status >= 500) logger.error({ method: c.req.method, path: c.req.path, code: e.code }, e.message);
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: e.code, message: e.message } }, e.status);
    // A page that needs an account sends a signed-out reader to sign in and back.
    if (e.status === 401 && c.req.method === 'GET') return c.redirect(`/signin?back=${encodeURIComponent(c.req.path)}`, 303);
    const titles: Record<number, string> = { 400: 'That did not work', 401: 'Sign in first', 403: 'Not allowed', 404: 'Not found', 409: 'Already there', 413: 'Too large', 429: 'Slow down' };
    const titles5xx: Record<number, string> = { 502: 'Upstream error', 503: 'Not available', 504: 'Timed out' };
    return errorPage(c, e.status, titles[e.status] ?? titles5xx[e.status] ?? 'Something went wrong', e.code === 'internal' ? 'The server hit an error. It has been logged; try again in a moment.' : e.message);
  });

  return app;
}

async function errorPage(c: Context<Env>, status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | number, title: string, message: string): Promise<Response> {
  const signin = status === 401 ? html`<p><a href="/signin">Sign in</a> or <a href="/signup">create an account</a>.</p>` : '';
  return c.html(layout(c, { title, noindex: true }, html`<div class="error-page"><h1>${title}</h1><p>${message}</p>${signin}<p><a href="/">Top stories</a> · <a href="/search">Search</a></p></div>`), status as 404);
}
