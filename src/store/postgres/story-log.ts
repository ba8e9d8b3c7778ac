// The story log (migration 015) and story_terms written from it: what a process's story window reads
// (pipeline/stories/story-window.ts), and the fold that keeps story_terms for its other readers. The log is
// read as the fingerprint log is (articles.ts): `seq` is the writing transaction, and the cursor handed back
// is the oldest transaction still running when the rows were read.
import type { StoryId } from '../../domain/types.ts';
import type { LoggedStory, LogSeen, StoryLogPage, StoryWindowStart, TermStory } from '../repository.ts';
import type { Db } from './db.ts';
import { iso } from './rows.ts';

const LOG_CURSOR = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';
export const FOLD_CURSOR = '(SELECT coalesce(max(cursor), 0) FROM story_fold)';

/**
 * What a log read saw (LogSeen): its snapshot, handed back with the cursor. Not when this transaction has
 * an id already (it wrote before it read): its own rows, uncommitted, would count as seen in its snapshot,
 * and once written after the read they would never be read.
 */
export const LOG_SEEN = 'CASE WHEN pg_current_xact_id_if_assigned() IS NULL THEN pg_current_snapshot()::text END';
/** Rows of the log `alias` that the snapshot `seen` (a parameter; null: none) did not see. */
export const unseen = (alias: string, seen: string) =>
  `(${seen}::pg_snapshot IS NULL OR NOT pg_visible_in_snapshot(${alias}.seq::text::xid8, ${seen}::pg_snapshot))`;

/** The log's rows from `from` (a cursor expression) not seen by `seen`, as one JSON value, in the order they were written. */
export const storyLogRows = (from: string, seen: string) => `(SELECT json_agg(json_build_array(l.id, l.seq, l.story_id, l.into_id, l.terms, l.last_seen, l.stamp)
     ORDER BY l.id) FROM story_log l WHERE l.seq >= ${from} AND ${unseen('l', seen)})`;
const STORIES_SINCE = `SELECT ${LOG_CURSOR} AS cursor, ${LOG_SEEN} AS seen, ${storyLogRows('$1', '$2')} AS rows`;

type Wire = [string | number, string | number, string | number, string | number | null, string[], string | null, string | number | null];
const toLoggedStory = ([id, seq, story, into, terms, lastSeen, stamp]: Wire): LoggedStory => ({
  id: Number(id),
  seq: Number(seq),
  storyId: Number(story) as StoryId,
  into: into === null ? null : (Number(into) as StoryId),
  terms,
  lastSeen: lastSeen === null ? null : iso(lastSeen),
  stamp: stamp === null ? null : Number(stamp),
});

// Only committed rows are read: none is ever lost, so the generation stays 0.
export const storyLogPage = (cursor: unknown, rows: unknown, seen: unknown): StoryLogPage => ({
  rows: ((rows ?? []) as Wire[]).map(toLoggedStory),
  cursor: Number(cursor),
  seen: (seen as string | null) ?? null,
  generation: 0,
});

export async function storiesSince(db: Db, cursor: number, seen: LogSeen = null): Promise<StoryLogPage> {
  const r = (await db.prepared(STORIES_SINCE, [cursor, seen]))[0]!;
  return storyLogPage(r.cursor, r.rows, r.seen);
}

/**
 * Statements in this order, each its own snapshot: the window's cursor; the fold cursor; the log from it;
 * story_terms with the states (one statement, so a merge is on one side of it). Whatever was folded before
 * the fold cursor was read is in story_terms; whatever was logged from it and committed before the log was
 * read is in the log; whatever commits later is at or after the window's cursor, read at the next catch-up.
 */
export async function storyWindowStart(db: Db, horizonMs: number, notAfter: string): Promise<StoryWindowStart> {
  const cursor = Number((await db.one(`SELECT ${LOG_CURSOR} AS c`))!.c);
  const head = (await db.one<{ fold: string; newest: unknown }>(
    `SELECT ${FOLD_CURSOR} AS fold, (SELECT max(last_seen) FROM stories WHERE last_seen <= $1) AS newest`, [notAfter]))!;
  const log = await storiesSince(db, Number(head.fold));
  log.cursor = cursor;
  log.seen = null; // the log's snapshot is later than the cursor's: it may have seen rows the window must read
  if (head.newest === null) return { newest: null, stories: [], log };
  const newest = iso(head.newest);
  const from = new Date(Date.parse(newest) - horizonMs).toISOString();
  const rows = await db.query<{ story_id: string; term: string; last_seen: unknown; state_seen: unknown; stamp: string | null }>(
    `SELECT t.story_id, t.term, t.last_seen, st.last_seen AS state_seen, st.stamp
     FROM story_terms t JOIN story_states st ON st.story_id = t.story_id WHERE t.last_seen >= $1`,
    [from],
  );
  const stories = new Map<number, TermStory>();
  for (const r of rows) {
    const id = Number(r.story_id);
    let s = stories.get(id);
    if (!s) stories.set(id, (s = { storyId: id as StoryId, lastSeen: iso(r.state_seen), stamp: r.stamp === null ? null : Number(r.stamp), terms: [] }));
    s.terms.push([r.term, iso(r.last_seen)]);
  }
  return { newest, stories: [...stories.values()], log };
}

// The saves logged from the fold cursor, as story_terms rows (a story's latest time per term), in the
// index's order; rows of stories gone (merged away) are skipped. Re-applying a row changes nothing, so
// the cursor may start before rows already folded: it is the oldest transaction running when these rows
// were read, and one that commits later is folded next time. One process at a time (an advisory lock). An
// empty log writes nothing (a new store stays empty, as `lede migrate` wants its target).
const FOLD_LOCK = 'SELECT pg_advisory_xact_lock(1701)';
const FOLD = `
  WITH f AS (SELECT ${FOLD_CURSOR} AS cursor),
  r AS (SELECT t.term, l.story_id, max(l.last_seen) AS last_seen
        FROM story_log l CROSS JOIN LATERAL jsonb_array_elements_text(l.terms) AS t(term)
        WHERE l.seq >= (SELECT cursor FROM f) AND l.into_id IS NULL AND EXISTS (SELECT 1 FROM story_states st WHERE st.story_id = l.story_id)
        GROUP BY t.term, l.story_id),
  ins AS (INSERT INTO story_terms (term, story_id, last_seen) SELECT term, story_id, last_seen FROM r ORDER BY term, last_seen DESC
          ON CONFLICT (story_id, term) DO UPDATE SET last_seen = greatest(story_terms.last_seen, excluded.last_seen)
          RETURNING 1),
  c AS (INSERT INTO story_fold (id, cursor) SELECT 1, ${LOG_CURSOR} WHERE EXISTS (SELECT 1 FROM story_log)
        ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor)
  SELECT count(*) FROM ins`;

export async function foldStoryLog(db: Db): Promise<void> {
  await db.transaction(() => db.exec(FOLD), { first: FOLD_LOCK });
}
