// The cost of the dedup and story candidate lookups on PostgreSQL with crowded bands and terms, through
// the repository (what placeVersion calls), beside the unbounded queries they replaced (schema 001).
//   node bin/run-ts.js scripts/pg-lookup-cost.ts [--articles 50000]
// LEDE_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names a server where a
// scratch database may be created; it is dropped at the end.
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/index.ts';

const N = Number(process.argv[process.argv.indexOf('--articles') + 1]) || 50_000;
const adminUrl = process.env.LEDE_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const name = `lede_lookup_cost_${process.pid}`;
await admin.query(`CREATE DATABASE ${name}`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

try {
  const repo = await openPostgresStore(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // N articles with 16 bands each, 8 of them shared by every article (boilerplate); N stories, one a
  // minute up to now, with 12 terms each, 6 shared by every story.
  await c.query(`INSERT INTO articles (id, title, text, html, outlet, first_seen) SELECT g, 't', 'x', '', 'o', now() FROM generate_series(1, $1::int) g`, [N]);
  await c.query(`INSERT INTO fingerprints (article_id, signature, text_length, outlet) SELECT g, '\\x01', 1, 'o' FROM generate_series(1, $1::int) g`, [N]);
  await c.query(`INSERT INTO fingerprint_bands (band, article_id)
    SELECT CASE WHEN k <= 8 THEN 'hot' || k ELSE 'b' || ((g * 97 + k) % (2 * $1::int)) END, g
    FROM generate_series(1, $1::int) g, generate_series(1, 16) k ON CONFLICT DO NOTHING`, [N]);
  await c.query(`INSERT INTO stories (id, title, first_seen, last_seen)
    SELECT g, 's', now() - ($1::int - g) * interval '1 minute', now() - ($1::int - g) * interval '1 minute' FROM generate_series(1, $1::int) g`, [N]);
  await c.query(`INSERT INTO story_states (story_id, terms, centroid, last_seen) SELECT id, '[]', '\\x01', last_seen FROM stories`);
  await c.query(`INSERT INTO story_terms (term, story_id, last_seen)
    SELECT CASE WHEN k <= 6 THEN 'hot' || k ELSE 't' || ((s.id * 31 + k) % ($1::int / 2)) END, s.id, s.last_seen
    FROM stories s, generate_series(1, 12) k ON CONFLICT DO NOTHING`, [N]);
  await c.query('VACUUM ANALYZE');

  const bands = [...Array.from({ length: 8 }, (_, i) => `hot${i + 1}`), ...Array.from({ length: 88 }, (_, i) => `b${i * 7}`)];
  const terms = ['hot1', 'hot2', 'hot3', 'hot4', 'hot5', 'hot6', 't5', 't6', 't7', 't8', 't9', 't10'];
  const since = new Date(Date.now() - 3 * 86400e3).toISOString();
  const rows = [
    ['findByFingerprint (96 bands, 24 candidates)', await time(100, () => repo.findByFingerprint(bands, 24)),
      await time(10, () => c.query(`SELECT f.article_id, f.signature, f.text_length, f.published, f.outlet, count(*) AS shared
        FROM fingerprint_bands b JOIN fingerprints f ON f.article_id = b.article_id WHERE b.band = ANY($1::text[])
        GROUP BY f.article_id ORDER BY shared DESC, f.article_id LIMIT 24`, [bands]))],
    ['findStoriesByTerms (12 terms, 3-day window, 32 stories)', await time(100, () => repo.findStoriesByTerms(terms, since, 32)),
      await time(10, () => c.query(`SELECT st.story_id, st.terms, st.centroid, st.last_seen, count(*) AS shared
        FROM story_terms t JOIN story_states st ON st.story_id = t.story_id WHERE t.term = ANY($1::text[]) AND st.last_seen >= $2
        GROUP BY st.story_id ORDER BY shared DESC, st.last_seen DESC, st.story_id LIMIT 32`, [terms, since]))],
  ] as const;
  console.log(`| lookup (${N.toLocaleString('en')} articles and stories) | bounded, ms (median) | unbounded (schema 001), ms |`);
  console.log('|---|---|---|');
  for (const [what, now, before] of rows) console.log(`| ${what} | ${now.toFixed(2)} | ${before.toFixed(1)} |`);
  await c.end();
  await repo.close();
} finally {
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
