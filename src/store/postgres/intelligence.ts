// The outlet registry, version digests and story analyses (migration 008).
import type { BriefingCandidate, Outlet, OutletKind, StoryAnalysis, VersionDigest } from '../../domain/analysis.ts';
import type { StoryId, VersionId } from '../../domain/types.ts';
import type { AnalysisRepo, OutletRepo } from '../repository.ts';
import type { Db, Row } from './db.ts';
import { iso, isoOrNull, time } from './rows.ts';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const toOutlet = (r: Row): Outlet => ({
  name: r.name as string,
  homeUrl: str(r.home_url),
  country: str(r.country),
  language: str(r.language),
  kind: r.kind as OutletKind,
  owner: str(r.owner),
  firstSeen: iso(r.first_seen),
  editedAt: isoOrNull(r.edited_at),
});

export function intelligencePort(db: Db): OutletRepo & AnalysisRepo {
  const getOutlet = async (name: string) => {
    const r = await db.one('SELECT * FROM outlets WHERE name = $1', [name]);
    return r ? toOutlet(r) : null;
  };
  return {
    async noteOutlet(s) {
      // A sighting fills blanks only; 'publisher' is the default guess, so a sharper one replaces it.
      await db.preparedExec(
        `INSERT INTO outlets (name, home_url, country, language, kind, first_seen) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name) DO UPDATE SET
           home_url = coalesce(outlets.home_url, excluded.home_url),
           country = coalesce(outlets.country, excluded.country),
           language = coalesce(outlets.language, excluded.language),
           kind = CASE WHEN outlets.kind = 'publisher' THEN excluded.kind ELSE outlets.kind END,
           first_seen = least(outlets.first_seen, excluded.first_seen)
         WHERE outlets.edited_at IS NULL AND (outlets.home_url IS NULL AND excluded.home_url IS NOT NULL
           OR outlets.country IS NULL AND excluded.country IS NOT NULL OR outlets.language IS NULL AND excluded.language IS NOT NULL
           OR outlets.kind = 'publisher' AND excluded.kind <> 'publisher' OR excluded.first_seen < outlets.first_seen)`,
        [s.name, s.homeUrl, s.country, s.language, s.kind, time(s.at)],
      );
    },
    getOutlet,
    async getOutlets(names) {
      if (!names.length) return [];
      return (await db.prepared('SELECT * FROM outlets WHERE name = ANY($1::text[]) ORDER BY name', [[...new Set(names)]])).map(toOutlet);
    },
    async listOutlets() {
      return (await db.query('SELECT * FROM outlets ORDER BY lower(name), name COLLATE "C"')).map(toOutlet);
    },
    async updateOutlet(name, patch, at) {
      return db.transaction(async () => {
        const cur = await db.one('SELECT * FROM outlets WHERE name = $1 FOR UPDATE', [name]);
        if (!cur) return null;
        const o = { ...toOutlet(cur), ...patch };
        await db.exec('UPDATE outlets SET home_url = $1, country = $2, language = $3, kind = $4, owner = $5, edited_at = $6 WHERE name = $7',
          [o.homeUrl, o.country, o.language, o.kind, o.owner, time(at), name]);
        return getOutlet(name);
      });
    },
    async outletCoverage(name) {
      const [a, roles, first] = await Promise.all([
        db.one<{ articles: number; stories: number }>(
          `SELECT count(*) AS articles, count(DISTINCT x.story_id) AS stories FROM
             (SELECT DISTINCT v.article_id, a.story_id FROM versions v JOIN articles a ON a.id = v.article_id WHERE v.outlet = $1) x`, [name]),
        db.query<{ role: string; n: number }>('SELECT role, count(*) AS n FROM version_notes WHERE outlet = $1 AND role IS NOT NULL GROUP BY role', [name]),
        db.one<{ n: number }>('SELECT count(*) AS n FROM story_analyses WHERE first_outlet = $1', [name]),
      ]);
      const role = (k: string) => Number(roles.find((r) => r.role === k)?.n ?? 0);
      return { articles: Number(a!.articles), stories: Number(a!.stories), originals: role('original'), copies: role('copy'), first: Number(first!.n) };
    },

    async saveVersionDigest(versionId, articleId, outlet, digest) {
      await db.preparedExec(
        `INSERT INTO version_notes (version_id, article_id, outlet, digest) VALUES ($1, $2, $3, $4)
         ON CONFLICT (version_id) DO UPDATE SET digest = excluded.digest`,
        [versionId, articleId, outlet, JSON.stringify(digest)],
      );
    },
    async getVersionDigests(versionIds) {
      const out = new Map<VersionId, VersionDigest>();
      if (!versionIds.length) return out;
      for (const r of await db.prepared<{ version_id: number; digest: VersionDigest }>('SELECT version_id, digest FROM version_notes WHERE version_id = ANY($1::bigint[])', [versionIds])) {
        out.set(r.version_id as VersionId, r.digest);
      }
      return out;
    },
    async markStoryChanged(storyId) {
      await db.preparedExec('INSERT INTO story_analyses (story_id) VALUES ($1) ON CONFLICT (story_id) DO UPDATE SET revision = story_analyses.revision + 1', [storyId]);
    },
    async storyRevision(storyId) {
      const r = await db.preparedOne<{ revision: number; analysed: number }>('SELECT revision, analysed FROM story_analyses WHERE story_id = $1', [storyId]);
      return r ? { revision: Number(r.revision), analysed: Number(r.analysed) } : null;
    },
    async dueStories(limit) {
      return (await db.query<{ story_id: number }>('SELECT story_id FROM story_analyses WHERE analysed < revision ORDER BY story_id LIMIT $1', [limit])).map((r) => r.story_id as StoryId);
    },
    // One statement: the analysis and the versions' roles from it, atomic without a transaction of its own (a
    // transaction was two statements more, BEGIN and COMMIT). Outside a transaction it commits without waiting
    // for its WAL flush (synchronous_commit off for its own transaction): an analysis is derived from the
    // stored articles, and one a crash loses leaves its story due (analysed < revision), analysed again by a
    // later poll. Inside a transaction the setting would reach the caller's commit, so it is left alone.
    async saveStoryAnalysis(s) {
      const roles = s.roles.filter((r) => r.role === 'original' || r.role === 'copy');
      const n = await db.preparedExec(
        `WITH async AS MATERIALIZED (SELECT CASE WHEN $13::boolean THEN set_config('synchronous_commit', 'off', true) END),
         saved AS (
           INSERT INTO story_analyses (story_id, revision, analysed, data, outlets, articles, versions, arrivals, first_outlet, updated_at)
           SELECT $1::bigint, $2::int, $3::int, $4::jsonb, $5::int, $6::int, $7::int, $8::jsonb, $9::text, $10::timestamptz FROM async
           ON CONFLICT (story_id) DO UPDATE SET analysed = excluded.analysed, data = excluded.data, outlets = excluded.outlets,
             articles = excluded.articles, versions = excluded.versions, arrivals = excluded.arrivals,
             first_outlet = excluded.first_outlet, updated_at = excluded.updated_at
           WHERE story_analyses.analysed < excluded.analysed OR story_analyses.data IS NULL
           RETURNING story_id),
         roles AS (
           UPDATE version_notes n SET role = r.role FROM unnest($11::bigint[], $12::text[]) AS r (version_id, role)
           WHERE n.version_id = r.version_id AND n.role IS DISTINCT FROM r.role AND EXISTS (SELECT 1 FROM saved))
         SELECT story_id FROM saved`,
        [s.storyId, s.revision, s.revision, JSON.stringify(s.analysis), s.stats.outlets, s.stats.articles, s.stats.versions,
          JSON.stringify(s.stats.arrivals), s.analysis.coverage.first?.outlet ?? null, time(s.analysis.computedAt),
          roles.map((r) => r.versionId), roles.map((r) => r.role), !db.inTransaction],
      );
      return n > 0;
    },
    async getStoryAnalysis(storyId) {
      const r = await db.one<{ data: StoryAnalysis }>('SELECT data FROM story_analyses WHERE story_id = $1 AND data IS NOT NULL', [storyId]);
      return r ? r.data : null;
    },
    async briefingCandidates(since, limit) {
      const rows = await db.query(
        `SELECT s.id, s.title, s.first_seen, s.last_seen, sa.outlets, sa.articles, sa.versions, sa.arrivals
         FROM stories s JOIN story_analyses sa ON sa.story_id = s.id
         WHERE s.last_seen >= $1 AND sa.data IS NOT NULL
         ORDER BY sa.outlets DESC, s.last_seen DESC, s.id DESC LIMIT $2`,
        [time(since), limit],
      );
      return rows.map((r): BriefingCandidate => ({
        storyId: r.id as StoryId, title: r.title as string, firstSeen: iso(r.first_seen), lastSeen: iso(r.last_seen),
        stats: { outlets: Number(r.outlets), articles: Number(r.articles), versions: Number(r.versions), arrivals: r.arrivals as number[] },
      }));
    },
  };
}
