// The story log (migration 016) and story_terms written from it: what a process's story window reads
// (pipeline/stories/story-window.ts), and the fold that keeps story_terms for its other readers.
import type { StoryId } from '../../domain/types.ts';
import type { LoggedStory, StoryLogPage, StoryWindowStart, TermStory } from '../repository.ts';
import type { SqliteDb } from './db.ts';

// The story log (migration 016): rows after a position, oldest first.
const STORIES_AFTER = 'SELECT seq, story_id, into_id, terms, last_seen, stamp FROM story_log WHERE seq > ? ORDER BY seq';
export const FOLD_CURSOR = 'SELECT coalesce(max(cursor), 0) AS c FROM story_fold';
const toLoggedStory = (r: Record<string, unknown>): LoggedStory => ({
  id: Number(r.seq),
  seq: Number(r.seq),
  storyId: r.story_id as StoryId,
  into: (r.into_id ?? null) as StoryId | null,
  terms: JSON.parse(r.terms as string) as string[],
  lastSeen: (r.last_seen ?? null) as string | null,
  stamp: (r.stamp ?? null) as number | null,
});

// A fold: the saves logged after the fold cursor, as story_terms rows (a story's latest time per term), in
// story_terms's key order so each page is written once; rows of stories gone (merged away) are skipped.
const FOLD = `INSERT INTO story_terms (term, story_id, last_seen)
  SELECT j.value, l.story_id, max(l.last_seen) FROM story_log l, json_each(l.terms) j
  WHERE l.seq > ? AND l.seq <= ? AND l.into_id IS NULL AND EXISTS (SELECT 1 FROM story_states st WHERE st.story_id = l.story_id)
  GROUP BY j.value, l.story_id ORDER BY j.value, 3
  ON CONFLICT (story_id, term) DO UPDATE SET last_seen = max(story_terms.last_seen, excluded.last_seen)`;

/** The story log after `cursor` (also read by placementLookup). */
export function storiesSince(db: SqliteDb, cursor: number): StoryLogPage {
  const rows = db.all(STORIES_AFTER, cursor).map(toLoggedStory);
  return { rows, cursor: rows.length ? rows[rows.length - 1]!.seq : cursor, generation: db.lostGroups };
}

// One read transaction: the folded table and the log after its fold cursor are one consistent picture.
export function storyWindowStart(db: SqliteDb, horizonMs: number, notAfter: string): StoryWindowStart {
  // stories.last_seen (indexed) is never earlier than its state's: `from` may start a little late, never early.
  const newest = db.get('SELECT max(last_seen) AS t FROM stories WHERE last_seen <= ?', notAfter)?.t as string | null;
  const log = storiesSince(db, Number(db.get(FOLD_CURSOR)!.c));
  if (newest === null) return { newest: null, stories: [], log };
  const from = new Date(Date.parse(newest) - horizonMs).toISOString();
  const byStory = new Map<number, [string, string][]>();
  for (const r of db.conn.prepare('SELECT story_id, term, last_seen FROM story_terms WHERE last_seen >= ?').raw(true).iterate(from) as IterableIterator<[number, string, string]>) {
    let terms = byStory.get(r[0]);
    if (!terms) byStory.set(r[0], (terms = []));
    terms.push([r[1], r[2]]);
  }
  const states = db.all('SELECT story_id, last_seen, stamp FROM story_states WHERE story_id IN (SELECT value FROM json_each(?))', JSON.stringify([...byStory.keys()]));
  const stories: TermStory[] = states.map((r) => ({
    storyId: r.story_id as StoryId, lastSeen: r.last_seen as string, stamp: r.stamp as number | null, terms: byStory.get(r.story_id as number)!,
  }));
  return { newest, stories, log };
}

/** Writes the log after the fold cursor into story_terms (call in a write transaction). */
export function foldStoryLog(db: SqliteDb): number {
  const cursor = Number(db.get(FOLD_CURSOR)!.c);
  const end = Number(db.get('SELECT coalesce(max(seq), 0) AS s FROM story_log')!.s);
  if (end <= cursor) return 0;
  db.exec(FOLD, cursor, end);
  db.exec('INSERT INTO story_fold (id, cursor) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor', end);
  return end - cursor;
}
