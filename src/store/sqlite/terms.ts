// Term document frequencies (migration 007): one upsert per distinct term, the total under the empty term.
import type { TermStatsRepo } from '../ports/articles.ts';
import type { SqliteDb } from './db.ts';

export function termStatsPort(db: SqliteDb): TermStatsRepo {
  return {
    // One statement for all terms: a hundred single-row upserts cost a fifth of a placement in calls alone.
    addTermDocs: (batch) =>
      db.atomic(() => {
        const rows: [string, number][] = [['', batch.docs]];
        for (const [term, n] of batch.counts) if (term && n > 0) rows.push([term, n]);
        db.exec(
          `INSERT INTO term_stats (term, docs) SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
           ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs`,
          JSON.stringify(rows),
        );
      }),
    termDocs: (terms) => db.run(() => termDocs(db, terms)),
  };
}

export function termDocs(db: SqliteDb, terms: string[]): { docs: number; counts: Map<string, number> } {
  const rows = db.all('SELECT term, docs FROM term_stats WHERE term IN (SELECT value FROM json_each(?))', JSON.stringify(['', ...new Set(terms)]));
  const counts = new Map<string, number>();
  let docs = 0;
  for (const r of rows) {
    if (r.term === '') docs = Number(r.docs);
    else counts.set(r.term as string, Number(r.docs));
  }
  return { docs, counts };
}
