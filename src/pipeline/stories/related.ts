// Related articles for the article page: the story's other coverage, then the closest articles of
// other stories (same topic, another event), ranked by similarity with a recency decay.
import type { ArticleId, IsoTime, StoryId } from '../../domain/types.ts';
import type { ArticleSummary, RelatedReader } from '../../domain/pipeline.ts';
import { DEFAULT_CLUSTER_OPTIONS, countTerms, topTerms, vectorOf } from './cluster.ts';
import { termStatsOf } from './term-stats.ts';
import { relativeTime } from './relative-time.ts';
import { keywords } from './terms.ts';
import { cosine } from './vector.ts';

export interface RelatedArticle {
  articleId: ArticleId;
  storyId: StoryId | null;
  title: string;
  outlet: string;
  url: string | null;
  published: IsoTime | null;
  /** "an hour ago", computed at call time from `published` (else first seen). */
  relativeTime: string | null;
  snippet: string;
  /** True for the same story's other coverage. */
  sameStory: boolean;
  score: number;
}

export interface RelatedOptions {
  limit?: number;
  now?: Date | number;
  /** How far back other stories are looked for (ms). Default 30 days. */
  horizonMs?: number;
  /** Age at which an article's score halves (ms). Default 3 days. */
  halfLifeMs?: number;
}

const DAY = 24 * 3600 * 1000;
const RELATED_TERMS = 40;
const SEARCH_WORDS = 12;

/** Up to `limit` articles of the same story (newest first), then up to `limit` of other stories (best first). */
export async function relatedArticles(repo: RelatedReader, articleId: ArticleId, opts: RelatedOptions = {}): Promise<RelatedArticle[]> {
  const limit = opts.limit ?? 8;
  const now = opts.now instanceof Date ? opts.now.getTime() : opts.now ?? Date.now();
  const halfLife = opts.halfLifeMs ?? 3 * DAY;
  const found = await repo.getArticle(articleId);
  if (!found) return [];
  const a = found.article;
  const df = termStatsOf(repo);
  const o = DEFAULT_CLUSTER_OPTIONS;
  // Weigh with the store's document frequencies (shared with the ingest), fetched for the terms in play.
  const seedTerms = async (texts: { title: string; text: string }[]) => {
    await df.weigh([...new Set(texts.flatMap((t) => [...countTerms(t, o).keys()]))]);
  };
  await seedTerms([{ title: a.title, text: a.text }]);
  const vec = vectorOf({ title: a.title, text: a.text }, df, o);
  const when = (s: ArticleSummary) => s.published ?? s.firstSeen;
  const decay = (s: ArticleSummary) => {
    const t = Date.parse(when(s));
    const age = Number.isFinite(t) ? Math.max(0, now - t) : 30 * DAY;
    return Math.pow(0.5, age / halfLife);
  };
  const toRelated = (s: ArticleSummary, sameStory: boolean, score: number): RelatedArticle => ({
    articleId: s.id, storyId: s.storyId, title: s.title, outlet: s.outlet, url: s.url, published: s.published,
    relativeTime: relativeTime(when(s), now), snippet: s.snippet, sameStory, score,
  });
  const score = (s: ArticleSummary) => cosine(vec, vectorOf({ title: s.title, text: s.snippet }, df, o)) * decay(s);

  const out: RelatedArticle[] = [];
  if (a.storyId !== null) {
    const story = await repo.getStory(a.storyId);
    await seedTerms((story?.articles ?? []).map((x) => ({ title: x.title, text: x.snippet })));
    const coverage = (story?.articles ?? []).filter((s) => s.id !== a.id).map((s) => toRelated(s, true, score(s)));
    coverage.sort((x, y) => (Date.parse(y.published ?? '') || 0) - (Date.parse(x.published ?? '') || 0));
    out.push(...coverage.slice(0, limit));
  }
  if (vec.size === 0) return out;
  const since = new Date(now - (opts.horizonMs ?? 30 * DAY)).toISOString();
  // Broader than story assignment: a related story shares the topic, not the event's rarest words.
  const states = await repo.findStoriesByTerms(topTerms(vec, RELATED_TERMS), since, 32);
  const pool = new Map<number, ArticleSummary>();
  for (const st of states) {
    if (st.storyId === a.storyId) continue;
    const story = await repo.getStory(st.storyId);
    for (const s of story?.articles ?? []) pool.set(s.id, s);
  }
  // Full-text search finds topic neighbours whose stories are indexed under other words.
  const words = keywords(`${a.title}\n${a.text}`, SEARCH_WORDS, (t) => df.idf(t));
  if (words.length) {
    try {
      // Candidates among the newest matches, uncounted, without snippets: ranking a broad OR query over a month of news in
      // full cost 0.1–0.25 s of an article page's first view at 100k articles.
      const found = await repo.search(words.join(' or '), { limit: 40, from: since, rankWindow: 200, countTotal: false, highlight: false });
      for (const h of found.hits) if (!pool.has(h.id)) pool.set(h.id, h);
    } catch {
      // search is an extra source of candidates; the story index above still answers
    }
  }
  const others: RelatedArticle[] = [];
  await seedTerms([...pool.values()].map((x) => ({ title: x.title, text: x.snippet })));
  for (const s of pool.values()) {
    if (s.id === a.id || (a.storyId !== null && s.storyId === a.storyId)) continue;
    const sc = score(s);
    if (sc > 0) others.push(toRelated(s, false, sc));
  }
  others.sort((x, y) => y.score - x.score || x.articleId - y.articleId);
  out.push(...others.slice(0, limit));
  return out;
}
