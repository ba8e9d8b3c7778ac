// Stories and the story index (top terms and centroid per story) used by online clustering.
import { LedeError } from '../../domain/errors.ts';
import type { ArticleId, StoryId } from '../../domain/types.ts';
import type { StoryRepo, StoryStamp, StoryState } from '../repository.ts';
import { STORIES_PER_TERM } from '../ports/articles.ts';
import { SUMMARY_COLUMNS } from './articles.ts';
import type { Db } from './db.ts';
import { iso, time, toStory, toSummary } from './rows.ts';
import { FOLD_CURSOR, foldStoryLog, storiesSince, storyWindowStart } from './story-log.ts';

/** A story row with its article count and the outlets credited by any version of its articles. */
export const STORY_COLUMNS = `s.id, s.title, s.first_seen, s.last_seen,
  (SELECT count(*) FROM articles a WHERE a.story_id = s.id) AS article_count,
  (SELECT coalesce(array_agg(DISTINCT v.outlet ORDER BY v.outlet), '{}')
     FROM articles a JOIN versions v ON v.article_id = a.id WHERE a.story_id = s.id) AS outlets`;

// Each term reads only its STORIES_PER_TERM most recent stories inside the window, from
// story_terms_recent (migration 002), so the lookup does not grow with the store. Ranked from
// story_terms alone (its last_seen is the state's): only the `limit` chosen read their state rows.
// Parameters: terms, since, limit, cap.
const rankedStories = (columns: string) => `
  SELECT ${columns}
  FROM (SELECT p.story_id, count(*) AS shared, max(p.last_seen) AS last_seen
        FROM (SELECT DISTINCT unnest($1::text[]) AS term) q
        CROSS JOIN LATERAL (SELECT t.story_id, t.last_seen FROM story_terms t WHERE t.term = q.term AND t.last_seen >= $2
                            ORDER BY t.last_seen DESC, t.story_id DESC LIMIT $4) p
        GROUP BY p.story_id ORDER BY shared DESC, last_seen DESC, p.story_id LIMIT $3) r
  JOIN story_states st ON st.story_id = r.story_id
  ORDER BY r.shared DESC, st.last_seen DESC, st.story_id`;

const FIND_STORY_STAMPS = rankedStories('st.story_id, st.stamp');
// Built once: a statement's name is looked up by its text on every call (Db.prepared).
const CREATE_STORY = `INSERT INTO stories AS s (title, first_seen, last_seen) VALUES ($1, $2, $2) RETURNING ${STORY_COLUMNS}`;

const stampOf = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
const toState = (r: Record<string, unknown>): StoryState => ({
  storyId: r.story_id as StoryId,
  terms: r.terms as string[],
  centroid: new Uint8Array(r.centroid as Buffer),
  lastSeen: iso(r.last_seen),
  stamp: stampOf(r.stamp),
});
const toStamp = (r: Record<string, unknown>): StoryStamp => ({ storyId: r.story_id as StoryId, stamp: stampOf(r.stamp) });

export function storyPort(db: Db): StoryRepo {
  const port: StoryRepo = {
    storiesSince: (cursor, seen) => storiesSince(db, cursor, seen),
    storyWindowStart: (horizonMs, notAfter) => storyWindowStart(db, horizonMs, notAfter),
    foldStoryLog: (now) => (now ? foldStoryLog(db) : db.afterCommit(() => foldStoryLog(db))),
    async createStory(title, at) {
      const [r] = await db.prepared(CREATE_STORY, [title, time(at)]);
      return toStory(r!);
    },
    async assignStory(articleId: ArticleId, storyId: StoryId) {
      const n = await db.exec('UPDATE articles SET story_id = $2 WHERE id = $1', [articleId, storyId]).catch((e) => {
        if ((e as { code?: string }).code === '23503') throw new LedeError('not_found', `story ${storyId} does not exist`, { cause: e });
        throw e;
      });
      if (n === 0) throw new LedeError('not_found', `article ${articleId} does not exist`);
    },
    async mergeStories(into: StoryId, from: StoryId) {
      if (into === from) return;
      await db.transaction(async () => {
        const rows = await db.query('SELECT id FROM stories WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [[into, from]]);
        if (rows.length < 2) throw new LedeError('not_found', `cannot merge story ${from} into ${into}: not found`);
        await db.exec('UPDATE articles SET story_id = $1 WHERE story_id = $2', [into, from]);
        // The terms `from` is found by move to `into`, each keeping its time (its own rows go with it): those
        // story_terms holds, and those of its saves not folded yet (a fold skips the rows of a story gone).
        // Merges are rare: this write stays in the placement. Then the merge is logged.
        await db.exec(
          `WITH m AS (INSERT INTO story_terms (term, story_id, last_seen)
             SELECT term, $1, max(last_seen) FROM (
               SELECT term, last_seen FROM story_terms WHERE story_id = $2
               UNION ALL
               SELECT t.term, l.last_seen FROM story_log l CROSS JOIN LATERAL jsonb_array_elements_text(l.terms) AS t(term)
               WHERE l.seq >= ${FOLD_CURSOR} AND l.story_id = $2 AND l.into_id IS NULL) x
             WHERE EXISTS (SELECT 1 FROM story_states WHERE story_id = $1) GROUP BY term
             ON CONFLICT (story_id, term) DO UPDATE SET last_seen = greatest(story_terms.last_seen, excluded.last_seen))
           INSERT INTO story_log (story_id, into_id) VALUES ($2, $1)`,
          [into, from],
        );
        await db.exec(
          `UPDATE stories s SET first_seen = least(s.first_seen, f.first_seen), last_seen = greatest(s.last_seen, f.last_seen)
           FROM stories f WHERE s.id = $1 AND f.id = $2`,
          [into, from],
        );
        await db.exec('DELETE FROM stories WHERE id = $1', [from]);
      });
    },
    // Nothing is read back: in a transaction it goes with the next statement or the COMMIT (Db.later).
    async updateStory(id, patch) {
      await db.later(
        `UPDATE stories SET title = coalesce($2, title), first_seen = least(first_seen, $3::timestamptz),
         last_seen = greatest(last_seen, $3::timestamptz) WHERE id = $1`,
        [id, patch.title ?? null, time(patch.seen)],
      );
    },
    async saveStoryState(s: StoryState) {
      if (s.touched) {
        // One statement: the state, and its log row (the touched terms, stamped with its time; the story
        // keeps every term it was found by), written into story_terms by the next fold (foldStoryLog).
        await db.exec(
          `WITH st AS (
             INSERT INTO story_states (story_id, terms, centroid, last_seen, stamp) VALUES ($1, $2, $3, $4, $6)
             ON CONFLICT (story_id) DO UPDATE SET terms = excluded.terms, centroid = excluded.centroid, last_seen = excluded.last_seen,
               stamp = excluded.stamp
             RETURNING story_id)
           INSERT INTO story_log (story_id, terms, last_seen, stamp) SELECT story_id, $5::jsonb, $4, $6 FROM st`,
          [s.storyId, JSON.stringify(s.terms), Buffer.from(s.centroid), time(s.lastSeen), JSON.stringify([...new Set(s.touched)]), s.stamp ?? null],
        );
        return;
      }
      await db.transaction(async () => {
        await db.exec(
          `INSERT INTO story_states (story_id, terms, centroid, last_seen, stamp) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (story_id) DO UPDATE SET terms = excluded.terms, centroid = excluded.centroid, last_seen = excluded.last_seen,
             stamp = excluded.stamp`,
          [s.storyId, JSON.stringify(s.terms), Buffer.from(s.centroid), time(s.lastSeen), s.stamp ?? null],
        );
        await db.exec('DELETE FROM story_terms WHERE story_id = $1', [s.storyId]);
        const terms = [...new Set(s.terms)];
        // last_seen rides along so lookups can skip stories outside the window (migration 002).
        if (terms.length) {
          await db.exec('INSERT INTO story_terms (term, story_id, last_seen) SELECT unnest($1::text[]), $2, $3', [terms, s.storyId, time(s.lastSeen)]);
        }
      });
    },
    // One statement: the article's story, the story's span and headline, its state and its log row (the
    // same SQL as assignStory, updateStory and saveStoryState; disjoint tables). Its result is not needed, so
    // in a transaction it goes with the next statement or the COMMIT (Db.later): a missing article must then
    // fail the statement itself, and does, as a division by zero (the count of articles assigned).
    async saveStoryPlacement(p) {
      const s = p.state;
      if (!s.touched) {
        await db.transaction(async () => {
          if (p.article !== null) await port.assignStory(p.article, p.story);
          if (p.touch) await port.updateStory(p.story, p.touch);
          await port.saveStoryState(s);
        });
        return;
      }
      await db.later(
        `WITH a AS (UPDATE articles SET story_id = $7 WHERE id = $8 RETURNING id),
         s AS (UPDATE stories SET title = coalesce($9, title), first_seen = least(first_seen, $10::timestamptz),
               last_seen = greatest(last_seen, $10::timestamptz) WHERE $11 AND id = $7),
         st AS (
           INSERT INTO story_states (story_id, terms, centroid, last_seen, stamp) VALUES ($1, $2, $3, $4, $6)
           ON CONFLICT (story_id) DO UPDATE SET terms = excluded.terms, centroid = excluded.centroid, last_seen = excluded.last_seen,
             stamp = excluded.stamp
           RETURNING story_id),
         t AS (INSERT INTO story_log (story_id, terms, last_seen, stamp) SELECT story_id, $5::jsonb, $4, $6 FROM st)
         SELECT CASE WHEN $8::bigint IS NULL THEN 1 ELSE 1 / (SELECT count(*) FROM a) END AS assigned`,
        [
          s.storyId, JSON.stringify(s.terms), Buffer.from(s.centroid), time(s.lastSeen), JSON.stringify([...new Set(s.touched)]), s.stamp ?? null,
          p.story, p.article, p.touch?.title ?? null, time(p.touch?.seen), p.touch !== null,
        ],
        (e) => {
          const code = (e as { code?: string }).code;
          if (code === '23503') return new LedeError('not_found', `story ${p.story} does not exist`, { cause: e });
          if (code === '22012') return new LedeError('not_found', `article ${p.article} does not exist`, { cause: e });
          return e;
        },
      );
    },
    async getStoryStates(ids) {
      if (ids.length === 0) return [];
      const rows = await db.query('SELECT story_id, terms, centroid, last_seen, stamp FROM story_states WHERE story_id = ANY($1::bigint[]) ORDER BY story_id', [[...new Set(ids)]]);
      return rows.map(toState);
    },
    async getStoryStamps(ids) {
      if (ids.length === 0) return [];
      // A join with the ids rather than `= ANY($1)`: the server plans it once per connection (a generic plan)
      // where `= ANY` of an array it cannot size was planned again on every call. Locks deferred by lockKeys
      // go in the same write (Db.defer).
      const rows = await db.prepared(
        'SELECT st.story_id, st.stamp FROM unnest($1::bigint[]) AS i(id) JOIN story_states st ON st.story_id = i.id ORDER BY st.story_id',
        [[...new Set(ids)]],
      );
      return rows.map(toStamp);
    },
    async findStoriesByTerms(terms, since, limit) {
      if (terms.length === 0 || limit <= 0) return [];
      const rows = await db.query(rankedStories('st.story_id, st.terms, st.centroid, st.last_seen, st.stamp'), [[...new Set(terms)], time(since), limit, STORIES_PER_TERM]);
      return rows.map(toState);
    },
    async findStoryStamps(terms, since, limit) {
      if (terms.length === 0 || limit <= 0) return [];
      const rows = await db.prepared(FIND_STORY_STAMPS, [[...new Set(terms)], time(since), limit, STORIES_PER_TERM]);
      return rows.map(toStamp);
    },
    async getStory(id) {
      const s = await db.preparedOne(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = $1`, [id]);
      if (!s) return null;
      const articles = await db.prepared(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.story_id = $1 ORDER BY coalesce(a.published, a.first_seen) DESC, a.id DESC`,
        [id],
      );
      return { story: toStory(s), articles: articles.map(toSummary) };
    },
    async topStories(opts) {
      const rows = await db.query(
        `SELECT s.id, s.title, s.first_seen, s.last_seen, count(DISTINCT a.id) AS article_count,
           array_agg(DISTINCT v.outlet ORDER BY v.outlet) AS outlets
         FROM stories s JOIN articles a ON a.story_id = s.id JOIN versions v ON v.article_id = a.id
         WHERE $1::timestamptz IS NULL OR s.last_seen >= $1
         GROUP BY s.id
         ORDER BY count(DISTINCT v.outlet) DESC, count(DISTINCT a.id) DESC, s.last_seen DESC, s.id DESC LIMIT $2`,
        [time(opts.since), opts.limit],
      );
      return rows.map(toStory);
    },
  };
  return port;
}
