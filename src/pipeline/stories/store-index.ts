// The store-backed PlacementIndex: an adapter over the repository (PlacementStore) for one placement,
// inside the transaction placeVersion opens. It also keeps the article and version it read or wrote, so
// placeVersion can hand them back without reading them again.
import type { Article, ArticleId, IsoTime, StoryId, Version } from '../../domain/types.ts';
import type { NewVersion, StoryStamp } from '../../domain/pipeline.ts';
import type {
  CanonicalFacts, CopyCandidate, KnownVersion, PlacementIndex, PlacementLookup, PlacementQuery, PlacementStore, SharedStory, StoredStory,
  StoryPlacement, TermWeights, TextFingerprint,
} from '../../domain/placement.ts';
import type { Fingerprint } from '../../domain/pipeline.ts';
import { dedupWindowOf, storeFingerprint } from '../dedup/index.ts';
import { fingerprintText } from '../dedup/fingerprint.ts';
import { cachedStory, decodeStoryCached, newStamp, rememberStory } from './decoded.ts';
import { encodeStoredStory } from './state.ts';
import { termStatsOf } from './term-stats.ts';
import { storyWindowOf } from './story-window.ts';

const ms = (t: IsoTime | null | undefined): number | null => {
  if (!t) return null;
  const x = Date.parse(t);
  return Number.isFinite(x) ? x : null;
};
const iso = (t: number): IsoTime => new Date(t).toISOString();
const sameTerms = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((t, i) => t === b[i]));

// A fingerprint's stored form (its bands as strings) is wanted three times per placement: for the lock
// keys, the copy lookup and the insert. Made once per fingerprint.
const storedForms = new WeakMap<TextFingerprint, Fingerprint>();
export function storedFingerprint(fp: TextFingerprint): Fingerprint {
  let stored = storedForms.get(fp);
  if (!stored) {
    stored = storeFingerprint(fp);
    storedForms.set(fp, stored);
  }
  return stored;
}

/** A story assignment's writes before its state: see StorePlacementIndex.assignStory. */
type Held = Omit<StoryPlacement, 'state'> & { story: StoryId };

/** Lock key of a story: a placement that may change it holds it. */
export const storyKey = (id: number): string => `s:${id}`;

export class StorePlacementIndex implements PlacementIndex {
  /** The article and version the placement ended on (read or written). */
  article: Article | null = null;
  version: Version | null = null;

  /** What prefetch read, and for what (`terms`: the counts it read); each answer is used once, for the same question. */
  private lookup: { q: PlacementQuery; terms: string[] | null; found: PlacementLookup } | null = null;
  /** The story assignment's writes, held until the story is saved and then made in one call. */
  private pending: Held | null = null;

  constructor(private readonly tx: PlacementStore) {}

  async prefetch(q: PlacementQuery): Promise<void> {
    // Only the counts this process does not hold fresh are read with the lookup.
    const stale = q.terms ? termStatsOf(this.tx).stale(q.terms) : [];
    const terms = stale.length ? stale : null;
    // The copy lookup's and the story lookup's windows read their logs in the same statement, from where
    // they stopped (a window that has not started catches up first, by itself).
    const window = q.fingerprint.shingles > 0 ? dedupWindowOf(this.tx) : null;
    const at = window?.position() ?? null;
    if (window && !at) await window.catchUp(this.tx);
    const stories = q.terms ? storyWindowOf(this.tx) : null;
    const storiesAt = stories?.position() ?? null;
    if (stories && !storiesAt) await stories.catchUp(this.tx);
    const found = await this.tx.placementLookup({
      contentHash: q.contentHash, url: q.canonicalUrl, terms,
      fingerprintsAfter: at?.cursor ?? null, fingerprintsSeen: at?.seen ?? null, storiesAfter: storiesAt?.cursor ?? null, storiesSeen: storiesAt?.seen ?? null,
    });
    if (window && at && !window.accept(at, found.fingerprints!)) await window.catchUp(this.tx);
    if (stories && storiesAt && !stories.accept(storiesAt, found.stories!)) await stories.catchUp(this.tx);
    this.lookup = { q, terms, found };
  }

  // Versions found are returned whole: a Version is a KnownVersion, and a repeat hands it back as is.
  async versionByHash(contentHash: string): Promise<Version | null> {
    if (this.lookup?.q.contentHash === contentHash) return this.lookup.found.byHash;
    return this.tx.findVersionByHash(contentHash);
  }

  async versionByUrl(canonicalUrl: string): Promise<Version | null> {
    if (this.lookup?.q.canonicalUrl === canonicalUrl) return this.lookup.found.byUrl;
    return this.tx.findVersionByUrl(canonicalUrl);
  }

  // From the process-local window of the store's fingerprints (pipeline/dedup/store-window.ts), caught up
  // by prefetch under this placement's locks, or here when there was none.
  async copyCandidates(fp: TextFingerprint, limit: number): Promise<CopyCandidate<ArticleId>[]> {
    const window = dedupWindowOf(this.tx);
    if (this.lookup?.q.fingerprint !== fp) await window.catchUp(this.tx);
    return window.lookup(fp, limit);
  }

  // The window holds the canonical fingerprint of every article it could have found as a copy; one found by
  // URL or content hash may be older than the window, and is read.
  async canonical(id: ArticleId): Promise<CanonicalFacts | null> {
    const held = dedupWindowOf(this.tx).canonical(id);
    if (held) return held;
    const a = await this.tx.getArticle(id);
    if (!a) return null;
    return { fingerprint: fingerprintText(a.article.text), published: ms(a.article.published) };
  }

  async createArticle(v: NewVersion, fp: TextFingerprint): Promise<ArticleId> {
    const created = await this.tx.createArticle(v, storedFingerprint(fp));
    this.article = created.article;
    this.version = created.version;
    return created.article.id;
  }

  async addVersion(id: ArticleId, v: NewVersion, makeCanonical: boolean, fp: TextFingerprint | null): Promise<number | null> {
    this.version = await this.tx.addVersion(id, v, makeCanonical, fp ? storedFingerprint(fp) : null);
    this.article = (await this.tx.getArticle(id))!.article;
    return this.article.storyId;
  }

  async storyOf(known: KnownVersion): Promise<number | null> {
    const a = await this.tx.getArticle(known.articleId);
    if (!a) throw new Error(`version ${(known as Version).id} points at missing article ${known.articleId}`);
    this.article = a.article;
    this.version = known as Version;
    return a.article.storyId;
  }

  async countTerms(terms: string[]): Promise<TermWeights> {
    const stats = termStatsOf(this.tx);
    const l = this.lookup;
    // The lookup read what was stale of these very terms a moment ago: nothing more to read.
    if (l?.q.terms && sameTerms(l.q.terms, terms) && (l.terms === null || l.found.termDocs)) {
      if (l.terms && l.found.termDocs) stats.learn(l.found.termDocs, l.terms);
    } else await stats.weigh(terms);
    stats.count(terms);
    return stats;
  }

  // From the process-local story window (story-window.ts), caught up by prefetch under this placement's
  // locks, with the stamps that let the decoded-story cache answer. A lookup reaching back before what the
  // window holds (a back-filled article) reads story_terms, folded first so that it holds the whole log.
  async findStories(terms: string[], since: number | null, limit: number): Promise<SharedStory[]> {
    const window = storyWindowOf(this.tx);
    if (!this.lookup?.q.terms) await window.catchUp(this.tx);
    if (window.covers(since)) return this.read(window.find(terms, since!, limit));
    await this.tx.foldStoryLog(true);
    return this.read(await this.tx.findStoryStamps(terms, iso(since ?? 0), limit));
  }

  async claimStories(ids: number[]): Promise<SharedStory[] | null> {
    if (!(await this.tx.lockKeys(ids.map(storyKey)))) return null;
    return this.read(await this.tx.getStoryStamps(ids as StoryId[]));
  }

  /** The stories of `refs`, in their order: from the cache where its copy is current, else read and decoded. */
  private async read(refs: StoryStamp[]): Promise<SharedStory[]> {
    const found = refs.map(cachedStory);
    const missing = refs.filter((_, i) => !found[i]).map((r) => r.storyId);
    if (missing.length) {
      const states = new Map((await this.tx.getStoryStates(missing)).map((s) => [s.storyId as number, s]));
      refs.forEach((r, i) => {
        const state = states.get(r.storyId as number); // gone when merged away between the two reads
        if (!found[i] && state) found[i] = decodeStoryCached(state);
      });
    }
    return found.filter((s): s is SharedStory => s !== null);
  }

  async createStory(title: string, at: number | null): Promise<number> {
    return (await this.tx.createStory(title, iso(at ?? Date.now()))).id;
  }

  // assignStory and touchStory of the story being assigned are held and written with its state
  // (saveStory), in one call; anything else first writes what is held, so the order of writes is kept.
  async assignStory(article: ArticleId, story: number): Promise<void> {
    await this.flush();
    this.pending = { article, story: story as StoryId, touch: null };
    if (this.article?.id === article) this.article = { ...this.article, storyId: story as StoryId };
  }

  async touchStory(story: number, at: number | null, title?: string): Promise<void> {
    if (at === null && title === undefined) return;
    const touch = { title, seen: at === null ? undefined : iso(at) };
    if (this.pending?.story === story && !this.pending.touch) {
      this.pending.touch = touch;
      return;
    }
    await this.flush();
    await this.tx.updateStory(story as StoryId, touch);
  }

  async mergeStories(into: number, from: number): Promise<void> {
    await this.flush();
    await this.tx.mergeStories(into as StoryId, from as StoryId);
    if (this.article?.storyId === from) this.article = { ...this.article, storyId: into as StoryId };
  }

  async saveStory(s: StoredStory, terms: readonly string[]): Promise<void> {
    const encoded = encodeStoredStory(s);
    const state = { ...encoded.state, touched: [...terms], stamp: newStamp() };
    const held = this.pending;
    this.pending = null;
    if (held && held.story === s.id) await this.tx.saveStoryPlacement({ ...held, state });
    else {
      if (held) await this.write(held);
      await this.tx.saveStoryState(state);
    }
    rememberStory(state, encoded.stored);
  }

  /** Writes the held assignment (placement always saves the story after it; this is for any other order). */
  async flush(): Promise<void> {
    const held = this.pending;
    this.pending = null;
    if (held) await this.write(held);
  }

  private async write(held: Held): Promise<void> {
    if (held.article !== null) await this.tx.assignStory(held.article, held.story);
    if (held.touch) await this.tx.updateStory(held.story, held.touch);
  }
}
