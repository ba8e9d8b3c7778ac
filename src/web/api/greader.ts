// The Google Reader API at /api/greader, as FreshRSS and Miniflux serve it, for NetNewsWire, Reeder,
// Read You, FeedMe, FocusReader and the like. Clients are given https://HOST/api/greader.
//
// Streams: user/-/state/com.google/reading-list (all), …/starred, …/read, user/-/label/FOLDER and
// feed/ID, where ID is one of the reader's follows (a feed, or an outlet, hashtag, story, entity or
// saved search, each shown to the app as a feed). Item ids are article ids, sent decimal in item refs
// and as tag:google.com,2005:reader/item/<16 hex> in contents; both forms (and bare hex) are read.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LedeError } from '../../domain/errors.ts';
import type { Account, ArticleId, Follow, FollowId } from '../../domain/types.ts';
import * as reader from '../../reader/index.ts';
import type { ReadingItem } from '../../store/repository.ts';
import type { Env } from '../context.ts';
import { originOf } from '../feeds.ts';
import { passwordLogin, signInWithToken } from './app-auth.ts';
import { sign } from '../auth.ts';
import { requestParams as params } from './params.ts';
import { listedAt } from '../time.ts';

const READING_LIST = 'user/-/state/com.google/reading-list';
const STARRED = 'user/-/state/com.google/starred';
const READ = 'user/-/state/com.google/read';
const KEPT_UNREAD = 'user/-/state/com.google/kept-unread';
const LABEL = 'user/-/label/';
const ITEM_PREFIX = 'tag:google.com,2005:reader/item/';

/** An item id in any of the forms clients send: long tag form, 16 hex digits, or decimal. */
export function parseItemId(raw: string): ArticleId | null {
  const s = raw.trim();
  let n: number;
  if (s.startsWith(ITEM_PREFIX)) n = parseInt(s.slice(ITEM_PREFIX.length), 16);
  else if (/^[0-9a-f]{16}$/i.test(s) && (/[a-f]/i.test(s) || s.startsWith('0'))) n = parseInt(s, 16);
  else if (/^-?\d{1,19}$/.test(s)) n = Number(BigInt.asUintN(64, BigInt(s))); // some clients send the signed 64-bit form
  else return null;
  return Number.isSafeInteger(n) && n > 0 ? (n as ArticleId) : null;
}
const longId = (id: number): string => ITEM_PREFIX + id.toString(16).padStart(16, '0');

const labelId = (name: string) => LABEL + name;
const feedStream = (f: Follow) => `feed/${f.id}`;
const usec = (iso: string) => String(Date.parse(iso) * 1000);
const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function me(c: Context<Env>): Account {
  const a = c.get('account');
  if (!a) throw new LedeError('unauthorized', 'Sign in with accounts/ClientLogin first.');
  return a;
}

/** The follows a stream id names: all, a folder's, one; or starred/read (no follow scope). */
async function resolveStream(c: Context<Env>, id: string | null): Promise<{ follows?: FollowId[]; starredOnly?: boolean; readOnly?: boolean; title: string }> {
  const s = id && id !== '' ? id : READING_LIST;
  if (s === READING_LIST) return { title: 'Reading list' };
  if (s === STARRED) return { starredOnly: true, title: 'Starred' };
  if (s === READ) return { readOnly: true, title: 'Read' };
  const follows = await c.get('web').repo.listFollows(me(c).id);
  if (s.startsWith(LABEL) || s.startsWith('user/') && s.includes('/label/')) {
    const name = s.slice(s.indexOf('/label/') + 7);
    return { follows: follows.filter((f) => f.folder?.toLowerCase() === name.toLowerCase()).map((f) => f.id), title: name };
  }
  if (s.startsWith('feed/')) {
    const f = await followOfStream(c, s, follows);
    if (!f) throw new LedeError('not_found', `No such subscription: ${s}`);
    return { follows: [f.id], title: f.title };
  }
  throw new LedeError('bad_input', `Unknown stream: ${s}`);
}

/** feed/ID (a follow), or feed/URL (the follow of that feed address, as FreshRSS clients send it). */
async function followOfStream(c: Context<Env>, s: string, follows?: Follow[]): Promise<Follow | null> {
  const list = follows ?? (await c.get('web').repo.listFollows(me(c).id));
  const rest = s.slice(5);
  if (/^\d+$/.test(rest)) return list.find((f) => f.id === Number(rest)) ?? null;
  return list.find((f) => f.feedUrl === rest) ?? null;
}

function itemJson(c: Context<Env>, a: ReadingItem, byId: Map<number, Follow>) {
  const origin = a.follows.map((id) => byId.get(id)).find(Boolean);
  const categories = [READING_LIST];
  if (a.read) categories.push(READ);
  if (a.starred) categories.push(STARRED);
  for (const id of a.follows) {
    const folder = byId.get(id)?.folder;
    if (folder && !categories.includes(labelId(folder))) categories.push(labelId(folder));
  }
  const when = listedAt(a);
  const link = `${originOf(c)}/article/${a.id}`;
  return {
    id: longId(a.id),
    crawlTimeMsec: String(Date.parse(a.firstSeen)),
    timestampUsec: usec(a.firstSeen),
    published: sec(when),
    updated: sec(a.firstSeen),
    title: a.title,
    canonical: [{ href: a.url ?? link }],
    alternate: [{ href: a.url ?? link, type: 'text/html' }],
    summary: { direction: 'ltr', content: a.snippet },
    author: a.outlet,
    origin: { streamId: origin ? feedStream(origin) : `feed/outlet:${a.outlet}`, title: origin?.title ?? a.outlet, htmlUrl: `${originOf(c)}/outlet/${encodeURIComponent(a.outlet)}` },
    categories,
  };
}

/** Full article text for the contents endpoints (the stream holds a snippet). */
async function withContent(c: Context<Env>, items: ReturnType<typeof itemJson>[]) {
  const { repo } = c.get('web');
  for (const it of items) {
    const id = parseInt(it.id.slice(ITEM_PREFIX.length), 16) as ArticleId;
    const found = await repo.getArticle(id);
    if (found) it.summary = { direction: found.article.language === 'ar' ? 'rtl' : 'ltr', content: found.article.html };
  }
  return items;
}

/** `n`, `c`, `ot`, `nt`, `xt`, `it`, `r` as the clients send them. */
async function streamQuery(c: Context<Env>, p: URLSearchParams, streamId: string | null, maxN: number) {
  const scope = await resolveStream(c, streamId);
  const n = Math.min(Math.max(Number(p.get('n') ?? 20) || 20, 1), maxN);
  const cont = p.get('c');
  const cursor = cont && /^\d{1,16}$/.test(cont) ? Number(cont) : undefined;
  const ot = Number(p.get('ot') ?? 0);
  const nt = Number(p.get('nt') ?? 0);
  const excludes = p.getAll('xt');
  const includes = p.getAll('it');
  const oldest = p.get('r') === 'o';
  const unreadOnly = excludes.includes(READ) || includes.includes(KEPT_UNREAD);
  const starredOnly = scope.starredOnly || includes.includes(STARRED);
  const items = await reader.stream(c.get('web').reader, me(c), {
    follows: scope.follows, starredOnly, unreadOnly, limit: scope.readOnly ? Math.min(1000, n * 5) : n + 1,
    order: oldest ? 'oldest' : 'newest',
    ...(oldest ? { afterId: cursor as ArticleId | undefined } : { beforeId: cursor as ArticleId | undefined }),
    ...(ot > 0 ? { seenBefore: new Date(ot * 1000).toISOString() } : {}),
    ...(nt > 0 ? { seenAfter: new Date(nt * 1000).toISOString() } : {}),
  });
  let list = items.filter((i) => (!excludes.includes(STARRED) || !i.starred) && (!scope.readOnly || i.read));
  const more = list.length > n;
  list = list.slice(0, n);
  return { scope, items: list, continuation: more && list.length ? String(list[list.length - 1]!.id) : undefined };
}

export function greaderRoutes(): Hono<Env> {
  const g = new Hono<Env>();
  g.use('*', bodyLimit({ maxSize: 3 * 1024 * 1024, onError: () => { throw new LedeError('too_large', 'The request body is too large.'); } }));
  g.use('*', async (c, next) => {
    c.header('Cache-Control', 'private, no-store');
    await next();
  });

  const login = async (c: Context<Env>) => {
    const p = await params(c);
    const { token } = await passwordLogin(c, p.get('Email') ?? '', p.get('Passwd') ?? '');
    if (p.get('output') === 'json') return c.json({ SID: token, LSID: null, Auth: token });
    return c.text(`SID=${token}\nLSID=null\nAuth=${token}\n`);
  };
  g.post('/accounts/ClientLogin', login);
  g.get('/accounts/ClientLogin', login);

  // Everything below needs the token.
  g.use('/reader/*', async (c, next) => {
    if (!(await signInWithToken(c))) return c.text('Unauthorized', 401, { 'Google-Bad-Token': 'true' });
    await next();
  });

  // The action token (T) clients fetch and send back with edits. Edits are authorised by the header, which
  // no other site can send, so T is accepted as given; it is still a stable per-account value.
  g.get('/reader/api/0/token', (c) => c.text(sign(c, 'greader-T', String(me(c).id), 57)));

  g.get('/reader/api/0/user-info', (c) => {
    const a = me(c);
    return c.json({ userId: String(a.id), userName: a.name, userProfileId: String(a.id), userEmail: a.email });
  });

  g.get('/reader/api/0/tag/list', async (c) => {
    const folders = await c.get('web').repo.listFolders(me(c).id);
    return c.json({ tags: [{ id: STARRED }, ...folders.map((f) => ({ id: labelId(f.name), type: 'folder' }))] });
  });

  g.get('/reader/api/0/subscription/list', async (c) => {
    const follows = await c.get('web').repo.listFollows(me(c).id);
    const base = originOf(c);
    return c.json({
      subscriptions: follows.map((f) => ({
        id: feedStream(f),
        title: f.title,
        categories: f.folder ? [{ id: labelId(f.folder), label: f.folder }] : [],
        url: f.feedUrl ?? (['outlet', 'hashtag', 'story'].includes(f.kind) ? `${base}${followPage(f)}/feed.xml` : `${base}${followPage(f)}`),
        htmlUrl: `${base}${followPage(f)}`,
        iconUrl: '',
      })),
    });
  });

  g.post('/reader/api/0/subscription/quickadd', async (c) => {
    const p = await params(c);
    const url = (p.get('quickadd') ?? '').replace(/^feed\//, '');
    const f = await reader.followFeed(c.get('web').reader, me(c), url);
    return c.json({ numResults: 1, query: url, streamId: feedStream(f), streamName: f.title });
  });

  g.post('/reader/api/0/subscription/edit', async (c) => {
    const p = await params(c);
    const d = c.get('web').reader;
    const account = me(c);
    const action = p.get('ac') ?? 'edit';
    const add = p.get('a');
    const remove = p.get('r');
    const folderOf = (s: string | null) => (s && s.includes('/label/') ? s.slice(s.indexOf('/label/') + 7) : null);
    for (const s of p.getAll('s')) {
      if (action === 'subscribe') {
        const url = s.replace(/^feed\//, '');
        await reader.followFeed(d, account, url, { folder: folderOf(add), title: p.get('t') });
        continue;
      }
      const f = await followOfStream(c, s);
      if (!f) throw new LedeError('not_found', `No such subscription: ${s}`);
      if (action === 'unsubscribe') {
        await reader.unfollow(d, account, f.id);
        continue;
      }
      const patch: { title?: string; folderId?: Follow['folderId'] } = {};
      if (p.get('t')) patch.title = p.get('t')!;
      if (folderOf(add)) patch.folderId = (await d.repo.ensureFolder(account.id, folderOf(add)!)).id;
      else if (folderOf(remove) && f.folder?.toLowerCase() === folderOf(remove)!.toLowerCase()) patch.folderId = null;
      await d.repo.updateFollow(account.id, f.id, patch);
    }
    return c.text('OK');
  });

  g.get('/reader/api/0/subscription/export', async (c) => c.body(await reader.exportOpml(c.get('web').reader, me(c)), 200, { 'Content-Type': 'text/x-opml; charset=utf-8' }));
  g.post('/reader/api/0/subscription/import', async (c) => {
    const r = await reader.importOpml(c.get('web').reader, me(c), await c.req.text());
    return c.text(`OK (${r.followed} followed, ${r.skipped.length} skipped)`);
  });

  g.post('/reader/api/0/rename-tag', async (c) => {
    const p = await params(c);
    const { repo } = c.get('web');
    const from = (p.get('s') ?? p.get('t') ?? '').replace(/^.*\/label\//, '');
    const to = (p.get('dest') ?? '').replace(/^.*\/label\//, '');
    const folder = (await repo.listFolders(me(c).id)).find((f) => f.name.toLowerCase() === from.toLowerCase());
    if (!folder || !to) throw new LedeError('not_found', `No such folder: ${from}`);
    await repo.renameFolder(me(c).id, folder.id, to);
    return c.text('OK');
  });

  g.post('/reader/api/0/disable-tag', async (c) => {
    const p = await params(c);
    const { repo } = c.get('web');
    const name = (p.get('s') ?? p.get('t') ?? '').replace(/^.*\/label\//, '');
    const folder = (await repo.listFolders(me(c).id)).find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!folder) throw new LedeError('not_found', `No such folder: ${name}`);
    await repo.deleteFolder(me(c).id, folder.id);
    return c.text('OK');
  });

  g.get('/reader/api/0/unread-count', async (c) => {
    const account = me(c);
    const d = c.get('web').reader;
    const [counts, follows] = await Promise.all([reader.unreadCounts(d, account), d.repo.listFollows(account.id)]);
    const now = String(d.now().getTime() * 1000);
    const byFolder = new Map<string, number>();
    const rows = follows.map((f) => {
      const n = counts.byFollow.get(f.id) ?? 0;
      if (f.folder) byFolder.set(f.folder, (byFolder.get(f.folder) ?? 0) + n);
      return { id: feedStream(f), count: n, newestItemTimestampUsec: now };
    });
    return c.json({
      max: 1000,
      unreadcounts: [
        ...rows,
        ...[...byFolder].map(([name, n]) => ({ id: labelId(name), count: n, newestItemTimestampUsec: now })),
        { id: READING_LIST, count: counts.total, newestItemTimestampUsec: now },
      ],
    });
  });

  const contents = async (c: Context<Env>) => {
    const p = await params(c);
    const raw = c.req.path.split('/stream/contents/')[1];
    const streamId = raw ? decodeURIComponent(raw) : p.get('s');
    const { scope, items, continuation } = await streamQuery(c, p, streamId, 1000);
    const byId = new Map((await c.get('web').repo.listFollows(me(c).id)).map((f) => [f.id as number, f]));
    return c.json({
      direction: 'ltr', id: streamId || READING_LIST, title: scope.title, updated: Math.floor(c.get('web').now().getTime() / 1000),
      items: await withContent(c, items.map((a) => itemJson(c, a, byId))),
      ...(continuation ? { continuation } : {}),
    });
  };
  g.get('/reader/api/0/stream/contents', contents);
  g.get('/reader/api/0/stream/contents/*', contents);
  g.post('/reader/api/0/stream/contents/*', contents);

  g.get('/reader/api/0/stream/items/ids', async (c) => {
    const p = await params(c);
    const { items, continuation } = await streamQuery(c, p, p.get('s'), 10_000);
    return c.json({
      itemRefs: items.map((a) => ({ id: String(a.id), directStreamIds: [], timestampUsec: usec(a.firstSeen) })),
      ...(continuation ? { continuation } : {}),
    });
  });

  const itemContents = async (c: Context<Env>) => {
    const p = await params(c);
    const ids = p.getAll('i').map(parseItemId).filter((x): x is ArticleId => x !== null).slice(0, 1000);
    const account = me(c);
    const d = c.get('web').reader;
    const items = ids.length ? await reader.stream(d, account, { ids, limit: ids.length }) : [];
    // An article no follow brings any more (e.g. starred from an unfollowed feed) is still served.
    const got = new Set(items.map((i) => i.id));
    const missing = ids.filter((id) => !got.has(id));
    if (missing.length) items.push(...(await reader.stream(d, account, { ids: missing, starredOnly: true, limit: missing.length })));
    const byId = new Map((await d.repo.listFollows(account.id)).map((f) => [f.id as number, f]));
    const order = new Map(ids.map((id, i) => [id as number, i]));
    items.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    return c.json({ direction: 'ltr', id: READING_LIST, updated: Math.floor(d.now().getTime() / 1000), items: await withContent(c, items.map((a) => itemJson(c, a, byId))) });
  };
  g.post('/reader/api/0/stream/items/contents', itemContents);
  g.get('/reader/api/0/stream/items/contents', itemContents);

  g.post('/reader/api/0/edit-tag', async (c) => {
    const p = await params(c);
    const d = c.get('web').reader;
    const account = me(c);
    const ids = p.getAll('i').map(parseItemId).filter((x): x is ArticleId => x !== null);
    if (!ids.length) throw new LedeError('bad_input', 'edit-tag needs at least one item (i=…).');
    const add = p.getAll('a');
    const remove = p.getAll('r');
    if (add.includes(READ)) await reader.markRead(d, account, ids, true);
    if (remove.includes(READ) || add.includes(KEPT_UNREAD)) await reader.markRead(d, account, ids, false);
    if (add.includes(STARRED)) await reader.star(d, account, ids, true);
    if (remove.includes(STARRED)) await reader.star(d, account, ids, false);
    return c.text('OK');
  });

  g.post('/reader/api/0/mark-all-as-read', async (c) => {
    const p = await params(c);
    const scope = await resolveStream(c, p.get('s'));
    const d = c.get('web').reader;
    if (scope.starredOnly) {
      const starred = await reader.stream(d, me(c), { starredOnly: true, limit: 1000 });
      await reader.markRead(d, me(c), starred.map((i) => i.id), true);
      return c.text('OK');
    }
    const ts = Number(p.get('ts') ?? 0);
    // ts is in microseconds (some clients send seconds or milliseconds: read by magnitude).
    const before = ts > 1e15 ? new Date(ts / 1000) : ts > 1e12 ? new Date(ts) : ts > 0 ? new Date(ts * 1000) : undefined;
    await reader.markAllRead(d, me(c), { follows: scope.follows, before });
    return c.text('OK');
  });

  g.all('*', (c) => c.text('Not found', 404));
  return g;
}

/** The Lede page of what a follow follows (for htmlUrl, and feed URLs of non-feed follows). */
export function followPage(f: Follow): string {
  switch (f.kind) {
    case 'outlet': return `/outlet/${encodeURIComponent(f.target)}`;
    case 'hashtag': return `/hashtag/${encodeURIComponent(f.target.replace(/^#/, ''))}`;
    case 'story': return `/story/${encodeURIComponent(f.target)}`;
    case 'entity': return `/search?q=${encodeURIComponent(`"${f.target}"`)}`;
    case 'search': return `/search?q=${encodeURIComponent(f.target)}`;
    default: return `/my?follow=${f.id}`;
  }
}
