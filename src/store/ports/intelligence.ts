import type {
  BriefingCandidate, Outlet, OutletCoverage, OutletPatch, OutletSighting, StoryAnalysis, StoryStats, VersionDigest,
} from '../../domain/analysis.ts';
import type { ArticleId, IsoTime, StoryId, VersionId } from '../../domain/types.ts';

/** The outlet registry (migration 008): outlets named as versions credit them. */
export interface OutletRepo {
  /** Registers an outlet on first sight; later sightings fill its blank fields unless an admin edited it. */
  noteOutlet(s: OutletSighting): Promise<void>;
  getOutlet(name: string): Promise<Outlet | null>;
  /** The registry's entries for these names (absent names are left out). */
  getOutlets(names: string[]): Promise<Outlet[]>;
  listOutlets(): Promise<Outlet[]>;
  /** An admin's edit: the fields given replace the stored ones (null clears), and ingest no longer changes it. */
  updateOutlet(name: string, patch: OutletPatch, at: IsoTime): Promise<Outlet | null>;
  outletCoverage(name: string): Promise<OutletCoverage>;
}

export interface SavedStoryAnalysis {
  storyId: StoryId;
  /** The story's revision the analysis was computed from (see storyRevision). */
  revision: number;
  analysis: StoryAnalysis;
  stats: StoryStats;
  roles: { versionId: VersionId; role: 'original' | 'copy' }[];
}

/** Per-version digests and per-story analyses, computed at ingest (pipeline/compare) and read by the web. */
export interface AnalysisRepo {
  saveVersionDigest(versionId: VersionId, articleId: ArticleId, outlet: string, digest: VersionDigest): Promise<void>;
  getVersionDigests(versionIds: VersionId[]): Promise<Map<VersionId, VersionDigest>>;
  /** The story changed (an article or version joined it): its analysis is due. Part of the article's transaction. */
  markStoryChanged(storyId: StoryId): Promise<void>;
  /** The story's current revision and the one its stored analysis was computed from (null: never marked). */
  storyRevision(storyId: StoryId): Promise<{ revision: number; analysed: number } | null>;
  /** Stories whose analysis is older than their last change, oldest id first. */
  dueStories(limit: number): Promise<StoryId[]>;
  /**
   * Stores the analysis unless one of the same or a later revision is already stored (two workers may
   * analyse one story at once; the later revision wins). True when stored.
   */
  saveStoryAnalysis(a: SavedStoryAnalysis): Promise<boolean>;
  getStoryAnalysis(storyId: StoryId): Promise<StoryAnalysis | null>;
  /** Analysed stories active since `since`, most outlets first, for the briefing to rank. */
  briefingCandidates(since: IsoTime, limit: number): Promise<BriefingCandidate[]>;
}
