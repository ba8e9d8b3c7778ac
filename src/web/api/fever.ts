// The Fever API at /api/fever (Unread, Fiery, Reeder, ReadKit): POST ?api&… with api_key =
// md5("email:API password"). Feeds are the reader's follows, groups their folders (group 0: all).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LedeError } from '../../domain/errors.ts';
import type { Account, ArticleId, FollowId } from '../../domain/types.ts';
import * as reader from '../../reader/index.ts';
import type { ReadingItem } from '../../store/repository.ts';
import type { Env } from '../context.ts';
import { clientIp, rateLimit } from '../auth.ts';
import { originOf } from '../feeds.ts';
import { requestParams as params } from './params.ts';
import { listedAt } from '../time.ts';

/** Fever answers 50 items at most per call. */
const ITEMS_PER_CALL = 50;

const ids = (raw: string | null): ArticleId[] =>
  (raw ?? '').split(',').map((x) => Number(x.trim())).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, ITEMS_PER_CALL) as ArticleId[];
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function feverRoutes(): Hono<Env> {
  const f = new Hono<Env>();
  f.use('*', bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new LedeError('too_large', 'The request body is too large.'); } }));

  f.all('*', async (c) => {
    c.header('Cache-Control', 'private, no-store');
    const p = await params(c);
    const d = c.get('web').reader;
    const key = (p.get('api_key') ?? '').trim().toLowerCase();
    let account: Account | null = null;
    if (/^[0-9a-f]{32}$/.test(key)) {
      account = await d.repo.findAccountByFeverKey(reader.feverKeyHash(key));
    }
    const base = { api_version: 3, auth: account ? 1 : 0, last_refreshed_on_time: Math.floor(d.now().getTime() / 1000) };
    if (!account) {
      // Wrong keys are counted per address: the key is a password.
      await rateLimit(c, `fever-ip:${clientIp(c)}`, 30, 900);
      return c.json({ api_version: 3, auth: 0 });
    }
    const out: Record<string, unknown> = { ...base };
    const follows = await d.repo.listFollows(account.id);
    const folders = await d.repo.listFolders(account.id);
    const feedsGroups = () => folders.map((g) => ({ group_id: g.id, feed_ids: follows.filter((x) => x.folderId === g.id).map((x) => x.id).join(',') }));

    // Writes first, so that a read in the same call sees them (as Fever does).
    const mark = p.get('mark');
    if (mark) {
      const as = p.get('as');
      const id = Number(p.get('id'));
      if (mark === 'item') {
        const item = [id as ArticleId];
        if (as === 'read') await reader.markRead(d, account, item, true);
        else if (as === 'unread') await reader.markRead(d, account, item, false);
        else if (as === 'saved') await reader.star(d, account, item, true);
        else if (as === 'unsaved') await reader.star(d, account, item, false);
        else throw new LedeError('bad_input', 'as must be read, unread, saved or unsaved');
      } else if ((mark === 'feed' || mark === 'group') && as === 'read') {
        const before = Number(p.get('before') ?? 0);
        const scope: FollowId[] | undefined = mark === 'feed' ? [id as FollowId]
          : id === 0 || id === -1 ? undefined : follows.filter((x) => x.folderId === id).map((x) => x.id);
        await reader.markAllRead(d, account, { follows: scope, before: before > 0 ? new Date(before * 1000) : undefined });
      } else throw new LedeError('bad_input', 'mark must be item (read, unread, saved, unsaved), feed or group (read)');
    }

    if (p.has('groups')) {
      out.groups = folders.map((g) => ({ id: g.id, title: g.name }));
      out.feeds_groups = feedsGroups();
    }
    if (p.has('feeds')) {
      const site = originOf(c);
      out.feeds = follows.map((x) => ({
        id: x.id, favicon_id: 0, title: x.title, url: x.feedUrl ?? `${site}/my?follow=${x.id}`, site_url: `${site}/my?follow=${x.id}`,
        is_spark: 0, last_updated_on_time: unix(x.createdAt),
      }));
      out.feeds_groups = feedsGroups();
    }
    if (p.has('favicons')) out.favicons = [];
    if (p.has('links')) out.links = [];
    if (p.has('items')) {
      let items: ReadingItem[];
      const withIds = ids(p.get('with_ids'));
      if (p.has('with_ids')) {
        items = withIds.length ? await reader.stream(d, account, { ids: withIds, limit: ITEMS_PER_CALL }) : [];
        const got = new Set(items.map((i) => i.id));
        const rest = withIds.filter((x) => !got.has(x));
        if (rest.length) items.push(...(await reader.stream(d, account, { ids: rest, starredOnly: true, limit: rest.length })));
      } else if (p.has('max_id')) {
        items = await reader.stream(d, account, { beforeId: Number(p.get('max_id')) as ArticleId, limit: ITEMS_PER_CALL });
      } else {
        items = await reader.stream(d, account, { afterId: Number(p.get('since_id') ?? 0) as ArticleId, order: 'oldest', limit: ITEMS_PER_CALL });
      }
      const full = await Promise.all(items.map((i) => d.repo.getArticle(i.id)));
      out.items = items.map((i, k) => ({
        id: i.id, feed_id: i.follows[0] ?? 0, title: i.title, author: full[k]?.article.byline ?? i.outlet,
        html: full[k]?.article.html ?? i.snippet, url: i.url ?? `${originOf(c)}/article/${i.id}`,
        is_saved: i.starred ? 1 : 0, is_read: i.read ? 1 : 0, created_on_time: unix(listedAt(i)),
      }));
      // Clients show it as progress only; the unread total is what a count over a month of follows gives cheaply.
      out.total_items = Math.max((await reader.unreadCounts(d, account)).total, items.length);
    }
    if (p.has('unread_item_ids')) {
      const unread = await reader.stream(d, account, { unreadOnly: true, limit: 1000 });
      out.unread_item_ids = unread.map((i) => i.id).join(',');
    }
    if (p.has('saved_item_ids')) {
      const saved = await reader.stream(d, account, { starredOnly: true, limit: 1000 });
      out.saved_item_ids = saved.map((i) => i.id).join(',');
    }
    return c.json(out);
  });
  return f;
}
