// The candidate lookup of story assignment reads a bounded number of postings, whatever the store holds
// (STORIES_PER_TERM), newest first, so the per-article cost of ingest stays flat (dedup's lookup is in
// memory: test/pipeline/dedup/store-window.test.ts); a store made before migration 002 keeps finding its stories after the upgrade, and the
// integrity check notices story terms whose last_seen has left their story's.
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { STORIES_PER_TERM } from '../../src/store/ports/articles.ts';
import { Db, parsePostgresUrl } from '../../src/store/postgres/db.ts';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { backends, olderPostgresStore, olderSqliteStore, testPostgres } from './backends.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const version = (n: number): NewVersion => ({
  sourceId: null, feedId: null, outlet: 'O', url: `https://o.test/${n}`, canonicalUrl: null, title: `T ${n}`, byline: null,
  text: `Text ${n}.`, html: '', lede: null, image: null, language: 'en', published: at(n), fetchedAt: at(n), contentHash: `h${n}`,
});

for (const backend of backends()) {
  describe(`bounded lookups (${backend.name})`, () => {
    let repo: Repository;
    beforeEach(async () => {
      await backend.cleanup();
      repo = await backend.open();
    });
    afterAll(() => backend.cleanup());

    it('reads only the most recently active stories of a term, inside the window', async () => {
      const stories: number[] = [];
      const n = STORIES_PER_TERM + 7;
      for (let i = 0; i < n; i++) {
        const s = await repo.createStory(`S ${i}`, at(i));
        const terms = i === 0 ? ['common', 'rare1', 'rare2'] : ['common'];
        await repo.saveStoryState({ storyId: s.id, terms, centroid: new Uint8Array([i]), lastSeen: at(i) });
        stories.push(s.id);
      }
      const all = await repo.findStoriesByTerms(['common'], at(-60), 1000);
      expect(all.map((s) => s.storyId)).toEqual(stories.slice(-STORIES_PER_TERM).reverse());
      const recent = await repo.findStoriesByTerms(['common'], at(n - 3), 1000);
      expect(recent.map((s) => s.storyId)).toEqual(stories.slice(-3).reverse());
      // The oldest story is past the cap for 'common' but still found, and ranked first, through the rare terms.
      expect((await repo.findStoriesByTerms(['common', 'rare1', 'rare2'], at(-60), 1)).map((s) => s.storyId)).toEqual([stories[0]]);
      // A newer state moves the story's terms into the window with it.
      await repo.saveStoryState({ storyId: stories[0]! as never, terms: ['common'], centroid: new Uint8Array([0]), lastSeen: at(n) });
      expect((await repo.findStoriesByTerms(['common'], at(n - 0.5), 1000)).map((s) => s.storyId)).toEqual([stories[0]]);
    });
  });
}

describe('migration 002 (story_terms.last_seen) on a store made before it', () => {
  const story = { id: 1, at: '2026-03-01T10:00:00.000Z' };

  it('sqlite: fills last_seen from the story states', async () => {
    await olderSqliteStore(1, (conn) => {
      conn.prepare('INSERT INTO stories (id, title, first_seen, last_seen) VALUES (?, ?, ?, ?)').run(story.id, 'Old', story.at, story.at);
      conn.prepare(`INSERT INTO story_states (story_id, terms, centroid, last_seen) VALUES (?, '["harbour"]', x'01', ?)`).run(story.id, story.at);
      conn.prepare(`INSERT INTO story_terms (term, story_id) VALUES ('harbour', ?)`).run(story.id);
    }, async (repo, path) => {
      expect((await repo.findStoriesByTerms(['harbour'], at(-1), 5)).map((s) => s.lastSeen)).toEqual([story.at]);
      expect((await repo.checkIntegrity()).join('\n')).not.toMatch(/story index terms/);
      const raw = new Database(path);
      raw.prepare(`UPDATE story_terms SET last_seen = '2099-01-01T00:00:00.000Z'`).run();
      raw.close();
      expect((await repo.checkIntegrity()).join('\n')).toMatch(/story index terms newer than their story's last_seen: 1/);
    });
  });

  it('postgres: fills last_seen from the story states', async (ctx) => {
    const server = await testPostgres();
    if (server.kind !== 'server') ctx.skip(); // the embedded engine holds one database, already migrated
    await olderPostgresStore(server, 1, async (db) => {
      await db.query('INSERT INTO stories (id, title, first_seen, last_seen) VALUES ($1, $2, $3, $3)', [story.id, 'Old', story.at]);
      await db.query(`INSERT INTO story_states (story_id, terms, centroid, last_seen) VALUES ($1, '["harbour"]', '\\x01', $2)`, [story.id, story.at]);
      await db.query(`INSERT INTO story_terms (term, story_id) VALUES ('harbour', $1)`, [story.id]);
    }, async (repo, url) => {
      expect((await repo.findStoriesByTerms(['harbour'], at(-1), 5)).map((s) => s.lastSeen)).toEqual([story.at]);
      expect((await repo.checkIntegrity()).join('\n')).not.toMatch(/story index terms/);
      const raw = new Db(parsePostgresUrl(url));
      await raw.query(`UPDATE story_terms SET last_seen = '2099-01-01T00:00:00Z'`);
      await raw.close();
      expect((await repo.checkIntegrity()).join('\n')).toMatch(/story index terms newer than their story's last_seen: 1/);
    });
  });
});
