// The placement algorithm, written once: one outlet's copy is an exact repeat of a stored version, a
// further version of an article (recognised by URL, content hash or text fingerprint), or a new article,
// which then joins the most similar active story or starts one (and may merge stories that turn out to
// be one event). It runs against a PlacementIndex: in memory for `lede dedup`, `lede cluster`, the bench
// and the evaluation scripts, over the store for ingest (placeVersion), so every figure measured here
// holds for ingest.
import type { ArticleId, IsoTime } from '../../domain/types.ts';
import type { NewVersion } from '../../domain/pipeline.ts';
import type { KnownVersion, PlacementIndex, SharedStory, StoredStory, TextFingerprint } from '../../domain/placement.ts';
import { canonicalizeUrl } from '../dedup/url.ts';
import { fingerprintText, type CopyRule } from '../dedup/fingerprint.ts';
import { findCopy, isMoreComplete, type CopyMatch } from '../dedup/detect.ts';
import {
  DEFAULT_CLUSTER_OPTIONS, addToCentroid, centroidSimilarity, countTextAndTitle, joinThresholdFor, topTerms, type ClusterOptions,
} from './cluster.ts';
import { editable } from './decoded.ts';
import { similarities } from './scores.ts';
import { cosine, documentVector } from './vector.ts';
import { placesOnly } from './what.ts';
import { elsewhere, whereFacts, type WhereFacts } from './where.ts';

export interface PlacementOptions extends ClusterOptions {
  /** False: dedup only (`lede dedup`), no story assignment. */
  stories: boolean;
  /** Stories read per article as candidates. */
  storyCandidates: number;
  /** Stored articles compared per text (those sharing most anchors). */
  copyCandidates: number;
  copyRule?: CopyRule;
}

export const DEFAULT_PLACEMENT_OPTIONS: PlacementOptions = {
  ...DEFAULT_CLUSTER_OPTIONS,
  stories: true,
  storyCandidates: 32,
  copyCandidates: 24,
};

/** Stories an article resembles that are checked for a merge with the one it joined. */
const MERGE_CHECKS = 4;

/** The pure part of a placement, computed before any lookup (and before any lock is taken). */
export interface PreparedVersion {
  version: NewVersion;
  fingerprint: TextFingerprint;
  /** When the article happened for the story window: published, else fetched; null when undated. */
  at: number | null;
  /** Term counts of the text with its title, and of the title alone; null when stories are off. */
  terms: { text: Map<string, number>; title: Map<string, number> } | null;
}

export interface PlacementOutcome {
  article: ArticleId;
  isNewArticle: boolean;
  /** The stored version this one repeats (same text from the same outlet, or same URL and text): nothing was written. */
  repeatOf: KnownVersion | null;
  /** The fingerprint match that made it a copy, when that is how the article was found. */
  copy: CopyMatch<ArticleId> | null;
  story: number | null;
  createdStory: boolean;
  /** Cosine to the story joined (0 for a new story or a copy). */
  similarity: number;
  /** Stories merged into `story` by this placement. */
  merged: number[];
}

const ms = (t: IsoTime | string | null | undefined): number | null => {
  if (!t) return null;
  const x = Date.parse(t);
  return Number.isFinite(x) ? x : null;
};

export function prepareVersion(input: NewVersion, opts: Partial<PlacementOptions> = {}): PreparedVersion {
  const o = { ...DEFAULT_PLACEMENT_OPTIONS, ...opts };
  const canonicalUrl = (input.url && canonicalizeUrl(input.url, input.canonicalUrl)) ??
    (input.canonicalUrl && canonicalizeUrl(input.canonicalUrl)) ?? input.canonicalUrl ?? null;
  const version: NewVersion = { ...input, canonicalUrl };
  return {
    version,
    fingerprint: fingerprintText(version.text),
    at: ms(version.published) ?? ms(version.fetchedAt),
    terms: o.stories
      ? countTextAndTitle(version, o)
      : null,
  };
}

export async function place(index: PlacementIndex, input: NewVersion | PreparedVersion, opts: Partial<PlacementOptions> = {}): Promise<PlacementOutcome> {
  const o = { ...DEFAULT_PLACEMENT_OPTIONS, ...opts };
  const p = 'fingerprint' in input ? input : prepareVersion(input, o);
  const { version: v, fingerprint: fp } = p;
  const unplaced = { copy: null, createdStory: false, similarity: 0, merged: [] };
  // The lookups below, and the term counts weighed after them, read at once where the index can.
  await index.prefetch?.({
    contentHash: v.contentHash, canonicalUrl: v.canonicalUrl, fingerprint: fp,
    terms: p.terms ? termList(p.terms) : null,
  });

  // The same text again (a re-fetch, another feed of the same outlet): nothing new to store.
  const byHash = await index.versionByHash(v.contentHash);
  if (byHash && byHash.outlet === v.outlet) return repeat(index, byHash);
  const byUrl = v.canonicalUrl ? await index.versionByUrl(v.canonicalUrl) : null;
  if (byUrl && byUrl.contentHash === v.contentHash) return repeat(index, byUrl);

  let copyOf: ArticleId | null = byUrl?.articleId ?? byHash?.articleId ?? null;
  let copy: CopyMatch<ArticleId> | null = null;
  if (copyOf === null && fp.shingles > 0) {
    copy = findCopy(fp, await index.copyCandidates(fp, o.copyCandidates), o.copyRule);
    copyOf = copy?.key ?? null;
  }
  if (copyOf !== null) {
    const current = await index.canonical(copyOf);
    if (current) {
      const makeCanonical = isMoreComplete({ fingerprint: fp, published: ms(v.published) }, current);
      // The article is found again by its canonical text's fingerprint: a truncated or partial copy
      // must not replace it, or the next copy would be compared with the fragment.
      const story = await index.addVersion(copyOf, v, makeCanonical, makeCanonical ? fp : null);
      if (story !== null && p.at !== null) await index.touchStory(story, p.at);
      return { ...unplaced, article: copyOf, isNewArticle: false, repeatOf: null, copy, story };
    }
  }
  const article = await index.createArticle(v, fp);
  if (!p.terms) return { ...unplaced, article, isNewArticle: true, repeatOf: null, story: null };
  const s = await assignToStory(index, article, p, p.terms, o);
  return { article, isNewArticle: true, repeatOf: null, copy: null, ...s };
}

// The terms an article is counted under (its text's, title included), one array per prepared version.
const termLists = new WeakMap<Map<string, number>, string[]>();
function termList(terms: NonNullable<PreparedVersion['terms']>): string[] {
  let list = termLists.get(terms.text);
  if (!list) {
    list = [...terms.text.keys()];
    termLists.set(terms.text, list);
  }
  return list;
}

async function repeat(index: PlacementIndex, known: KnownVersion): Promise<PlacementOutcome> {
  return {
    article: known.articleId, isNewArticle: false, repeatOf: known, copy: null,
    story: await index.storyOf(known), createdStory: false, similarity: 0, merged: [],
  };
}

interface Ranked { best: SharedStory | null; bestSim: number; near: [SharedStory, number][] }

// The where check's facts of a shared story, worked out once per story object: a placement compares its
// candidates twice (found, then claimed) and checks some again for merges, and a story that did not change
// is the same object in the next placement (decoded.ts). Shared stories are never changed (editable copies
// them); the centroid and headline are compared too, so a story object given new ones is worked out again.
const storyFacts = new WeakMap<SharedStory, WhereFacts>();
function factsOf(s: SharedStory): WhereFacts {
  const f = storyFacts.get(s);
  if (f && f.terms === s.centroid && f.title === s.titleVector) return f;
  const made = whereFacts({ terms: s.centroid, title: s.titleVector });
  storyFacts.set(s, made);
  return made;
}

/** The article's facts for the where check, worked out when first needed. */
type ArticleFacts = () => WhereFacts;
function articleFacts(vec: Map<string, number>, titleVec: Map<string, number>): ArticleFacts {
  let f: WhereFacts | null = null;
  return () => (f ??= whereFacts({ terms: vec, title: titleVec }));
}

/**
 * The story the article joins: the most similar one that clears the join threshold and is not about
 * another place (where.ts), else none (best null); `near` are the stories it resembles, for merges.
 */
function rank(vec: Map<string, number>, titleVec: Map<string, number>, here: ArticleFacts, stories: readonly SharedStory[], o: PlacementOptions): Ranked {
  const threshold = joinThresholdFor(vec.size, o);
  const scored: [SharedStory, number][] = [];
  const near: [SharedStory, number][] = [];
  const sims = similarities(vec, stories);
  for (const [i, s] of stories.entries()) {
    const sim = sims[i]!;
    scored.push([s, sim]);
    if (sim >= o.joinThreshold * 0.5) near.push([s, sim]);
  }
  // Stable: of equally similar stories the first found, as before.
  scored.sort((a, b) => b[1] - a[1]);
  let best: SharedStory | null = null;
  // The top cosine is reported even when nothing is joined.
  let bestSim = scored[0]?.[1] ?? 0;
  for (const [s, sim] of scored) {
    if (sim < threshold || sim <= 0) break;
    if (o.checkWhere && elsewhere(here(), factsOf(s))) continue;
    if (o.checkWhat && placesOnly(vec, titleVec, s, sim, threshold)) continue;
    best = s;
    bestSim = sim;
    break;
  }
  // Only stories the article itself resembles can turn out to be the same event.
  near.sort((a, b) => b[1] - a[1] || b[0].id - a[0].id);
  near.length = Math.min(near.length, MERGE_CHECKS);
  return { best, bestSim, near };
}

/** Online story assignment of a new article: join the most similar active story, or start one. */
async function assignToStory(
  index: PlacementIndex, article: ArticleId, p: PreparedVersion, terms: NonNullable<PreparedVersion['terms']>, o: PlacementOptions,
): Promise<Pick<PlacementOutcome, 'story' | 'createdStory' | 'similarity' | 'merged'>> {
  const at = p.at;
  const df = await index.countTerms(termList(terms));
  const idf = (t: string) => df.idf(t);
  const vec = documentVector(terms.text, idf, o.vectorTerms);
  const titleVec = documentVector(terms.title, idf, o.vectorTerms);
  const since = at === null ? null : at - o.windowMs;
  const lookup = topTerms(vec, o.lookupTerms);
  const found = vec.size ? await index.findStories(lookup, since, o.storyCandidates) : [];
  const here = articleFacts(vec, titleVec);
  let r = rank(vec, titleVec, here, found, o);
  // The stories this placement may change, read again once no other placement can change them.
  const claim = [...new Set([...(r.best ? [r.best.id] : []), ...r.near.map(([s]) => s.id)])];
  if (claim.length) {
    const fresh = await index.claimStories(claim);
    if (fresh) r = rank(vec, titleVec, here, fresh, o);
  }
  const { best, bestSim, near } = r;

  let story: StoredStory;
  let createdStory = false;
  if (!best) {
    const id = await index.createStory(p.version.title, at);
    story = { id, centroid: new Map(), norm: 0, articles: 0, firstSeen: at, lastSeen: at, titleVector: titleVec, titleScore: 0 };
    createdStory = true;
  } else story = editable(best);
  addToCentroid(story, vec, o.centroidTerms);
  story.articles++;
  if (at !== null) {
    story.lastSeen = Math.max(story.lastSeen ?? at, at);
    story.firstSeen = Math.min(story.firstSeen ?? at, at);
  }
  await index.assignStory(article, story.id);
  // The most representative headline: the title closest to the story's centroid.
  let title: string | undefined;
  const score = headlineScore(titleVec, story);
  const currentScore = headlineScore(story.titleVector, story);
  if (story.articles === 1 || score > currentScore + 1e-6) {
    if (story.articles > 1) title = p.version.title;
    story.titleVector = titleVec;
    story.titleScore = score;
  } else story.titleScore = currentScore;
  await index.touchStory(story.id, at, title);

  const merged: number[] = [];
  let saved = !createdStory;
  for (const [c] of near) {
    // A story merged away earlier in this loop (the one this article joined, taken in by a larger one it
    // resembles) may still be listed: merging it again would count its articles twice (the store: not found).
    if (c.id === story.id || merged.includes(c.id) || centroidSimilarity(story, c) < o.mergeThreshold) continue;
    if (o.checkWhere && elsewhere({ terms: story.centroid, title: story.titleVector }, factsOf(c))) continue;
    const [into, from]: [StoredStory, SharedStory] = story.articles >= c.articles ? [story, c] : [editable(c), story];
    addToCentroid(into, from.centroid, o.centroidTerms);
    into.articles += from.articles;
    if (from.firstSeen !== null) into.firstSeen = into.firstSeen === null ? from.firstSeen : Math.min(into.firstSeen, from.firstSeen);
    if (from.lastSeen !== null) into.lastSeen = into.lastSeen === null ? from.lastSeen : Math.max(into.lastSeen, from.lastSeen);
    // The terms of `from` move to `into`, which must be stored for that: a story started by this article
    // is stored before it takes another in.
    if (!saved && into === story) { await index.saveStory(story, lookup); saved = true; }
    await index.mergeStories(into.id, from.id);
    merged.push(from.id);
    story = into;
  }
  await index.saveStory(story, lookup);
  return { story: story.id, createdStory, similarity: bestSim, merged };
}

function headlineScore(titleVec: ReadonlyMap<string, number>, s: StoredStory): number {
  return titleVec.size ? cosine(titleVec, s.centroid) : 0;
}
