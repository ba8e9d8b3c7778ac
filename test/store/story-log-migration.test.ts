// A store made before the story log (SQLite migration 016, PostgreSQL 015) keeps its story_terms, and a
// process's story window starts from it: the old story is found by its terms, then by what is logged since.
import { describe, expect, it } from 'vitest';
import type { StoryId } from '../../src/domain/types.ts';
import { StoryWindow } from '../../src/pipeline/stories/story-window.ts';
import type { Repository } from '../../src/store/repository.ts';
import { olderPostgresStore, olderSqliteStore, testPostgres } from './backends.ts';

const AT = '2026-03-01T10:00:00.000Z';
const HOUR = 3600_000;
const STORY = `INSERT INTO stories (id, title, first_seen, last_seen) VALUES (9, 'Old story', '${AT}', '${AT}')`;
const ARTICLE = `INSERT INTO articles (id, story_id, title, text, html, outlet, first_seen) VALUES (7, 9, 'Old', 'old text', '', 'Old Outlet', '${AT}')`;
const STATE = `INSERT INTO story_states (story_id, terms, centroid, last_seen, stamp) VALUES (9, '["flood"]', X'01', '${AT}', 42)`;
const VERSION = `INSERT INTO versions (id, article_id, outlet, title, text, html, fetched_at, content_hash) VALUES (1, 7, 'Old Outlet', 'Old', 'old text', '', '${AT}', 'h7')`;
const CANONICAL = 'UPDATE articles SET canonical_version_id = 1 WHERE id = 7';
const TERMS = `INSERT INTO story_terms (term, story_id, last_seen) VALUES ('flood', 9, '${AT}'), ('river', 9, '${AT}')`;

async function expectFound(repo: Repository): Promise<void> {
  const since = Date.parse(AT) - HOUR;
  const window = new StoryWindow(() => Date.parse(AT));
  await window.catchUp(repo);
  expect(window.covers(since)).toBe(true);
  expect(window.find(['river'], since, 5)).toEqual([{ storyId: 9, stamp: 42 }]);
  expect(await repo.findStoryStamps(['river'], new Date(since).toISOString(), 5)).toEqual([{ storyId: 9, stamp: 42 }]);
  // A save logged after the migration: the window takes it, story_terms once folded, and both keep the old terms.
  const later = new Date(Date.parse(AT) + HOUR).toISOString();
  await repo.saveStoryState({ storyId: 9 as StoryId, terms: ['flood'], touched: ['dam'], centroid: new Uint8Array([2]), lastSeen: later, stamp: 43 });
  await window.catchUp(repo);
  expect(window.find(['dam', 'river'], since, 5)).toEqual([{ storyId: 9, stamp: 43 }]);
  await repo.foldStoryLog();
  expect(await repo.findStoryStamps(['dam', 'river'], new Date(since).toISOString(), 5)).toEqual([{ storyId: 9, stamp: 43 }]);
  expect(await repo.checkIntegrity()).toEqual([]);
}

describe('the story log on a store made before it', () => {
  it('sqlite: the window starts from story_terms', async () => {
    await olderSqliteStore(15, (conn) => {
      for (const sql of [STORY, ARTICLE, VERSION, CANONICAL, STATE, TERMS]) conn.prepare(sql).run();
    }, expectFound);
  });

  it('postgres: the window starts from story_terms', async (ctx) => {
    const server = await testPostgres();
    if (server.kind !== 'server') ctx.skip(); // the embedded engine holds one database, already migrated
    await olderPostgresStore(server, 14, async (db) => {
      await db.query(STORY);
      await db.query(ARTICLE);
      await db.query(VERSION);
      await db.query(CANONICAL);
      await db.query(STATE.replace("X'01'", "'\\x01'::bytea"));
      await db.query(TERMS);
    }, expectFound);
  });
});
