// Stories and the story index (top terms and centroid per story) used by online clustering.
import { LedeError } from '../../domain/errors.ts';
import type { ArticleId, StoryId } from '../../domain/types.ts';
import type { StoryRepo, StoryStamp, StoryState } from '../repository.ts';
import { STORIES_PER_TERM } from '../ports/articles.ts';
import { SUMMARY_COLUMNS } from './articles.ts';
import { time, type SqliteDb } from './db.ts';
import { iso, toStory, toSummary } from './rows.ts';

/** A story row with its article count and the outlets credited by any version of its articles (JSON array). */
export const STORY_COLUMNS = `s.id, s.title, s.first_seen, s.last_seen,
  (SELECT count(*) FROM articles a WHERE a.story_id = s.id) AS article_count,
  (SELECT json_group_array(outlet) FROM (SELECT DISTINCT v.outlet FROM articles a JOIN versions v ON v.article_id = a.id
     WHERE a.story_id = s.id ORDER BY v.outlet)) AS outlets`;

// Candidate stories, bounded per term: each term's cut-off is the last_seen of its STORIES_PER_TERM-th
// most recent story inside the window (a correlated OFFSET lookup in story_terms, keyed by term and time
// since migration 014), and only
// stories at or above it are read. Stories tied at the cut-off all come in, a few more than the cap.
// They are ranked from story_terms alone (its last_seen is the state's), so only the `limit` chosen
// read their state rows with the centroid blobs. Parameters: terms (JSON), since, cap - 1, since, limit.
const RANKED_STORIES = `
  WITH q (term) AS (SELECT DISTINCT value FROM json_each(?)),
  hits AS (
    SELECT t.story_id, t.last_seen FROM q JOIN story_terms t ON t.term = q.term AND t.last_seen >= coalesce(
      (SELECT e.last_seen FROM story_terms e WHERE e.term = q.term AND e.last_seen >= ?
       ORDER BY e.last_seen DESC LIMIT 1 OFFSET ?), ?)
  ),
  ranked AS (
    SELECT story_id, count(*) AS shared, max(last_seen) AS last_seen FROM hits
    GROUP BY story_id ORDER BY shared DESC, last_seen DESC, story_id LIMIT ?
  )`;
const RANKED_ORDER = 'ORDER BY r.shared DESC, st.last_seen DESC, st.story_id';
const FIND_STORIES_BY_TERMS = `${RANKED_STORIES}
  SELECT st.story_id, st.terms, st.centroid, st.last_seen, st.stamp FROM ranked r JOIN story_states st ON st.story_id = r.story_id ${RANKED_ORDER}`;
const FIND_STORY_STAMPS = `${RANKED_STORIES}
  SELECT st.story_id, st.stamp FROM ranked r JOIN story_states st ON st.story_id = r.story_id ${RANKED_ORDER}`;

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

  function saveStoryState(s: StoryState): void {
    db.exec(
      `INSERT INTO story_states (story_id, terms, centroid, last_seen, stamp) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (story_id) DO UPDATE SET terms = excluded.terms, centroid = excluded.centroid, last_seen = excluded.last_seen,
         stamp = excluded.stamp`,
      s.storyId, JSON.stringify(s.terms), Buffer.from(s.centroid), time(s.lastSeen), s.stamp ?? null,
    );
    if (s.touched) {
      // The story keeps every term it was found by; the article's terms are stamped with its time.
      db.exec(
        `INSERT INTO story_terms (term, story_id, last_seen) SELECT DISTINCT value, ?, ? FROM json_each(?) WHERE true
         ON CONFLICT (story_id, term) DO UPDATE SET last_seen = max(story_terms.last_seen, excluded.last_seen)`,
        s.storyId, time(s.lastSeen), JSON.stringify(s.touched),
      );
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
        // The terms `from` is found by move to `into`, each keeping its time (its own rows go with it).
        db.exec(
          `INSERT INTO story_terms (term, story_id, last_seen) SELECT term, ?, last_seen FROM story_terms
           WHERE story_id = ? AND EXISTS (SELECT 1 FROM story_states WHERE story_id = ?)
           ON CONFLICT (story_id, term) DO UPDATE SET last_seen = max(story_terms.last_seen, excluded.last_seen)`,
          into, from, into,
        );
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
    findStoriesByTerms: (terms, since, limit) =>
      db.run((): StoryState[] => {
        if (terms.length === 0 || limit <= 0) return [];
        const t = time(since);
        return db.all(FIND_STORIES_BY_TERMS, JSON.stringify([...new Set(terms)]), t, STORIES_PER_TERM - 1, t, limit).map(toState);
      }),
    findStoryStamps: (terms, since, limit) =>
      db.run((): StoryStamp[] => {
        if (terms.length === 0 || limit <= 0) return [];
        const t = time(since);
        return db.all(FIND_STORY_STAMPS, JSON.stringify([...new Set(terms)]), t, STORIES_PER_TERM - 1, t, limit).map(toStamp);
      }),
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
