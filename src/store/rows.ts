// Row assembly both backends share.
import type { Article, ArticleId, Version } from '../domain/types.ts';
import type { ArticleWithVersions } from './ports/articles.ts';

/** Articles with their versions (read in version order), in the order of `ids`; ids not found are left out. */
export function withVersions(ids: readonly ArticleId[], articles: Article[], versions: Version[]): ArticleWithVersions[] {
  const byArticle = new Map<ArticleId, Version[]>();
  for (const v of versions) {
    const list = byArticle.get(v.articleId);
    if (list) list.push(v);
    else byArticle.set(v.articleId, [v]);
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out: ArticleWithVersions[] = [];
  for (const id of new Set(ids)) {
    const article = byId.get(id);
    if (article) out.push({ article, versions: byArticle.get(id) ?? [] });
  }
  return out;
}
