// JSON API under /api/v1: stories (with their analysis), the briefing, outlets, articles, search, hashtags,
// comments. Reads carry ETag and Cache-Control (304 on If-None-Match, by hono's etag middleware); lists
// page with opaque cursors.
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { bodyLimit } from 'hono/body-limit';
import type { Env } from '../context.ts';
import type { ArticleId, Comment, CommentId, StoryId } from '../../domain/types.ts';
import { LedeError } from '../../domain/errors.ts';
import { rateLimit } from '../auth.ts';
import { signInWithToken } from './app-auth.ts';
import { readerApi, requireWriter } from './reader.ts';
import { relatedFor } from '../related.ts';
import { storedHashtag } from '../text.ts';
import { readSearchParams, runSearch } from '../pages/search.ts';
import { validateBody } from '../pages/comments.ts';
import { daysAgo, idParam, timeParam } from '../pages/util.ts';
import { briefingJson, loadBriefing } from '../briefing.ts';
import { readOutletPatch } from '../outlets.ts';

const encodeOffset = (n: number): string => Buffer.from(`o:${n}`).toString('base64url');
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new LedeError('bad_input', 'invalid page cursor');
  return Number(m[1]);
}

function limitOf(c: Context<Env>, def = 20, max = 100): number {
  const raw = c.req.query('limit');
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new LedeError('bad_input', `limit must be an integer from 1 to ${max}`);
  return n;
}

function mustId<T>(raw: string | undefined, what: string): T {
  const id = idParam(raw);
  if (!id) throw new LedeError('not_found', `No such ${what}.`);
  return id as T;
}

/** Public shape of a comment: bodies of hidden and deleted comments are not published. */
function publicComment(cm: Comment) {
  const shown = cm.status === 'visible';
  return { id: cm.id, articleId: cm.articleId, parentId: cm.parentId, author: cm.authorName, status: cm.status, body: shown ? cm.body : null, createdAt: cm.createdAt, editedAt: cm.editedAt };
}

export function apiRoutes(): Hono<Env> {
  const api = new Hono<Env>();
  api.use('*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' && c.res.status === 200 && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'public, max-age=30, stale-while-revalidate=60');
  });
  api.use('*', etag({ weak: true }));
  api.use('*', bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new LedeError('too_large', 'The request body is larger than 64 KiB.'); } }));
  // Apps sign in with a Bearer token (POST /api/v1/tokens); browsers with the session cookie and X-CSRF-Token.
  api.use('*', async (c, next) => {
    await signInWithToken(c);
    await next();
  });
  readerApi(api);

  api.get('/stories', async (c) => {
    const limit = limitOf(c);
    const offset = decodeOffset(c.req.query('cursor'));
    if (offset + limit > 500) throw new LedeError('bad_input', 'stories are listed up to the 500th');
    const since = timeParam(c.req.query('since'), 'since');
    const all = await c.get('web').repo.topStories({ limit: offset + limit + 1, since });
    const items = all.slice(offset, offset + limit);
    return c.json({ items, next: all.length > offset + limit ? encodeOffset(offset + limit) : null });
  });

  // A story with its stored analysis: coverage, how the copies and accounts differ, timeline, key quotes.
  api.get('/stories/:id', async (c) => {
    const id = mustId<StoryId>(c.req.param('id'), 'story');
    const { repo } = c.get('web');
    const [found, analysis] = await Promise.all([repo.getStory(id), repo.getStoryAnalysis(id)]);
    if (!found) throw new LedeError('not_found', 'No such story.');
    return c.json({ ...found, analysis });
  });

  api.get('/stories/:id/analysis', async (c) => {
    const id = mustId<StoryId>(c.req.param('id'), 'story');
    const { repo } = c.get('web');
    const [found, analysis] = await Promise.all([repo.getStory(id), repo.getStoryAnalysis(id)]);
    if (!found) throw new LedeError('not_found', 'No such story.');
    if (!analysis) throw new LedeError('not_found', 'This story has not been analysed yet; try again shortly.');
    return c.json(analysis);
  });

  api.get('/briefing', async (c) => {
    return c.json(briefingJson(await loadBriefing(c.get('web').repo, c.get('web').now())));
  });

  api.get('/outlets', async (c) => c.json({ items: await c.get('web').repo.listOutlets() }));

  api.get('/outlets/:name', async (c) => {
    const name = c.req.param('name');
    const { repo } = c.get('web');
    const [outlet, coverage] = await Promise.all([repo.getOutlet(name), repo.outletCoverage(name)]);
    if (!outlet) throw new LedeError('not_found', 'No such outlet.');
    return c.json({ ...outlet, coverage });
  });

  // An admin's edit (a Bearer token, or the session cookie and X-CSRF-Token, as for comments): the fields sent replace the stored ones.
  api.patch('/outlets/:name', async (c) => {
    const me = requireWriter(c);
    if (me.role !== 'admin') throw new LedeError('forbidden', 'Only administrators can edit outlets.');
    let input: unknown;
    try {
      input = await c.req.json();
    } catch {
      throw new LedeError('bad_input', 'The request body must be JSON: {"kind": "wire", "country": "GB", …}');
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw new LedeError('bad_input', 'The request body must be a JSON object.');
    const patch = readOutletPatch(input as Record<string, unknown>);
    const { repo, now, fragments } = c.get('web');
    const outlet = await repo.updateOutlet(c.req.param('name'), patch, now().toISOString());
    if (!outlet) throw new LedeError('not_found', 'No such outlet.');
    fragments.clear();
    c.header('Cache-Control', 'no-store');
    return c.json(outlet);
  });

  api.get('/articles', async (c) => {
    const page = await c.get('web').repo.latestArticles({
      limit: limitOf(c), cursor: c.req.query('cursor') ?? null,
      outlet: c.req.query('outlet') || undefined, hashtag: c.req.query('hashtag') ? storedHashtag(c.req.query('hashtag')!) : undefined,
    });
    return c.json(page);
  });

  api.get('/articles/:id', async (c) => {
    const id = mustId<ArticleId>(c.req.param('id'), 'article');
    const { repo } = c.get('web');
    const found = await repo.getArticle(id);
    if (!found) throw new LedeError('not_found', 'No such article.');
    return c.json({ ...found, enrichment: await repo.getEnrichment(id) });
  });

  api.get('/articles/:id/related', async (c) => {
    const id = mustId<ArticleId>(c.req.param('id'), 'article');
    const { repo } = c.get('web');
    if (!(await repo.getArticle(id))) throw new LedeError('not_found', 'No such article.');
    return c.json({ items: await relatedFor(repo, id, c.get('web').now(), limitOf(c, 8, 20)) });
  });

  api.get('/articles/:id/comments', async (c) => {
    const id = mustId<ArticleId>(c.req.param('id'), 'article');
    const { repo } = c.get('web');
    if (!(await repo.getArticle(id))) throw new LedeError('not_found', 'No such article.');
    c.header('Cache-Control', 'no-cache');
    return c.json({ items: (await repo.listComments(id)).map(publicComment) });
  });

  // Posting needs a Bearer token, or the session cookie and the CSRF token in X-CSRF-Token (as on the site's forms).
  api.post('/articles/:id/comments', async (c) => {
    const id = mustId<ArticleId>(c.req.param('id'), 'article');
    const me = requireWriter(c);
    const { repo, now } = c.get('web');
    if (!(await repo.getArticle(id))) throw new LedeError('not_found', 'No such article.');
    let input: { body?: unknown; parentId?: unknown };
    try {
      input = await c.req.json();
    } catch {
      throw new LedeError('bad_input', 'The request body must be JSON: {"body": "...", "parentId": null}');
    }
    const body = validateBody(typeof input.body === 'string' ? input.body : '');
    let parentId = input.parentId == null ? null : (mustId<CommentId>(String(input.parentId), 'comment'));
    if (parentId) {
      const parent = await repo.getComment(parentId);
      if (!parent || parent.articleId !== id || parent.status !== 'visible') throw new LedeError('bad_input', 'parentId names no visible comment of this article');
      if (parent.parentId !== null) parentId = parent.parentId;
    }
    await rateLimit(c, `comment:${me.id}`, 5, 60);
    await rateLimit(c, `comment-day:${me.id}`, 100, 86400);
    const cm = await repo.addComment({ articleId: id, accountId: me.id, parentId, body, at: now().toISOString() });
    return c.json(publicComment(cm), 201);
  });

  api.get('/search', async (c) => {
    const p = readSearchParams((k) => c.req.query(k));
    if (!p.q) throw new LedeError('bad_input', 'q (the words to search) is required');
    const limit = limitOf(c);
    const offset = decodeOffset(c.req.query('cursor'));
    if (offset > 5000) throw new LedeError('bad_input', 'search results are listed up to the 5000th');
    const { total, totalIsLowerBound, hits } = await runSearch(c, p, limit, offset);
    return c.json({ total, ...(totalIsLowerBound ? { totalIsLowerBound } : {}), items: hits, next: offset + hits.length < total && hits.length ? encodeOffset(offset + hits.length) : null });
  });

  api.get('/hashtags', async (c) => {
    const days = Number(c.req.query('days') ?? 7);
    if (!Number.isFinite(days) || days <= 0 || days > 3650) throw new LedeError('bad_input', 'days must be from 1 to 3650');
    return c.json({ items: await c.get('web').repo.trendingHashtags(daysAgo(c.get('web').now(), days), limitOf(c, 30, 200)) });
  });

  api.get('/hashtags/:tag/articles', async (c) => {
    return c.json(await c.get('web').repo.latestArticles({ limit: limitOf(c), cursor: c.req.query('cursor') ?? null, hashtag: storedHashtag(c.req.param('tag')) }));
  });

  api.all('*', () => { throw new LedeError('not_found', 'No such API endpoint; see /api/openapi.json.'); });
  return api;
}
