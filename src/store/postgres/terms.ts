// Term document frequencies (migration 007): one upsert for all terms, the total under the empty term.
import type { TermStatsRepo } from '../ports/articles.ts';
import type { Db } from './db.ts';

export function termStatsPort(db: Db): TermStatsRepo {
  return {
    async addTermDocs(batch) {
      // The batch as two JSON arrays (terms, the total under '', and their counts): a few thousand terms escaped
      // one by one as text array elements cost this process ~2 ms a batch, JSON.stringify ~0.2 (an object keyed
      // by term cost more than either). Sorted on the server, in one lock order for concurrent writers ("C":
      // byte order, the cheapest sort that is the same for all).
      const terms = [''];
      const counts = [batch.docs];
      for (const [term, n] of batch.counts) {
        if (!term || !(n > 0)) continue;
        terms.push(term);
        counts.push(n);
      }
      // After the placement commits: every batch counts the total row and the common words, and held
      // until each commit those rows would make concurrent ingest processes wait on one another.
      // Committed without waiting for its WAL flush (synchronous_commit off for this statement's own
      // transaction, set_config(…, true)): the counts are advisory (IDF weights), so a crash may lose the
      // last fraction of a second of them, never the articles; that was a second fsync per batch.
      await db.afterCommit(() => db.prepared(
        `WITH async AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
         INSERT INTO term_stats (term, docs)
         SELECT t.term, n.docs::bigint FROM json_array_elements_text($1::json) WITH ORDINALITY AS t(term, i)
           JOIN json_array_elements_text($2::json) WITH ORDINALITY AS n(docs, i) ON n.i = t.i, async
         ORDER BY t.term COLLATE "C"
         ON CONFLICT (term) DO UPDATE SET docs = term_stats.docs + excluded.docs`,
        [JSON.stringify(terms), JSON.stringify(counts)],
      ).then(() => {}));
    },
    async termDocs(terms) {
      const rows = await db.query<{ term: string; docs: string | number }>('SELECT term, docs FROM term_stats WHERE term = ANY($1::text[])', [['', ...new Set(terms)]]);
      const counts = new Map<string, number>();
      let docs = 0;
      for (const r of rows) {
        if (r.term === '') docs = Number(r.docs);
        else counts.set(r.term, Number(r.docs));
      }
      return { docs, counts };
    },
  };
}
