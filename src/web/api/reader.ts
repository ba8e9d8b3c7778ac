// /api/v1 for a person's own Lede: tokens for apps, follows, the stream, unread counts, reading state.
// Reads and writes need a Bearer token, or a browser session (writes then also X-CSRF-Token).
import type { Context, Hono } from 'hono';
import { LedeError } from '../../domain/errors.ts';
import type { Account, ArticleId, FollowId, FollowKind } from '../../domain/types.ts';
import { FOLLOW_KINDS } from '../../domain/types.ts';
import * as reader from '../../reader/index.ts';
import { checkCsrf, requireAccount } from '../auth.ts';
import type { Env } from '../context.ts';
import { passwordLogin } from './app-auth.ts';
import { briefingJson, followedBy, loadBriefing } from '../briefing.ts';

/** The account of a write: a Bearer token, or a session with the CSRF token in X-CSRF-Token. */
export function requireWriter(c: Context<Env>): Account {
  const me = requireAccount(c);
  if (!c.get('viaToken')) checkCsrf(c, c.req.header('x-csrf-token'));
  return me;
}

async function json(c: Context<Env>): Promise<Record<string, unknown>> {
  try {
    const v = await c.req.json();
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch { /* fall through */ }
  throw new LedeError('bad_input', 'The request body must be a JSON object.');
}

const articleIds = (v: unknown): ArticleId[] => {
  if (!Array.isArray(v) || v.length === 0 || v.length > 1000) throw new LedeError('bad_input', 'ids must be an array of 1 to 1000 article ids');
  return v.map((x) => {
    const n = Number(x);
    if (!Number.isSafeInteger(n) || n <= 0) throw new LedeError('bad_input', `not an article id: ${String(x)}`);
    return n as ArticleId;
  });
};

const optionalId = (raw: string | undefined, what: string): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new LedeError('bad_input', `${what} must be a positive integer`);
  return n;
};

export function readerApi(api: Hono<Env>): void {
  // The day's briefing from what this reader follows (empty when nothing they follow grew).
  api.get('/me/briefing', async (c) => {
    const me = requireAccount(c);
    const { repo, reader: deps } = c.get('web');
    return c.json(briefingJson(await loadBriefing(repo, c.get('web').now(), followedBy(deps, me))));
  });

  // Email and API password for a token: { "email": "…", "password": "…" } → { "token": "…" }.
  api.post('/tokens', async (c) => {
    const body = await json(c);
    const { account, token } = await passwordLogin(c, String(body.email ?? ''), String(body.password ?? ''));
    c.header('Cache-Control', 'no-store');
    return c.json({ token, tokenType: 'Bearer', account: { id: account.id, name: account.name, email: account.email } }, 201);
  });

  api.get('/me', async (c) => {
    const me = requireAccount(c);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ id: me.id, name: me.name, email: me.email, role: me.role });
  });

  api.get('/me/follows', async (c) => {
    const me = requireAccount(c);
    const { repo } = c.get('web');
    const [follows, folders, counts] = await Promise.all([repo.listFollows(me.id), repo.listFolders(me.id), reader.unreadCounts(c.get('web').reader, me)]);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ folders, items: follows.map((f) => ({ ...f, unread: counts.byFollow.get(f.id) ?? 0 })), unread: counts.total });
  });

  // { "kind": "feed", "url": "https://…" } or { "kind": "hashtag" | "outlet" | "story" | "entity" | "search", "target": "…" }, optional "folder".
  api.post('/me/follows', async (c) => {
    const me = requireWriter(c);
    const body = await json(c);
    const kind = String(body.kind ?? 'feed') as FollowKind;
    if (!FOLLOW_KINDS.includes(kind)) throw new LedeError('bad_input', `kind must be one of ${FOLLOW_KINDS.join(', ')}`);
    const target = String(body.url ?? body.target ?? '');
    const folder = typeof body.folder === 'string' ? body.folder : null;
    const title = typeof body.title === 'string' ? body.title : null;
    const f = await reader.follow(c.get('web').reader, me, kind, target, { folder, title });
    return c.json(f, 201);
  });

  api.patch('/me/follows/:id', async (c) => {
    const me = requireWriter(c);
    const id = optionalId(c.req.param('id'), 'id') as FollowId;
    const body = await json(c);
    const { repo } = c.get('web');
    const patch: { title?: string; folderId?: number | null } = {};
    if (typeof body.title === 'string') patch.title = body.title;
    if (body.folder === null) patch.folderId = null;
    else if (typeof body.folder === 'string') patch.folderId = (await repo.ensureFolder(me.id, body.folder)).id;
    await repo.updateFollow(me.id, id, patch as never);
    return c.json(await repo.getFollow(me.id, id));
  });

  api.delete('/me/follows/:id', async (c) => {
    const me = requireWriter(c);
    await reader.unfollow(c.get('web').reader, me, optionalId(c.req.param('id'), 'id') as FollowId);
    return c.body(null, 204);
  });

  // ?unread=1 ?starred=1 ?follow=ID ?folder=ID ?before=ARTICLE_ID (the cursor) ?limit=N
  api.get('/me/stream', async (c) => {
    const me = requireAccount(c);
    const { repo } = c.get('web');
    const limit = optionalId(c.req.query('limit'), 'limit') ?? 20;
    if (limit > 100) throw new LedeError('bad_input', 'limit must be at most 100');
    const follow = optionalId(c.req.query('follow'), 'follow');
    const folder = optionalId(c.req.query('folder'), 'folder');
    const follows = await reader.followScope(c.get('web').reader, me, { follow, folder });
    const items = await reader.stream(c.get('web').reader, me, {
      follows, unreadOnly: c.req.query('unread') === '1', starredOnly: c.req.query('starred') === '1',
      beforeId: optionalId(c.req.query('before'), 'before') as ArticleId | undefined, limit: limit + 1,
    });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: items.slice(0, limit), next: items.length > limit ? String(items[limit - 1]!.id) : null });
  });

  api.get('/me/unread', async (c) => {
    const me = requireAccount(c);
    const counts = await reader.unreadCounts(c.get('web').reader, me);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ total: counts.total, byFollow: Object.fromEntries(counts.byFollow) });
  });

  // { "ids": [1, 2], "read": true }
  api.post('/me/read', async (c) => {
    const me = requireWriter(c);
    const body = await json(c);
    await reader.markRead(c.get('web').reader, me, articleIds(body.ids), body.read !== false);
    return c.body(null, 204);
  });

  // { "ids": [1, 2], "starred": true }
  api.post('/me/starred', async (c) => {
    const me = requireWriter(c);
    const body = await json(c);
    await reader.star(c.get('web').reader, me, articleIds(body.ids), body.starred !== false);
    return c.body(null, 204);
  });

  // { "follow": ID } or { "folder": ID } or {} for everything; optional "before": ISO time.
  api.post('/me/mark-all-read', async (c) => {
    const me = requireWriter(c);
    const body = await json(c);
    const { repo } = c.get('web');
    const follow = body.follow == null ? undefined : optionalId(String(body.follow), 'follow');
    const folder = body.folder == null ? undefined : optionalId(String(body.folder), 'folder');
    const follows = await reader.followScope(c.get('web').reader, me, { follow, folder });
    const before = typeof body.before === 'string' ? new Date(body.before) : undefined;
    if (before && Number.isNaN(before.getTime())) throw new LedeError('bad_input', 'before must be an ISO 8601 time');
    await reader.markAllRead(c.get('web').reader, me, { follows, before });
    return c.body(null, 204);
  });
}
