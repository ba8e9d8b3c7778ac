// Streams of texts placed in memory with the production placement algorithm (placement.ts) over a
// MemoryPlacementIndex: `lede dedup` and the dedup evaluation read DedupStream (copies only), `lede
// cluster`, the bench and the clustering evaluations read StoryClusterer (copies, then stories). Thin on
// purpose: they only turn a stream item into the version ingest would store.
import type { NewVersion } from '../../domain/pipeline.ts';
import type { IsoTime } from '../../domain/types.ts';
import { contentHash } from '../dedup/hash.ts';
import type { CopyMatch } from '../dedup/detect.ts';
import type { CopyRule, TextFingerprint } from '../dedup/fingerprint.ts';
import type { ClusterOptions } from './cluster.ts';
import { MemoryPlacementIndex } from './memory-index.ts';
import { place, prepareVersion, type PlacementOptions } from './placement.ts';

export interface StreamItem {
  title?: string | null;
  text: string;
  /** Milliseconds since the epoch; null = undated (no time window applies). */
  published?: number | null;
  url?: string | null;
  /** The outlet that published it; items of unknown outlet count as one outlet. */
  outlet?: string;
}

const iso = (t: number | null | undefined): IsoTime | null => (t !== null && t !== undefined && Number.isFinite(t) ? new Date(t).toISOString() : null);

/** The version ingest would store for a stream item (no fetch time: an undated item stays undated). */
export function streamVersion(item: StreamItem): NewVersion {
  // A headline-only item is its headline (ingest never stores an empty text).
  const text = item.text.trim() ? item.text : item.title ?? '';
  return {
    sourceId: null, feedId: null, outlet: item.outlet ?? '', url: item.url ?? null, canonicalUrl: null,
    title: item.title ?? '', byline: null, text, html: '', lede: null, image: null, language: null,
    published: iso(item.published), fetchedAt: '', contentHash: contentHash(text),
  };
}

export interface StreamPlacement {
  /** Index (0-based, stream order) of the first text of the article this one belongs to. */
  article: number;
  /** The fingerprint match, when the text was recognised as a copy by its fingerprint. */
  match: CopyMatch<number> | null;
  /** Whether the text is a copy (a repeat, a same-URL update or a fingerprint match) of an earlier article. */
  isCopy: boolean;
  fingerprint: TextFingerprint;
}

/** Dedup over a stream of texts: each is a copy of an earlier article, or a new article. */
export class DedupStream {
  readonly index: MemoryPlacementIndex;
  private readonly opts: Partial<PlacementOptions>;
  /** Article id → stream index of its first text. */
  private firsts: number[] = [];
  private seen = 0;

  constructor(rule?: CopyRule) {
    this.index = new MemoryPlacementIndex();
    this.opts = { stories: false, copyRule: rule };
  }

  async place(text: string, published: number | null = null, item: Omit<StreamItem, 'text' | 'published'> = {}): Promise<StreamPlacement> {
    const n = this.seen++;
    const p = prepareVersion(streamVersion({ ...item, text, published }), this.opts);
    const out = await place(this.index, p, this.opts);
    if (out.isNewArticle) this.firsts[out.article] = n;
    const article = this.firsts[out.article]!;
    const match = out.copy ? { key: this.firsts[out.copy.key]!, resemblance: out.copy.resemblance } : null;
    return { article, match, isCopy: !out.isNewArticle, fingerprint: p.fingerprint };
  }
}

export interface ClusterPlacement {
  story: number;
  created: boolean;
  similarity: number;
  /** Stories merged into `story` by this placement. */
  merged: number[];
  /** False when the item was a copy of an earlier article and went to that article's story. */
  isNewArticle: boolean;
}

/** Online, single-pass story clustering of a stream: copies go with their article, new articles to stories. */
export class StoryClusterer {
  readonly index: MemoryPlacementIndex;
  readonly opts: Partial<PlacementOptions>;

  constructor(opts: Partial<ClusterOptions & Pick<PlacementOptions, 'storyCandidates'>> = {}) {
    this.opts = { ...opts, stories: true };
    this.index = new MemoryPlacementIndex(opts);
  }

  get storyCount(): number {
    return this.index.storyCount;
  }

  /** The story a (possibly merged) story id now lives in. */
  resolve(id: number): number {
    return this.index.resolve(id);
  }

  async place(input: StreamItem): Promise<ClusterPlacement> {
    const out = await place(this.index, streamVersion(input), this.opts);
    // A copy of an article that is in no story (cannot happen with stories on) would have no label.
    if (out.story === null) throw new Error('placement left a new article outside every story');
    return { story: out.story, created: out.createdStory, similarity: out.similarity, merged: out.merged, isNewArticle: out.isNewArticle };
  }
}
