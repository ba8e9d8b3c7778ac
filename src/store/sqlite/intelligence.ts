// The outlet registry, version digests and story analyses (migration 008).
import type { BriefingCandidate, Outlet, OutletKind, StoryAnalysis, VersionDigest } from '../../domain/analysis.ts';
import type { StoryId, VersionId } from '../../domain/types.ts';
import type { AnalysisRepo, OutletRepo } from '../repository.ts';
import { time, type Row, type SqliteDb } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

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

export function intelligencePort(db: SqliteDb): OutletRepo & AnalysisRepo {
  return {
    noteOutlet: (s) =>
      db.run(() => {
        // A sighting fills blanks only; 'publisher' is the default guess, so a sharper one replaces it.
        db.exec(
          `INSERT INTO outlets (name, home_url, country, language, kind, first_seen) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET
             home_url = coalesce(outlets.home_url, excluded.home_url),
             country = coalesce(outlets.country, excluded.country),
             language = coalesce(outlets.language, excluded.language),
             kind = CASE WHEN outlets.kind = 'publisher' THEN excluded.kind ELSE outlets.kind END,
             first_seen = min(outlets.first_seen, excluded.first_seen)
           WHERE outlets.edited_at IS NULL AND (outlets.home_url IS NULL AND excluded.home_url IS NOT NULL
             OR outlets.country IS NULL AND excluded.country IS NOT NULL OR outlets.language IS NULL AND excluded.language IS NOT NULL
             OR outlets.kind = 'publisher' AND excluded.kind <> 'publisher' OR excluded.first_seen < outlets.first_seen)`,
          s.name, s.homeUrl, s.country, s.language, s.kind, time(s.at),
        );
      }),
    getOutlet: (name) => db.run(() => {
      const r = db.get('SELECT * FROM outlets WHERE name = ?', name);
      return r ? toOutlet(r) : null;
    }),
    getOutlets: (names) => db.run(() =>
      names.length ? db.all('SELECT * FROM outlets WHERE name IN (SELECT value FROM json_each(?)) ORDER BY name', JSON.stringify([...new Set(names)])).map(toOutlet) : []),
    listOutlets: () => db.run(() => db.all('SELECT * FROM outlets ORDER BY lower(name), name').map(toOutlet)),
    updateOutlet: (name, patch, at) =>
      db.atomic(() => {
        const cur = db.get('SELECT * FROM outlets WHERE name = ?', name);
        if (!cur) return null;
        const o = { ...toOutlet(cur), ...patch };
        db.exec('UPDATE outlets SET home_url = ?, country = ?, language = ?, kind = ?, owner = ?, edited_at = ? WHERE name = ?',
          o.homeUrl, o.country, o.language, o.kind, o.owner, time(at), name);
        return toOutlet(db.get('SELECT * FROM outlets WHERE name = ?', name)!);
      }),
    outletCoverage: (name) =>
      db.run(() => {
        const a = db.get(
          `SELECT count(*) AS articles, count(DISTINCT x.story_id) AS stories FROM
             (SELECT DISTINCT v.article_id, a.story_id FROM versions v JOIN articles a ON a.id = v.article_id WHERE v.outlet = ?) x`, name)!;
        const roles = db.all('SELECT role, count(*) AS n FROM version_notes WHERE outlet = ? AND role IS NOT NULL GROUP BY role', name);
        const first = db.get('SELECT count(*) AS n FROM story_analyses WHERE first_outlet = ?', name)!;
        const role = (k: string) => Number(roles.find((r) => r.role === k)?.n ?? 0);
        return { articles: Number(a.articles), stories: Number(a.stories), originals: role('original'), copies: role('copy'), first: Number(first.n) };
      }),

    saveVersionDigest: (versionId, articleId, outlet, digest) =>
      db.run(() => {
        db.exec(
          `INSERT INTO version_notes (version_id, article_id, outlet, digest) VALUES (?, ?, ?, ?)
           ON CONFLICT (version_id) DO UPDATE SET digest = excluded.digest`,
          versionId, articleId, outlet, JSON.stringify(digest),
        );
      }),
    getVersionDigests: (versionIds) =>
      db.run(() => {
        const out = new Map<VersionId, VersionDigest>();
        if (!versionIds.length) return out;
        for (const r of db.all('SELECT version_id, digest FROM version_notes WHERE version_id IN (SELECT value FROM json_each(?))', JSON.stringify(versionIds))) {
          out.set(r.version_id as VersionId, JSON.parse(r.digest as string) as VersionDigest);
        }
        return out;
      }),
    markStoryChanged: (storyId) =>
      db.run(() => {
        db.exec('INSERT INTO story_analyses (story_id) VALUES (?) ON CONFLICT (story_id) DO UPDATE SET revision = story_analyses.revision + 1', storyId);
      }),
    storyRevision: (storyId) => db.run(() => {
      const r = db.get('SELECT revision, analysed FROM story_analyses WHERE story_id = ?', storyId);
      return r ? { revision: Number(r.revision), analysed: Number(r.analysed) } : null;
    }),
    dueStories: (limit) => db.run(() => db.all('SELECT story_id FROM story_analyses WHERE analysed < revision ORDER BY story_id LIMIT ?', limit).map((r) => r.story_id as StoryId)),
    saveStoryAnalysis: (s) =>
      db.atomic(() => {
        const n = db.exec(
          `INSERT INTO story_analyses (story_id, revision, analysed, data, outlets, articles, versions, arrivals, first_outlet, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (story_id) DO UPDATE SET analysed = excluded.analysed, data = excluded.data, outlets = excluded.outlets,
             articles = excluded.articles, versions = excluded.versions, arrivals = excluded.arrivals,
             first_outlet = excluded.first_outlet, updated_at = excluded.updated_at
           WHERE story_analyses.analysed < excluded.analysed OR story_analyses.data IS NULL`,
          s.storyId, s.revision, s.revision, JSON.stringify(s.analysis), s.stats.outlets, s.stats.articles, s.stats.versions,
          JSON.stringify(s.stats.arrivals), s.analysis.coverage.first?.outlet ?? null, time(s.analysis.computedAt),
        );
        if (!n) return false;
        const set = db.prepare('UPDATE version_notes SET role = ? WHERE version_id = ? AND role IS NOT ?');
        for (const r of s.roles) set.run(r.role, r.versionId, r.role);
        return true;
      }),
    getStoryAnalysis: (storyId) =>
      db.run(() => {
        const r = db.get('SELECT data FROM story_analyses WHERE story_id = ? AND data IS NOT NULL', storyId);
        return r ? (JSON.parse(r.data as string) as StoryAnalysis) : null;
      }),
    briefingCandidates: (since, limit) =>
      db.run(() =>
        db.all(
          `SELECT s.id, s.title, s.first_seen, s.last_seen, sa.outlets, sa.articles, sa.versions, sa.arrivals
           FROM stories s JOIN story_analyses sa ON sa.story_id = s.id
           WHERE s.last_seen >= ? AND sa.data IS NOT NULL
           ORDER BY sa.outlets DESC, s.last_seen DESC, s.id DESC LIMIT ?`,
          time(since), limit,
        ).map((r): BriefingCandidate => ({
          storyId: r.id as StoryId, title: r.title as string, firstSeen: iso(r.first_seen), lastSeen: iso(r.last_seen),
          stats: { outlets: Number(r.outlets), articles: Number(r.articles), versions: Number(r.versions), arrivals: JSON.parse(r.arrivals as string) as number[] },
        })),
      ),
  };
}
