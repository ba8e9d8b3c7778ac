// Related articles for the article page and the API: the stories stage ranks them (the story's other
// coverage, then the closest articles of other stories, with a recency decay).
import type { ArticleId } from '../domain/types.ts';
import { relatedArticles, type RelatedArticle } from '../pipeline/stories/index.ts';
import type { Repository } from '../store/repository.ts';

export type { RelatedArticle };

export async function relatedFor(repo: Repository, articleId: ArticleId, now: Date, limit: number): Promise<RelatedArticle[]> {
  const all = await relatedArticles(repo, articleId, { limit, now });
  // The same article under another id never; each title once (syndicated copies read as one).
  const seen = new Set<string>();
  return all.filter((r) => r.articleId !== articleId && !seen.has(r.title) && seen.add(r.title)).slice(0, limit);
}
