// Stories and the story index (top terms and centroid per story) used by online clustering.
import { LedeError } from '../../domain/errors.ts';
import type { ArticleId, StoryId } from '../../domain/types.ts';
import type { StoryRepo, StoryStamp, StoryState } from '../repository.ts';
import { FOLD_CURSOR, foldStoryLog, storiesSince, storyWindowStart } from './story-log.ts';
import { STORIES_PER_TERM } from '../ports/articles.ts';
import { SUMMARY_COLUMNS } from './articles.ts';
import { time, type SqliteDb } from './db.ts';
import { iso, toStory, toSummary } from './rows.ts';

/** A story row with its article count and the outlets credited by any version of its articles (JSON array). */
export const STORY_COLUMNS = `s.id, s.title, s.first_seen, s.last_seen,
  (SELECT count(*) FROM articles a WHERE a.story_id = s.id) AS article_count,
  (SELECT json_group_array(outlet) FROM (SELECT DISTINCT v.outlet FROM articles a JOIN versions v ON v.article_id = a.id
     WHERE a.story_id = s.id ORDER BY v.outlet)) AS outlets`;

// Candidate stories, bounded per term: each term's STORIES_PER_TERM most recent stories inside the window
// (ties: the newest story first, as on PostgreSQL), one short backward walk of story_terms (keyed term,
// last_seen, story_id since migration 014) per term, ranked here. SQLite has no LATERAL: the one statement
// this replaced found each term's cut-off with a correlated OFFSET lookup and then walked the term again,
// at twice the cost. Ranked from story_terms alone (its last_seen is the state's), so only the `limit`
// chosen read their state rows.
const TERM_STORIES = 'SELECT story_id, last_seen FROM story_terms WHERE term = ? AND last_seen >= ? ORDER BY last_seen DESC, story_id DESC LIMIT ?';
const STATE_COLUMNS = 'story_id, terms, centroid, last_seen, stamp';

const toState = (r: Record<string, unknown>): StoryState => ({
  storyId: r.story_id as StoryId,
  terms: JSON.parse(r.terms as string) as string[],
  centroid: new Uint8Array(r.centroid as Buffer),
  lastSeen: iso(r.last_seen),
  stamp: r.stamp as number | null,
});
const toStamp = (r: Record<string, unknown>): StoryStamp => ({ storyId: r.story_id as StoryId, stamp: r.stamp as number | null });

export function storyPort(db: SqliteDb): StoryRepo {
  function assignStory(articleId: ArticleId, storyId: StoryId): void {
    let n: number;
    try {
      n = db.exec('UPDATE articles SET story_id = ? WHERE id = ?', storyId, articleId);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new LedeError('not_found', `story ${storyId} does not exist`, { cause: e });
      throw e;
    }
    if (n === 0) throw new LedeError('not_found', `article ${articleId} does not exist`);
  }

  function updateStory(id: StoryId, patch: { title?: string; seen?: string }): void {
    const seen = time(patch.seen);
    db.exec(`UPDATE stories SET title = coalesce(?, title), first_seen = min(first_seen, coalesce(?, first_seen)),
             last_seen = max(last_seen, coalesce(?, last_seen)) WHERE id = ?`,
      patch.title ?? null, seen, seen, id);
  }

  /** Rows of the stories most terms point at (see TERM_STORIES), in rank order. */
  function rankedStories(terms: string[], since: string, limit: number, columns: string): Record<string, unknown>[] {
    if (terms.length === 0 || limit <= 0) return [];
    const t = time(since);
    const hits = new Map<number, { shared: number; last: string }>();
    for (const term of new Set(terms)) {
      const rows = db.all(TERM_STORIES, term, t, STORIES_PER_TERM);
      for (const r of rows) {
        const id = r.story_id as number;
        const h = hits.get(id);
        if (!h) hits.set(id, { shared: 1, last: r.last_seen as string });
        else {
          h.shared++;
          if ((r.last_seen as string) > h.last) h.last = r.last_seen as string;
        }
      }
    }
    const ranked = [...hits].sort((a, b) => b[1].shared - a[1].shared || (a[1].last < b[1].last ? 1 : a[1].last > b[1].last ? -1 : 0) || a[0] - b[0]).slice(0, limit);
    const shared = new Map(ranked.map(([id, h]) => [id, h.shared]));
    const states = db.all(`SELECT ${columns} FROM story_states WHERE story_id IN (SELECT value FROM json_each(?))`, JSON.stringify(ranked.map(([id]) => id)));
    const seen = (r: Record<string, unknown>) => (r.last_seen as string | null) ?? '';
    return states.sort((a, b) => shared.get(b.story_id as number)! - shared.get(a.story_id as number)! ||
      (seen(a) < seen(b) ? 1 : seen(a) > seen(b) ? -1 : 0) || (a.story_id as number) - (b.story_id as number));
  }

  function saveStoryState(s: StoryState): void {
    db.exec(
      `INSERT INTO story_states (story_id, terms, centroid, last_seen, stamp) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (story_id) DO UPDATE SET terms = excluded.terms, centroid = excluded.centroid, last_seen = excluded.last_seen,
         stamp = excluded.stamp`,
      s.storyId, JSON.stringify(s.terms), Buffer.from(s.centroid), time(s.lastSeen), s.stamp ?? null,
    );
    if (s.touched) {
      // The story keeps every term it was found by; the touched terms are stamped with its time. Logged,
      // and written into story_terms by the next fold (foldStoryLog).
      db.exec('INSERT INTO story_log (story_id, terms, last_seen, stamp) VALUES (?, ?, ?, ?)',
        s.storyId, JSON.stringify([...new Set(s.touched)]), time(s.lastSeen), s.stamp ?? null);
      return;
    }
    // Only the terms that changed are deleted and inserted: a story's top terms mostly stay put from
    // one article to the next, and each row sits in two B-trees. last_seen rides along so lookups
    // can skip stories outside the window (migrations 002 and 014).
    const terms = [...new Set(s.terms)];
    const lastSeen = time(s.lastSeen);
    db.exec('DELETE FROM story_terms WHERE story_id = ? AND term NOT IN (SELECT value FROM json_each(?))', s.storyId, JSON.stringify(terms));
    db.exec('UPDATE story_terms SET last_seen = ? WHERE story_id = ? AND last_seen IS NOT ?', lastSeen, s.storyId, lastSeen);
    const add = db.prepare('INSERT OR IGNORE INTO story_terms (term, story_id, last_seen) VALUES (?, ?, ?)');
    for (const term of terms) add.run(term, s.storyId, lastSeen);
  }

  return {
    storiesSince: (cursor) => db.run(() => storiesSince(db, cursor)),
    storyWindowStart: (horizonMs, notAfter) => db.run(() => db.conn.transaction(() => storyWindowStart(db, horizonMs, notAfter))()),
    // One writer at a time on SQLite: a fold in a transaction is a part of it, as anything else.
    foldStoryLog: () => db.atomic(() => { foldStoryLog(db); }),
    createStory: (title, at) =>
      db.run(() => {
        const id = db.insert('INSERT INTO stories (title, first_seen, last_seen) VALUES (?, ?, ?)', title, time(at), time(at));
        return toStory(db.get(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`, id)!);
      }),
    assignStory: (articleId: ArticleId, storyId: StoryId) => db.run(() => assignStory(articleId, storyId)),
    mergeStories: (into: StoryId, from: StoryId) =>
      db.atomic(() => {
        if (into === from) return;
        const rows = db.all('SELECT id FROM stories WHERE id IN (?, ?)', into, from);
        if (rows.length < 2) throw new LedeError('not_found', `cannot merge story ${from} into ${into}: not found`);
        db.exec('UPDATE articles SET story_id = ? WHERE story_id = ?', into, from);
        // The terms `from` is found by move to `into`, each keeping its time (its own rows go with it): those
        // story_terms holds, and those of its saves not folded yet (a fold skips the rows of a story gone).
        // Merges are rare: this write stays in the placement.
        db.exec(
          `INSERT INTO story_terms (term, story_id, last_seen)
           SELECT term, ?, max(last_seen) FROM (
             SELECT term, last_seen FROM story_terms WHERE story_id = ?
             UNION ALL
             SELECT j.value, l.last_seen FROM story_log l, json_each(l.terms) j
             WHERE l.seq > (${FOLD_CURSOR}) AND l.story_id = ? AND l.into_id IS NULL)
           WHERE EXISTS (SELECT 1 FROM story_states WHERE story_id = ?) GROUP BY term
           ON CONFLICT (story_id, term) DO UPDATE SET last_seen = max(story_terms.last_seen, excluded.last_seen)`,
          into, from, from, into,
        );
        db.exec('INSERT INTO story_log (story_id, into_id) VALUES (?, ?)', from, into);
        db.exec(
          `UPDATE stories SET first_seen = min(stories.first_seen, f.first_seen), last_seen = max(stories.last_seen, f.last_seen)
           FROM (SELECT first_seen, last_seen FROM stories WHERE id = ?) AS f WHERE stories.id = ?`,
          from, into,
        );
        db.exec('DELETE FROM stories WHERE id = ?', from);
      }),
    updateStory: (id, patch) => db.run(() => updateStory(id, patch)),
    saveStoryState: (s: StoryState) => db.atomic(() => saveStoryState(s)),
    saveStoryPlacement: (p) =>
      db.atomic(() => {
        if (p.article !== null) assignStory(p.article, p.story);
        if (p.touch) updateStory(p.story, p.touch);
        saveStoryState(p.state);
      }),
    getStoryStates: (ids) =>
      db.run((): StoryState[] => {
        if (ids.length === 0) return [];
        const rows = db.all('SELECT story_id, terms, centroid, last_seen, stamp FROM story_states WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id', JSON.stringify([...new Set(ids)]));
        return rows.map(toState);
      }),
    getStoryStamps: (ids) =>
      db.run((): StoryStamp[] => {
        if (ids.length === 0) return [];
        return db.all('SELECT story_id, stamp FROM story_states WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id', JSON.stringify([...new Set(ids)])).map(toStamp);
      }),
    findStoriesByTerms: (terms, since, limit) => db.run(() => rankedStories(terms, since, limit, STATE_COLUMNS).map(toState)),
    findStoryStamps: (terms, since, limit) => db.run(() => rankedStories(terms, since, limit, 'story_id, stamp, last_seen').map(toStamp)),
    getStory: (id) =>
      db.run(() => {
        const s = db.get(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = ?`, id);
        if (!s) return null;
        const articles = db.all(
          `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.story_id = ? ORDER BY coalesce(a.published, a.first_seen) DESC, a.id DESC`,
          id,
        );
        return { story: toStory(s), articles: articles.map(toSummary) };
      }),
    topStories: (opts) =>
      db.run(() => {
        const rows = db.all(
          `SELECT s.id, s.title, s.first_seen, s.last_seen, count(DISTINCT a.id) AS article_count,
             (SELECT json_group_array(outlet) FROM (SELECT DISTINCT v2.outlet FROM articles a2 JOIN versions v2 ON v2.article_id = a2.id
                WHERE a2.story_id = s.id ORDER BY v2.outlet)) AS outlets,
             count(DISTINCT v.outlet) AS outlet_count
           FROM stories s JOIN articles a ON a.story_id = s.id JOIN versions v ON v.article_id = a.id
           WHERE ? IS NULL OR s.last_seen >= ?
           GROUP BY s.id
           ORDER BY outlet_count DESC, article_count DESC, s.last_seen DESC, s.id DESC LIMIT ?`,
          time(opts.since), time(opts.since), opts.limit,
        );
        return rows.map(toStory);
      }),
  };
}
