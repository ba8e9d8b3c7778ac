// Per-reader state on both backends: follows in folders, the stream of what they follow, unread counts,
// read/unread/starred, mark all as read, API credentials.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, ArticleId, Enrichment, FeedId, SourceId } from '../../src/domain/types.ts';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { backends } from './backends.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

for (const backend of backends()) {
  describe(`reading state (${backend.name})`, () => {
    let repo: Repository;
    let me: AccountId;
    let other: AccountId;
    let feedA: FeedId;
    let feedB: FeedId;
    let sourceA: SourceId;
    let n = 0;

    async function article(feed: FeedId | null, outlet: string, minutes: number, extra: { hashtags?: string[]; entities?: string[] } = {}): Promise<ArticleId> {
      n++;
      const v: NewVersion = {
        sourceId: null, feedId: feed, outlet, url: `https://x.test/${n}`, canonicalUrl: null, title: `Article ${n}`, byline: null,
        text: `Text ${n}.`, html: `<p>Text ${n}.</p>`, lede: null, image: null, language: 'en', published: at(minutes), fetchedAt: at(minutes), contentHash: `h${n}`,
      };
      const { article: a } = await repo.createArticle(v, null);
      const e: Enrichment = {
        language: 'en', hashtags: extra.hashtags ?? [], keyphrases: [], mentions: [], facts: [], quotes: [], summary: [],
        entities: (extra.entities ?? []).map((canonical) => ({ canonical, type: 'PER', mentions: 1, role: null })),
      };
      await repo.saveEnrichment(a.id, e);
      return a.id;
    }

    beforeEach(async () => {
      await backend.cleanup();
      repo = await backend.open();
      me = (await repo.createAccount({ email: 'me@x.test', name: 'Me', passwordHash: 'x' })).id;
      other = (await repo.createAccount({ email: 'other@x.test', name: 'Other', passwordHash: 'x' })).id;
      sourceA = (await repo.addSource({ name: 'Alpha', homeUrl: 'https://a.test/' })).id;
      feedA = (await repo.addFeed({ sourceId: sourceA, url: 'https://a.test/feed' })).id;
      feedB = (await repo.addFeed({ sourceId: (await repo.addSource({ name: 'Beta', homeUrl: 'https://b.test/' })).id, url: 'https://b.test/feed' })).id;
    });
    afterAll(() => backend.cleanup());

    it('keeps follows per reader, in folders, once each', async () => {
      const news = await repo.ensureFolder(me, 'News');
      expect(await repo.ensureFolder(me, 'news')).toEqual(news);
      const { follow, created } = await repo.addFollow(me, { kind: 'feed', target: String(feedA), feedId: feedA, title: 'Alpha', folderId: news.id });
      expect(created).toBe(true);
      expect(follow).toMatchObject({ kind: 'feed', feedId: feedA, feedUrl: 'https://a.test/feed', folder: 'News', readBefore: 0 });
      expect((await repo.addFollow(me, { kind: 'feed', target: String(feedA), feedId: feedA, title: 'again' })).created).toBe(false);
      await repo.addFollow(me, { kind: 'hashtag', target: 'Iraq', title: '#Iraq' });
      expect((await repo.listFollows(me)).map((f) => f.title)).toEqual(['#Iraq', 'Alpha']);
      expect(await repo.listFollows(other)).toEqual([]);
      // Another reader cannot touch my follow or folder.
      expect(await repo.removeFollow(other, follow.id)).toBe(false);
      await expect(repo.updateFollow(other, follow.id, { title: 'x' })).rejects.toMatchObject({ code: 'not_found' });
      await expect(repo.updateFollow(me, follow.id, { folderId: (await repo.ensureFolder(other, 'Theirs')).id })).rejects.toMatchObject({ code: 'not_found' });
      await repo.deleteFolder(me, news.id);
      expect((await repo.getFollow(me, follow.id))?.folder).toBeNull();
    });

    it('streams what a reader follows, newest first, each article once, with unread counts that fall as they read', async () => {
      const a1 = await article(feedA, 'Alpha', 1, { hashtags: ['Iraq'] });
      const b1 = await article(feedB, 'Beta', 2, { hashtags: ['Iraq'], entities: ['Marco Rubio'] });
      const b2 = await article(feedB, 'Beta', 3);
      const a2 = await article(feedA, 'Alpha', 4);
      const fa = (await repo.addFollow(me, { kind: 'feed', target: String(feedA), feedId: feedA, title: 'Alpha' })).follow;
      const tag = (await repo.addFollow(me, { kind: 'hashtag', target: 'Iraq', title: '#Iraq' })).follow;
      const person = (await repo.addFollow(me, { kind: 'entity', target: 'Marco Rubio', title: 'Marco Rubio' })).follow;
      const windowStart = 0 as ArticleId;

      const stream = await repo.readingStream(me, { windowStart, limit: 10 });
      expect(stream.map((i) => i.id)).toEqual([a2, b1, a1]);
      expect(stream.find((i) => i.id === b1)!.follows.sort()).toEqual([tag.id, person.id].sort());
      expect(stream.every((i) => !i.read && !i.starred)).toBe(true);

      let counts = await repo.unreadCounts(me, { windowStart });
      expect(counts.total).toBe(3);
      expect(counts.byFollow.get(fa.id)).toBe(2);
      expect(counts.byFollow.get(tag.id)).toBe(2);

      await repo.setRead(me, [a1], true, at(10));
      counts = await repo.unreadCounts(me, { windowStart });
      expect(counts.total).toBe(2);
      expect(counts.byFollow.get(fa.id)).toBe(1);
      expect((await repo.readingStream(me, { windowStart, limit: 10, unreadOnly: true })).map((i) => i.id)).toEqual([a2, b1]);
      // Other readers are untouched.
      expect((await repo.unreadCounts(other, { windowStart })).total).toBe(0);

      // One folder or feed at a time; pages by cursor.
      expect((await repo.readingStream(me, { windowStart, limit: 10, follows: [fa.id] })).map((i) => i.id)).toEqual([a2, a1]);
      const page1 = await repo.readingStream(me, { windowStart, limit: 1 });
      const page2 = await repo.readingStream(me, { windowStart, limit: 5, beforeId: page1[0]!.id });
      expect([...page1, ...page2].map((i) => i.id)).toEqual([a2, b1, a1]);
      expect((await repo.readingStream(me, { windowStart, limit: 5, order: 'oldest' })).map((i) => i.id)).toEqual([a1, b1, a2]);
      expect(b2).toBeGreaterThan(0);
    });

    it('stars, keeps unread below a mark-all, marks all read by follow and by date', async () => {
      const a1 = await article(feedA, 'Alpha', 1);
      const a2 = await article(feedA, 'Alpha', 2);
      const b1 = await article(feedB, 'Beta', 3);
      const fa = (await repo.addFollow(me, { kind: 'feed', target: String(feedA), feedId: feedA, title: 'Alpha' })).follow;
      const fb = (await repo.addFollow(me, { kind: 'outlet', target: 'Beta', title: 'Beta' })).follow;
      const windowStart = 0 as ArticleId;

      await repo.setStarred(me, [a1], true, at(5));
      const starred = await repo.readingStream(me, { windowStart, limit: 10, starredOnly: true });
      expect(starred.map((i) => i.id)).toEqual([a1]);
      expect(starred[0]!.starredAt).toBe(at(5));

      await repo.markAllRead(me, a2, [fa.id]);
      let counts = await repo.unreadCounts(me, { windowStart });
      expect(counts.byFollow.get(fa.id) ?? 0).toBe(0);
      expect(counts.byFollow.get(fb.id)).toBe(1);
      // Starred survives mark-all; a single article can be kept unread below the mark.
      expect((await repo.readingStream(me, { windowStart, limit: 10, starredOnly: true })).map((i) => i.id)).toEqual([a1]);
      await repo.setRead(me, [a2], false, at(6));
      counts = await repo.unreadCounts(me, { windowStart });
      expect(counts.byFollow.get(fa.id)).toBe(1);

      // Older than a date: everything first seen before minute 3's article.
      const upTo = await repo.lastArticleBefore(at(60));
      await repo.markAllRead(me, upTo);
      expect((await repo.unreadCounts(me, { windowStart })).total).toBe(0);
      expect(await repo.firstArticleSince(at(2.5))).toBe(b1);
      // Articles before the window count as read.
      await repo.setRead(me, [b1], false, at(7));
      expect((await repo.unreadCounts(me, { windowStart: (b1 + 1) as ArticleId })).total).toBe(0);
      await repo.setStarred(me, [a1], false, at(8));
      // An id that names no article (an app's stale id) is skipped, not an error.
      await repo.setRead(me, [999_999 as ArticleId], true, at(9));
      await repo.setStarred(me, [999_999 as ArticleId], true, at(9));
      expect(await repo.readingStream(me, { windowStart, limit: 10, starredOnly: true })).toEqual([]);
    });

    it('finds an account by API token and Fever key, and revoking ends both', async () => {
      await repo.setApiPassword(me, 'scrypt$hash', 'fever-sha', at(0));
      await repo.createApiToken(me, 'token-sha', at(1));
      expect((await repo.findApiToken('token-sha', at(2)))?.id).toBe(me);
      expect((await repo.findAccountByFeverKey('fever-sha'))?.id).toBe(me);
      expect((await repo.apiPasswordOf(me))?.passwordHash).toBe('scrypt$hash');
      await repo.revokeApiPassword(me);
      expect(await repo.findApiToken('token-sha', at(3))).toBeNull();
      expect(await repo.findAccountByFeverKey('fever-sha')).toBeNull();
      expect(await repo.apiPasswordOf(me)).toBeNull();
      await repo.setSetting('readers_add_feeds', 'no');
      expect(await repo.getSetting('readers_add_feeds')).toBe('no');
      expect(await repo.getSetting('absent')).toBeNull();
    });
  });
}
