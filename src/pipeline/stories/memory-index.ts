// The in-memory PlacementIndex: what `lede dedup`, `lede cluster`, the bench, the evaluation scripts and
// tests place against. It keeps what the store keeps, the way the store looks it up — fingerprints found
// by shared anchors (POSTINGS_PER_ANCHOR newest per anchor), stories indexed under their centroid's top
// terms (the storiesPerTerm most recently saved per term), ranked by terms shared then recency — so a
// figure measured here describes ingest. Memory stays flat on an endless stream: stories that left the
// window are forgotten and the document frequencies decay.
import type { ArticleId } from '../../domain/types.ts';
import type { NewVersion } from '../../domain/pipeline.ts';
import type {
  CanonicalFacts, CopyCandidate, KnownVersion, PlacementIndex, SharedStory, StoredStory, TermWeights, TextFingerprint,
} from '../../domain/placement.ts';
import { MemoryDedupIndex } from '../dedup/memory.ts';
import { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from './cluster.ts';
import { DocumentFrequencies } from './vector.ts';

/** Articles created between two evictions of stories that left the window. */
const EVICT_EVERY = 50_000;

const EMPTY_FINGERPRINT: TextFingerprint = { shingles: 0, sketch: new Uint32Array(0), anchors: new Uint32Array(0) };

const ms = (t: string | null): number => {
  const x = t ? Date.parse(t) : NaN;
  return Number.isFinite(x) ? x : NaN;
};

export class MemoryPlacementIndex implements PlacementIndex {
  readonly dedup = new MemoryDedupIndex();
  readonly df = new DocumentFrequencies();
  private readonly opts: ClusterOptions;

  // Versions: the first one of each content hash and of each canonical URL.
  private byHash = new Map<string, KnownVersion>();
  private byUrl = new Map<string, KnownVersion>();
  // Articles, by id (0..): the dedup entry of the canonical fingerprint, its published time, its story.
  private canonEntry: number[] = [];
  private published: number[] = [];
  private storyOfArticle: number[] = [];

  private stories = new Map<number, SharedStory>();
  /** Per term, the stories that used it, most recent first, with the time each used it last. */
  private postings = new Map<string, { ids: number[]; at: number[] }>();
  private mergedInto = new Map<number, number>();
  private nextStory = 0;
  private latest: number | null = null;

  constructor(opts: Partial<ClusterOptions> = {}) {
    this.opts = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
  }

  get articleCount(): number {
    return this.canonEntry.length;
  }

  get storyCount(): number {
    return this.stories.size;
  }

  /** The story a (possibly merged) story id now lives in. */
  resolve(id: number): number {
    let r = id;
    for (let next = this.mergedInto.get(r); next !== undefined; next = this.mergedInto.get(r)) r = next;
    return r;
  }

  async versionByHash(contentHash: string): Promise<KnownVersion | null> {
    return this.byHash.get(contentHash) ?? null;
  }

  async versionByUrl(canonicalUrl: string): Promise<KnownVersion | null> {
    return this.byUrl.get(canonicalUrl) ?? null;
  }

  async copyCandidates(fp: TextFingerprint, limit: number): Promise<CopyCandidate<ArticleId>[]> {
    return this.dedup.lookup(fp, limit) as CopyCandidate<ArticleId>[];
  }

  async canonical(article: ArticleId): Promise<CanonicalFacts | null> {
    const entry = this.canonEntry[article];
    if (entry === undefined) return null;
    const p = this.published[article]!;
    return { fingerprint: entry < 0 ? EMPTY_FINGERPRINT : this.dedup.fingerprint(entry), published: Number.isNaN(p) ? null : p };
  }

  async createArticle(v: NewVersion, fp: TextFingerprint): Promise<ArticleId> {
    const id = this.canonEntry.length as ArticleId;
    const published = ms(v.published);
    this.canonEntry.push(fp.shingles ? this.dedup.add(id, fp, Number.isNaN(published) ? null : published) : -1);
    this.published.push(published);
    this.storyOfArticle.push(-1);
    this.remember(id, v);
    if (this.canonEntry.length % EVICT_EVERY === 0) this.evict();
    return id;
  }

  async addVersion(article: ArticleId, v: NewVersion, makeCanonical: boolean, fp: TextFingerprint | null): Promise<number | null> {
    if (makeCanonical) {
      const published = ms(v.published);
      this.published[article] = published;
      if (fp && fp.shingles) this.canonEntry[article] = this.dedup.add(article, fp, Number.isNaN(published) ? null : published);
    }
    this.remember(article, v);
    return this.storyOf({ articleId: article });
  }

  async storyOf(version: Pick<KnownVersion, 'articleId'>): Promise<number | null> {
    const s = this.storyOfArticle[version.articleId] ?? -1;
    return s < 0 ? null : this.resolve(s);
  }

  private remember(article: ArticleId, v: NewVersion): void {
    const known: KnownVersion = { articleId: article, outlet: v.outlet, contentHash: v.contentHash };
    if (!this.byHash.has(v.contentHash)) this.byHash.set(v.contentHash, known);
    if (v.canonicalUrl && !this.byUrl.has(v.canonicalUrl)) this.byUrl.set(v.canonicalUrl, known);
  }

  async countTerms(terms: string[]): Promise<TermWeights> {
    this.df.add(terms);
    return this.df;
  }

  async findStories(terms: string[], since: number | null, limit: number): Promise<SharedStory[]> {
    const shared = new Map<number, number>();
    const once = new Set<number>();
    for (const t of new Set(terms)) {
      const p = this.postings.get(t);
      if (!p) continue;
      once.clear();
      // Most recent first: the first one used before `since` ends the term's list, as in the store. A
      // merged story's entries stand for the story it went into.
      const n = Math.min(p.ids.length, this.opts.storiesPerTerm);
      for (let i = 0; i < n && (since === null || p.at[i]! >= since); i++) {
        const id = this.resolve(p.ids[i]!);
        if (once.has(id) || !this.stories.has(id)) continue;
        once.add(id);
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    const seen = (id: number) => this.stories.get(id)!.lastSeen ?? -Infinity;
    return [...shared]
      .sort((a, b) => b[1] - a[1] || seen(b[0]) - seen(a[0]) || b[0] - a[0])
      .slice(0, limit)
      .map(([id]) => this.stories.get(id)!);
  }

  async claimStories(): Promise<null> {
    return null; // one caller at a time: nothing changes between findStories and the writes
  }

  async createStory(_title: string, at: number | null): Promise<number> {
    if (at !== null) this.latest = Math.max(this.latest ?? at, at);
    return this.nextStory++;
  }

  async assignStory(article: ArticleId, story: number): Promise<void> {
    this.storyOfArticle[article] = story;
  }

  async touchStory(_story: number, at: number | null): Promise<void> {
    if (at !== null) this.latest = Math.max(this.latest ?? at, at);
  }

  async mergeStories(into: number, from: number): Promise<void> {
    if (into === from) return;
    // The entries of `from` stay where they are in time and now stand for `into` (as the store moves its
    // rows, each keeping its last_seen).
    this.stories.delete(from);
    this.mergedInto.set(from, into);
  }

  async saveStory(s: StoredStory, terms: readonly string[]): Promise<void> {
    this.stories.set(s.id, s);
    // Undated stories are never outside a window.
    const at = s.lastSeen ?? Infinity;
    for (const t of terms) this.post(t, s.id, at);
  }

  /** Puts `id` first in the term's stories, used at `at`. */
  private post(term: string, id: number, at: number): void {
    let p = this.postings.get(term);
    if (!p) this.postings.set(term, (p = { ids: [], at: [] }));
    const i = p.ids.indexOf(id);
    if (i >= 0) { p.ids.splice(i, 1); p.at.splice(i, 1); }
    p.ids.unshift(id);
    p.at.unshift(at);
    // Beyond the newest storiesPerTerm a term's stories are never read.
    if (p.ids.length > this.opts.storiesPerTerm) { p.ids.length = this.opts.storiesPerTerm; p.at.length = this.opts.storiesPerTerm; }
  }

  /** Forgets stories that left the window twice over, so memory stays flat on an endless stream. */
  private evict(): void {
    if (this.df.docs > 200_000) this.df.decay();
    const now = this.latest;
    if (now === null) return;
    for (const [id, s] of this.stories) {
      if (s.lastSeen !== null && now - s.lastSeen > 2 * this.opts.windowMs) this.stories.delete(id);
    }
    for (const [t, p] of this.postings) {
      const keep = p.ids.map((id) => this.stories.has(this.resolve(id)));
      p.ids = p.ids.filter((_, i) => keep[i]);
      p.at = p.at.filter((_, i) => keep[i]);
      if (!p.ids.length) this.postings.delete(t);
    }
  }
}
