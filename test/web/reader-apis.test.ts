// The Google Reader and Fever APIs over HTTP on both backends, with the request sequences real clients
// send (NetNewsWire/Reeder: ClientLogin, token, subscription/list, tag/list, stream/items/ids unread and
// starred, stream/items/contents, edit-tag; FeedMe/Read You: stream/contents with n, c, ot, xt, r;
// Unread/Fiery: ?api, groups, feeds, unread_item_ids, saved_item_ids, items with_ids/since_id, mark).
// Articles come from a loopback newswire through the real ingest.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createFetcher, type Fetcher } from '../../src/pipeline/fetch/index.ts';
import { ingestFeed } from '../../src/pipeline/run.ts';
import type { Repository } from '../../src/store/repository.ts';
import { startWeb } from '../../src/web/index.ts';
import { startNewswire, type Newswire } from '../jobs/concurrency-newswire.ts';
import { backends } from '../store/backends.ts';
import { Client } from './client.ts';

const EMAIL = 'reader@example.org';
const API_PASSWORD = 'app password 12345';
const READING_LIST = 'user/-/state/com.google/reading-list';
const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';

for (const backend of backends()) {
  describe(`reader APIs (${backend.name})`, () => {
    let repo: Repository;
    let wire: Newswire;
    let web: { url: string; close(): Promise<void> };
    let fetcher: Fetcher;
    let auth: Record<string, string>;

    const form = (fields: [string, string][]) => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const gget = async (path: string) => {
      const res = await fetch(`${web.url}/api/greader${path}`, { headers: auth });
      expect(res.status, path).toBe(200);
      return res.json() as Promise<Record<string, any>>;
    };
    const gpost = async (path: string, fields: [string, string][]) => {
      const res = await fetch(`${web.url}/api/greader${path}`, form(fields));
      const body = await res.text();
      expect(res.status, `${path}: ${body}`).toBe(200);
      return body;
    };
    const unread = async () => ((await gget('/reader/api/0/unread-count?output=json')).unreadcounts as { id: string; count: number }[]).find((u) => u.id === READING_LIST)!.count;

    beforeAll(async () => {
      repo = await backend.open();
      wire = await startNewswire({ articles: 18, outlets: 3, copyShare: 0, paragraphs: 2 });
      const config = loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true, fetchMinDelayMs: 0 }, {});
      fetcher = createFetcher({ allowPrivateNetworks: true, minDelayMs: 0, retries: 0, totalTimeoutMs: 5000 });
      web = await startWeb({ repo, config, port: 0, host: '127.0.0.1' });
      // A person signs up on the site and sets an API password on the settings page.
      const browser = new Client(web.url);
      await browser.submit('/signup', '/signup', { name: 'Reader', email: EMAIL, password: 'web password 123' });
      const set = await browser.submit('/my/settings', '/my/settings/api-password', { password: API_PASSWORD });
      expect(set.res.status).toBe(303);
    }, 60_000);
    afterAll(async () => {
      await web?.close();
      await wire?.close();
      await fetcher?.close();
      await backend.cleanup();
    });

    it('signs in only with the API password, and answers 401 without a token', async () => {
      const bad = await fetch(`${web.url}/api/greader/accounts/ClientLogin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ Email: EMAIL, Passwd: 'web password 123' }).toString() });
      expect(bad.status).toBe(401);
      expect((await fetch(`${web.url}/api/greader/reader/api/0/subscription/list?output=json`)).status).toBe(401);
      const res = await fetch(`${web.url}/api/greader/accounts/ClientLogin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ Email: EMAIL, Passwd: API_PASSWORD }).toString() });
      expect(res.status).toBe(200);
      const text = await res.text();
      const token = /^Auth=(.+)$/m.exec(text)?.[1];
      expect(text).toMatch(/^SID=/m);
      expect(token).toBeTruthy();
      auth = { authorization: `GoogleLogin auth=${token}` };
      const t = await fetch(`${web.url}/api/greader/reader/api/0/token`, { headers: auth });
      expect((await t.text()).length).toBeGreaterThan(20);
      expect((await gget('/reader/api/0/user-info?output=json')).userEmail).toBe(EMAIL);
    });

    it('subscribes by feed address with quickadd and subscription/edit, in folders, then reads the ingested articles', async () => {
      // quickadd, and subscription/edit into a folder (discovery from a home page is the same path as lede sources add, tested there).
      const q = JSON.parse(await gpost('/reader/api/0/subscription/quickadd', [['quickadd', wire.feedUrl(0)]]));
      expect(q.streamId).toMatch(/^feed\/\d+$/);
      await gpost('/reader/api/0/subscription/edit', [['ac', 'subscribe'], ['s', `feed/${wire.feedUrl(1)}`], ['a', 'user/-/label/World']]);
      await gpost('/reader/api/0/subscription/edit', [['ac', 'subscribe'], ['s', `feed/${wire.feedUrl(2)}`], ['a', 'user/-/label/World'], ['t', 'Third outlet']]);
      for (const feed of await repo.listFeeds()) await ingestFeed({ repo, fetcher, pollIntervalMs: 60_000 }, feed);

      const subs = (await gget('/reader/api/0/subscription/list?output=json')).subscriptions as { id: string; title: string; categories: { label: string }[]; url: string }[];
      expect(subs).toHaveLength(3);
      expect(subs.find((s) => s.title === 'Third outlet')?.categories.map((c) => c.label)).toEqual(['World']);
      expect(subs.map((s) => s.url).sort()).toEqual([wire.feedUrl(0), wire.feedUrl(1), wire.feedUrl(2)].sort());
      const tags = (await gget('/reader/api/0/tag/list?output=json')).tags as { id: string }[];
      expect(tags.map((t) => t.id)).toEqual([STARRED, 'user/-/label/World']);

      const counts = (await gget('/reader/api/0/unread-count?output=json')).unreadcounts as { id: string; count: number }[];
      const total = counts.find((u) => u.id === READING_LIST)!.count;
      expect(total).toBe(await repo.countArticles());
      expect(counts.find((u) => u.id === 'user/-/label/World')!.count).toBe(counts.filter((u) => subs.some((s) => s.id === u.id && s.categories.length)).reduce((n, u) => n + u.count, 0));
    });

    it('syncs like NetNewsWire and Reeder: unread ids, contents by id in every id form, edit-tag read and starred', async () => {
      const before = await unread();
      const ids = ((await gget(`/reader/api/0/stream/items/ids?s=${READING_LIST}&n=1000&xt=${READ}&output=json`)).itemRefs as { id: string }[]).map((r) => r.id);
      expect(ids).toHaveLength(before);
      const hex = (id: string) => Number(id).toString(16).padStart(16, '0');
      const contents = JSON.parse(await gpost('/reader/api/0/stream/items/contents?output=json', [['i', ids[0]!], ['i', `tag:google.com,2005:reader/item/${hex(ids[1]!)}`], ['i', hex(ids[2]!)]]));
      expect(contents.items.map((i: { id: string }) => parseInt(i.id.split('/').pop()!, 16))).toEqual(ids.slice(0, 3).map(Number));
      const item = contents.items[0];
      expect(item.categories).toContain(READING_LIST);
      expect(item.categories).not.toContain(READ);
      expect(item.summary.content).toMatch(/<p>/);
      expect(item.origin.streamId).toMatch(/^feed\/\d+$/);

      await gpost('/reader/api/0/edit-tag', [['i', ids[0]!], ['i', ids[1]!], ['a', READ], ['T', 'x']]);
      expect(await unread()).toBe(before - 2);
      await gpost('/reader/api/0/edit-tag', [['i', ids[1]!], ['r', READ]]);
      expect(await unread()).toBe(before - 1);
      await gpost('/reader/api/0/edit-tag', [['i', `tag:google.com,2005:reader/item/${hex(ids[3]!)}`], ['a', STARRED]]);
      const starred = ((await gget(`/reader/api/0/stream/items/ids?s=${STARRED}&n=1000&output=json`)).itemRefs as { id: string }[]).map((r) => r.id);
      expect(starred).toEqual([ids[3]]);
      const again = JSON.parse(await gpost('/reader/api/0/stream/items/contents?output=json', [['i', ids[0]!]]));
      expect(again.items[0].categories).toContain(READ);
    });

    it('pages stream/contents with n and c, newest or oldest first, and filters by ot, nt and xt like FeedMe and Read You', async () => {
      const all = ((await gget(`/reader/api/0/stream/items/ids?s=${READING_LIST}&n=1000&output=json`)).itemRefs as { id: string }[]).map((r) => r.id);
      const paged: string[] = [];
      let c: string | undefined;
      do {
        const page = await gget(`/reader/api/0/stream/contents/${encodeURIComponent(READING_LIST)}?n=4&output=json${c ? `&c=${c}` : ''}`);
        paged.push(...page.items.map((i: { id: string }) => String(parseInt(i.id.split('/').pop()!, 16))));
        c = page.continuation;
      } while (c);
      expect(paged).toEqual(all);
      const oldest = await gget(`/reader/api/0/stream/contents/${encodeURIComponent(READING_LIST)}?n=1000&r=o&output=json`);
      expect(oldest.items.map((i: { id: string }) => String(parseInt(i.id.split('/').pop()!, 16)))).toEqual([...all].reverse());
      const future = Math.floor(Date.now() / 1000) + 3600;
      expect((await gget(`/reader/api/0/stream/contents/${encodeURIComponent(READING_LIST)}?n=50&nt=${future}&output=json`)).items).toEqual([]);
      expect((await gget(`/reader/api/0/stream/contents/${encodeURIComponent(READING_LIST)}?n=50&ot=${future}&output=json`)).items).toHaveLength(Math.min(50, all.length));
      const unreadOnly = await gget(`/reader/api/0/stream/contents/${encodeURIComponent(READING_LIST)}?n=1000&xt=${encodeURIComponent(READ)}&output=json`);
      expect(unreadOnly.items.every((i: { categories: string[] }) => !i.categories.includes(READ))).toBe(true);
      expect(unreadOnly.items).toHaveLength(await unread());
      const label = await gget(`/reader/api/0/stream/contents/${encodeURIComponent('user/-/label/World')}?n=1000&output=json`);
      expect(label.items.length).toBeGreaterThan(0);
      expect(label.items.length).toBeLessThan(all.length);
    });

    it('renames and removes folders, moves and unsubscribes feeds, exports OPML', async () => {
      await gpost('/reader/api/0/rename-tag', [['s', 'user/-/label/World'], ['dest', 'user/-/label/Abroad']]);
      let subs = (await gget('/reader/api/0/subscription/list?output=json')).subscriptions as { id: string; title: string; categories: { label: string }[] }[];
      expect(subs.filter((s) => s.categories[0]?.label === 'Abroad')).toHaveLength(2);
      const first = subs.find((s) => !s.categories.length)!;
      await gpost('/reader/api/0/subscription/edit', [['ac', 'edit'], ['s', first.id], ['a', 'user/-/label/Home'], ['t', 'Renamed']]);
      const opml = await (await fetch(`${web.url}/api/greader/reader/api/0/subscription/export`, { headers: auth })).text();
      expect(opml).toContain('Renamed');
      expect(opml).toMatch(/<outline[^>]+text="Home"/);
      await gpost('/reader/api/0/disable-tag', [['s', 'user/-/label/Abroad']]);
      subs = (await gget('/reader/api/0/subscription/list?output=json')).subscriptions;
      expect(subs.filter((s) => s.categories.length).map((s) => s.categories[0]!.label)).toEqual(['Home']);
      expect(subs).toHaveLength(3);
    });

    it('speaks Fever to Unread and Fiery: groups, feeds, unread and saved ids, items, marks', async () => {
      const key = createHash('md5').update(`${EMAIL}:${API_PASSWORD}`).digest('hex');
      const fever = async (query: string, fields: Record<string, string> = {}) => {
        const res = await fetch(`${web.url}/api/fever/?api${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ api_key: key, ...fields }).toString() });
        expect(res.status).toBe(200);
        return res.json() as Promise<Record<string, any>>;
      };
      const wrong = await (await fetch(`${web.url}/api/fever/?api`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'api_key=0123456789abcdef0123456789abcdef' })).json();
      expect(wrong).toMatchObject({ api_version: 3, auth: 0 });
      expect(await fever('')).toMatchObject({ api_version: 3, auth: 1 });
      const groups = await fever('&groups');
      expect(groups.groups.map((g: { title: string }) => g.title)).toEqual(['Home']);
      const feeds = await fever('&feeds');
      expect(feeds.feeds).toHaveLength(3);
      expect(feeds.feeds_groups[0].feed_ids.split(',')).toHaveLength(1);

      const unreadIds = (await fever('&unread_item_ids')).unread_item_ids.split(',').filter(Boolean).map(Number);
      expect(unreadIds.length).toBe(await unread());
      const withIds = await fever(`&items&with_ids=${unreadIds.slice(0, 3).join(',')}`);
      expect(withIds.items.map((i: { id: number }) => i.id).sort()).toEqual(unreadIds.slice(0, 3).sort());
      expect(withIds.items[0]).toMatchObject({ is_read: 0, feed_id: expect.any(Number), html: expect.stringContaining('<p>') });
      const since = await fever('&items&since_id=0');
      expect(since.items.map((i: { id: number }) => i.id)).toEqual([...since.items.map((i: { id: number }) => i.id)].sort((a, b) => a - b));

      await fever('', { mark: 'item', as: 'read', id: String(unreadIds[0]) });
      await fever('', { mark: 'item', as: 'saved', id: String(unreadIds[1]) });
      expect((await fever('&unread_item_ids')).unread_item_ids.split(',').map(Number)).not.toContain(unreadIds[0]);
      expect((await fever('&saved_item_ids')).saved_item_ids.split(',').map(Number)).toContain(unreadIds[1]);
      // Mark one feed read, then everything ("group 0", as Unread sends it).
      const feed = feeds.feeds[0].id;
      const now = String(Math.floor(Date.now() / 1000) + 1);
      await fever('', { mark: 'feed', as: 'read', id: String(feed), before: now });
      const left = await unread();
      await fever('', { mark: 'group', as: 'read', id: '0', before: now });
      expect(left).toBeGreaterThan(0);
      expect(await unread()).toBe(0);
      expect((await fever('&unread_item_ids')).unread_item_ids).toBe('');
      // Saved items stay saved (this one, and the one starred through Google Reader before).
      expect((await fever('&saved_item_ids')).saved_item_ids.split(',').map(Number)).toContain(unreadIds[1]);
    });

    it('gives /api/v1 a Bearer token for writes without a browser', async () => {
      const login = await fetch(`${web.url}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: API_PASSWORD }) });
      expect(login.status).toBe(201);
      const { token } = await login.json() as { token: string };
      const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const follow = await fetch(`${web.url}/api/v1/me/follows`, { method: 'POST', headers: bearer, body: JSON.stringify({ kind: 'hashtag', target: 'Harbour', folder: 'Topics' }) });
      expect(follow.status).toBe(201);
      const list = await (await fetch(`${web.url}/api/v1/me/follows`, { headers: bearer })).json() as { items: { kind: string; folder: string }[] };
      expect(list.items.find((f) => f.kind === 'hashtag')?.folder).toBe('Topics');
      const stream = await (await fetch(`${web.url}/api/v1/me/stream?limit=2`, { headers: bearer })).json() as { items: { id: number }[]; next: string };
      expect(stream.items).toHaveLength(2);
      const mark = await fetch(`${web.url}/api/v1/me/read`, { method: 'POST', headers: bearer, body: JSON.stringify({ ids: [stream.items[0]!.id], read: false }) });
      expect(mark.status).toBe(204);
      expect((await (await fetch(`${web.url}/api/v1/me/unread`, { headers: bearer })).json() as { total: number }).total).toBe(1);
      // Without a token or a session, writes are refused.
      expect((await fetch(`${web.url}/api/v1/me/read`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ids":[1]}' })).status).toBe(401);
      // Revoking the API password ends every app's token.
      const browser = new Client(web.url);
      await browser.submit('/signin', '/signin', { email: EMAIL, password: 'web password 123' });
      await browser.submit('/my/settings', '/my/settings/api-password/revoke', {});
      expect((await fetch(`${web.url}/api/v1/me/unread`, { headers: bearer })).status).toBe(401);
      expect((await fetch(`${web.url}/api/greader/reader/api/0/subscription/list?output=json`, { headers: auth })).status).toBe(401);
    });
  });
}
