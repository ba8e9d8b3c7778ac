// placeVersion: one outlet's copy of an article into the store — dedup, then story assignment — under
// the store-wide 'ingest' lock so concurrent workers see each other's articles and stories.
import type { Article, IsoTime, StoryId, Version, ArticleId } from '../../domain/types.ts';
import type { Repository } from '../../store/repository.ts';
import type { NewVersion } from '../../store/ports/articles.ts';
import { canonicalizeUrl } from '../dedup/url.ts';
import { decodeSignature, fingerprintText } from '../dedup/fingerprint.ts';
import { findCopy, isMoreComplete, type CopyCandidate } from '../dedup/detect.ts';
import { storeFingerprint } from '../dedup/index.ts';
import { CANDIDATES } from '../dedup/stream.ts';
import {
  DEFAULT_CLUSTER_OPTIONS, addToCentroid, centroidSimilarity, joinThresholdFor, similarity, topTerms, countTerms, vectorOfCounts, type ClusterOptions,
} from './cluster.ts';
import { decodeStoryCached, editable, type SharedStory } from './decoded.ts';
import { encodeStory, type StoredStory } from './state.ts';
import { DocumentFrequencies, cosine, type TermVector } from './vector.ts';

export interface Placement {
  article: Article;
  version: Version;
  isNewArticle: boolean;
  storyId: StoryId | null;
}

/** Stories fetched per article as candidates. */
const STORY_CANDIDATES = 32;

// Term statistics for IDF: the store's counts (term_stats, shared by every process), cached here and
// refreshed for an article's terms before it is weighed. One per process, not per repository object: a
// transaction handle may be a new object each time.
const frequencies = new DocumentFrequencies();
export function documentFrequencies(_repo?: object): DocumentFrequencies {
  if (frequencies.docs > 200_000) frequencies.decay();
  return frequencies;
}

const ms = (t: IsoTime | null | undefined): number | null => {
  if (!t) return null;
  const x = Date.parse(t);
  return Number.isFinite(x) ? x : null;
};

export async function placeVersion(
  repo: Repository, input: NewVersion, opts: Partial<ClusterOptions> = {},
): Promise<Placement> {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
  const canonicalUrl = (input.url && canonicalizeUrl(input.url, input.canonicalUrl)) ??
    (input.canonicalUrl && canonicalizeUrl(input.canonicalUrl)) ?? input.canonicalUrl ?? null;
  const v: NewVersion = { ...input, canonicalUrl };
  const df = documentFrequencies(repo);
  // Pure work before the lock: every ingest process waits on it, so only lookups and writes go inside.
  const fp = fingerprintText(v.text);
  const stored = storeFingerprint(fp);
  const terms = storyTermsOf(v, o);
  return repo.withLock('ingest', async (tx) => {
    // The same text again (a re-fetch, another feed of the same outlet): nothing new to store.
    const byHash = await tx.findVersionByHash(v.contentHash);
    if (byHash && byHash.outlet === v.outlet) return existing(tx, byHash);
    const byUrl = canonicalUrl ? await tx.findVersionByUrl(canonicalUrl) : null;
    if (byUrl && byUrl.contentHash === v.contentHash) return existing(tx, byUrl);

    let copyOf: ArticleId | null = byUrl?.articleId ?? byHash?.articleId ?? null;
    if (copyOf === null && fp.shingles > 0) {
      const found = await tx.findByFingerprint(stored.bands, CANDIDATES);
      const candidates: CopyCandidate<ArticleId>[] = found.map((c) => ({
        key: c.articleId, fingerprint: decodeSignature(c.signature), published: ms(c.published),
      }));
      copyOf = findCopy(fp, candidates)?.key ?? null;
    }
    if (copyOf !== null) {
      const current = await tx.getArticle(copyOf);
      if (current) {
        const makeCanonical = isMoreComplete(
          { fingerprint: fp, published: ms(v.published) },
          { fingerprint: fingerprintText(current.article.text), published: ms(current.article.published) },
        );
        // The article is found again by its canonical text's fingerprint: a truncated or partial copy
        // must not replace it, or the next copy would be compared with the fragment.
        const version = await tx.addVersion(copyOf, v, makeCanonical, makeCanonical ? stored : null);
        const after = (await tx.getArticle(copyOf))!.article;
        if (after.storyId !== null) {
          const at = ms(v.published) ?? ms(v.fetchedAt);
          if (at !== null) await tx.updateStory(after.storyId, { seen: new Date(at).toISOString() });
        }
        return { article: after, version, isNewArticle: false, storyId: after.storyId };
      }
    }
    const created = await tx.createArticle(v, stored);
    const storyId = await assignToStory(tx, created.article, v, terms, df, o);
    return { article: { ...created.article, storyId }, version: created.version, isNewArticle: true, storyId };
  });
}

async function existing(tx: Repository, version: Version): Promise<Placement> {
  const a = await tx.getArticle(version.articleId);
  if (!a) throw new Error(`version ${version.id} points at missing article ${version.articleId}`);
  return { article: a.article, version, isNewArticle: false, storyId: a.article.storyId };
}

/** Term counts of the article and of its title: counted before the lock, weighed inside it. */
interface StoryTerms { text: Map<string, number>; title: Map<string, number> }

function storyTermsOf(v: NewVersion, o: ClusterOptions): StoryTerms {
  return { text: countTerms({ title: v.title, text: v.text }, o), title: countTerms({ text: v.title }, o) };
}

/** Online story assignment of a new article: join the most similar active story, or start one. */
async function assignToStory(
  tx: Repository, article: Article, v: NewVersion, terms: StoryTerms, df: DocumentFrequencies, o: ClusterOptions,
): Promise<StoryId> {
  const at = ms(v.published) ?? ms(v.fetchedAt) ?? Date.now();
  const words = [...terms.text.keys()];
  df.seed(await tx.termDocs(words), words);
  const vec = vectorOfCounts(terms.text, df, o, true);
  await tx.addTermDocs(words);
  const titleVec = vectorOfCounts(terms.title, df, o, false);
  const since = new Date(at - o.windowMs).toISOString();
  const states = vec.size ? await tx.findStoriesByTerms(topTerms(vec, o.lookupTerms), since, STORY_CANDIDATES) : [];
  const candidates = states.map(decodeStoryCached).filter((s): s is SharedStory => s !== null);
  let best: SharedStory | null = null;
  let bestSim = 0;
  const near: [SharedStory, number][] = [];
  for (const s of candidates) {
    const sim = similarity(vec, s);
    if (sim > bestSim) { bestSim = sim; best = s; }
    if (sim >= o.joinThreshold * 0.5) near.push([s, sim]);
  }
  let story: StoredStory;
  if (!best || bestSim < joinThresholdFor(vec.size, o)) {
    const created = await tx.createStory(v.title, new Date(at).toISOString());
    story = {
      id: created.id as number, centroid: new Map(), norm: 0, articles: 0, firstSeen: at, lastSeen: at,
      titleVector: titleVec, titleScore: 0,
    };
  } else story = editable(best);
  addToCentroid(story, vec, o.centroidTerms);
  story.articles++;
  story.lastSeen = Math.max(story.lastSeen ?? at, at);
  story.firstSeen = Math.min(story.firstSeen ?? at, at);
  await tx.assignStory(article.id, story.id as StoryId);
  // The most representative headline: the title closest to the story's centroid.
  const patch: { title?: string; seen?: IsoTime } = { seen: new Date(at).toISOString() };
  const score = headlineScore(titleVec, story);
  const currentScore = headlineScore(story.titleVector, story);
  if (story.articles === 1 || score > currentScore + 1e-6) {
    if (story.articles > 1) patch.title = v.title;
    story.titleVector = titleVec;
    story.titleScore = score;
  } else story.titleScore = currentScore;
  await tx.updateStory(story.id as StoryId, patch);

  near.sort((a, b) => b[1] - a[1]);
  for (const [c] of near.slice(0, 4)) {
    if (c.id === story.id || centroidSimilarity(story, c) < o.mergeThreshold) continue;
    const [into, from]: [StoredStory, SharedStory] = story.articles >= c.articles ? [story, c] : [editable(c), story];
    addToCentroid(into, from.centroid, o.centroidTerms);
    into.articles += from.articles;
    into.firstSeen = Math.min(into.firstSeen ?? at, from.firstSeen ?? at);
    into.lastSeen = Math.max(into.lastSeen ?? at, from.lastSeen ?? at);
    await tx.mergeStories(into.id as StoryId, from.id as StoryId);
    story = into;
  }
  await tx.saveStoryState(encodeStory(story));
  return story.id as StoryId;
}

function headlineScore(titleVec: ReadonlyMap<string, number>, s: StoredStory): number {
  return titleVec.size ? cosine(titleVec, s.centroid) : 0;
}
