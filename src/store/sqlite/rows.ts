// Rows → domain types. Times are stored as ISO 8601 UTC text and leave the store in the same form.
import type {
  Account, AccountId, Article, ArticleId, Comment, CommentId, CommentStatus, Feed, FeedId, FeedStatus,
  IsoTime, Source, SourceId, Story, StoryId, Version, VersionId,
} from '../../domain/types.ts';
import type { ArticleSummary } from '../repository.ts';
import type { Row } from './db.ts';

export function iso(v: unknown): IsoTime {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}
export const isoOrNull = (v: unknown): IsoTime | null => (v === null || v === undefined ? null : iso(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const toSource = (r: Row): Source => ({
  id: r.id as SourceId,
  name: r.name as string,
  homeUrl: r.home_url as string,
  language: str(r.language),
  country: str(r.country),
  createdAt: iso(r.created_at),
});

export const toFeed = (r: Row): Feed => ({
  id: r.id as FeedId,
  sourceId: r.source_id as SourceId,
  url: r.url as string,
  title: str(r.title),
  category: str(r.category),
  etag: str(r.etag),
  lastModified: str(r.last_modified),
  lastFetchedAt: isoOrNull(r.last_fetched_at),
  nextFetchAt: isoOrNull(r.next_fetch_at),
  status: r.status as FeedStatus,
  error: str(r.error),
  errorCount: Number(r.error_count),
});

export const toVersion = (r: Row): Version => ({
  id: r.id as VersionId,
  articleId: r.article_id as ArticleId,
  sourceId: (r.source_id ?? null) as SourceId | null,
  outlet: r.outlet as string,
  url: str(r.url),
  canonicalUrl: str(r.canonical_url),
  title: r.title as string,
  byline: str(r.byline),
  text: r.text as string,
  html: r.html as string,
  lede: str(r.lede),
  image: str(r.image),
  language: str(r.language),
  published: isoOrNull(r.published),
  fetchedAt: iso(r.fetched_at),
  contentHash: r.content_hash as string,
});

export const toArticle = (r: Row): Article => ({
  id: r.id as ArticleId,
  storyId: (r.story_id ?? null) as StoryId | null,
  canonicalVersionId: (r.canonical_version_id ?? null) as VersionId | null,
  title: r.title as string,
  byline: str(r.byline),
  text: r.text as string,
  html: r.html as string,
  lede: str(r.lede),
  image: str(r.image),
  language: str(r.language),
  url: str(r.url),
  outlet: r.outlet as string,
  published: isoOrNull(r.published),
  firstSeen: iso(r.first_seen),
});

export const toSummary = (r: Row): ArticleSummary => ({
  id: r.id as ArticleId,
  storyId: (r.story_id ?? null) as StoryId | null,
  title: r.title as string,
  outlet: r.outlet as string,
  url: str(r.url),
  published: isoOrNull(r.published),
  firstSeen: iso(r.first_seen),
  snippet: (r.snippet as string) ?? '',
  image: str(r.image),
  outletCount: Number(r.outlet_count ?? 1),
});

export const toStory = (r: Row): Story => ({
  id: r.id as StoryId,
  title: r.title as string,
  firstSeen: iso(r.first_seen),
  lastSeen: iso(r.last_seen),
  articleCount: Number(r.article_count ?? 0),
  outlets: typeof r.outlets === 'string' ? (JSON.parse(r.outlets) as string[]) : [],
});

export const toAccount = (r: Row): Account => ({
  id: r.id as AccountId,
  email: r.email as string,
  name: r.name as string,
  role: r.role as Account['role'],
  createdAt: iso(r.created_at),
  ...(r.locale ? { locale: r.locale as string } : {}),
});

export const toComment = (r: Row): Comment => ({
  id: r.id as CommentId,
  articleId: r.article_id as ArticleId,
  accountId: r.account_id as AccountId,
  authorName: (r.author_name as string) ?? '',
  parentId: (r.parent_id ?? null) as CommentId | null,
  body: r.body as string,
  status: r.status as CommentStatus,
  reports: Number(r.reports),
  createdAt: iso(r.created_at),
  editedAt: isoOrNull(r.edited_at),
});
