// Plain types shared by every stage. Names follow the domain words of DESIGN.md:
// source, feed, item, article, version, story, hashtag, entity, fact, quote, summary, comment, account.
// Times are ISO 8601 strings at every boundary (store, API, CLI); stages parse them when they need arithmetic.

export type Brand<T, B extends string> = T & { readonly __brand: B };
export type SourceId = Brand<number, 'SourceId'>;
export type FeedId = Brand<number, 'FeedId'>;
export type ItemId = Brand<number, 'ItemId'>;
export type ArticleId = Brand<number, 'ArticleId'>;
export type VersionId = Brand<number, 'VersionId'>;
export type StoryId = Brand<number, 'StoryId'>;
export type CommentId = Brand<number, 'CommentId'>;
export type AccountId = Brand<number, 'AccountId'>;

export type IsoTime = string;

/** A publisher (outlet). */
export interface Source {
  id: SourceId;
  name: string;
  homeUrl: string;
  language: string | null;
  country: string | null;
  createdAt: IsoTime;
}

export type FeedStatus = 'new' | 'ok' | 'not_modified' | 'error' | 'refused';

export interface Feed {
  id: FeedId;
  sourceId: SourceId;
  url: string;
  title: string | null;
  category: string | null;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: IsoTime | null;
  nextFetchAt: IsoTime | null;
  status: FeedStatus;
  /** Why the last fetch failed or was refused, kept for the admin page. */
  error: string | null;
  errorCount: number;
}

/** One entry of a feed, in the single shape every feed format is parsed into. */
export interface Item {
  guid: string | null;
  url: string | null;
  title: string | null;
  summary: string | null;
  contentHtml: string | null;
  authors: string[];
  published: IsoTime | null;
  updated: IsoTime | null;
  categories: string[];
  image: string | null;
}

/** An item from a related-articles block of an aggregator page (see the seed 000). */
export interface RelatedItem {
  outlet: string;
  /** As written on the page: "an hour ago". */
  relativeTime: string | null;
  /** Resolved against the reference time given to extract. */
  published: IsoTime | null;
  title: string;
  text: string;
}

/** What extract makes of a page (HTML or plain text). */
export interface ExtractedPage {
  title: string | null;
  byline: string | null;
  published: IsoTime | null;
  modified: IsoTime | null;
  language: string | null;
  siteName: string | null;
  image: string | null;
  canonicalUrl: string | null;
  /** The first paragraph of the body. */
  lede: string | null;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
  /** Sanitised HTML of the body. */
  html: string;
  /** Items of an aggregator's related-articles block, separated from the body. */
  related: RelatedItem[];
  /** Widget lines separated from a plain-text page's body ("Hashtags", "Comments", "Related Articles"). */
  furniture?: string[];
}

/** One outlet's copy of an article. */
export interface Version {
  id: VersionId;
  articleId: ArticleId;
  sourceId: SourceId | null;
  outlet: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  byline: string | null;
  text: string;
  html: string;
  lede: string | null;
  image: string | null;
  language: string | null;
  published: IsoTime | null;
  fetchedAt: IsoTime;
  contentHash: string;
}

/** One piece of journalism; its text is the canonical (most complete) version's. */
export interface Article {
  id: ArticleId;
  storyId: StoryId | null;
  canonicalVersionId: VersionId | null;
  title: string;
  byline: string | null;
  text: string;
  html: string;
  lede: string | null;
  image: string | null;
  language: string | null;
  url: string | null;
  outlet: string;
  published: IsoTime | null;
  firstSeen: IsoTime;
}

export interface Story {
  id: StoryId;
  title: string;
  firstSeen: IsoTime;
  lastSeen: IsoTime;
  articleCount: number;
  outlets: string[];
}

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'DATE' | 'MONEY' | 'QUANTITY' | 'MISC';

export interface EntityMention {
  text: string;
  type: EntityType;
  /** JavaScript string offsets into the analysed text. */
  start: number;
  end: number;
  canonical: string;
}

export interface Entity {
  canonical: string;
  type: EntityType;
  mentions: number;
  role: string | null;
  /** The entity's id across languages where the canonical name is not it (an Arabic place: its English name). */
  id?: string;
}

export interface Fact {
  kind: 'number' | 'date';
  text: string;
  /** Normalised value: a number, or an ISO date. */
  value: number | string;
  unit: string | null;
  /** What the number counts or what happened then, as a short phrase. */
  about: string | null;
  sentence: string;
  start: number;
  end: number;
}

export interface Quote {
  speaker: string | null;
  text: string;
  verb: string | null;
  direct: boolean;
  start: number;
  end: number;
}

export interface Enrichment {
  language: string | null;
  hashtags: string[];
  keyphrases: string[];
  entities: Entity[];
  mentions: EntityMention[];
  facts: Fact[];
  quotes: Quote[];
  summary: string[];
}

export interface Account {
  id: AccountId;
  email: string;
  name: string;
  role: 'admin' | 'moderator' | 'reader';
  createdAt: IsoTime;
  /** The interface language the account chose ("en", "ar"); null: from the browser's Accept-Language. */
  locale?: string | null;
}

export type CommentStatus = 'visible' | 'hidden' | 'deleted';

export interface Comment {
  id: CommentId;
  articleId: ArticleId;
  accountId: AccountId;
  authorName: string;
  parentId: CommentId | null;
  body: string;
  status: CommentStatus;
  reports: number;
  createdAt: IsoTime;
  editedAt: IsoTime | null;
}

export type FolderId = Brand<number, 'FolderId'>;
export type FollowId = Brand<number, 'FollowId'>;

/** What a reader can follow: a feed (a source's), an outlet, a hashtag, a story, an entity or a saved search. */
export type FollowKind = 'feed' | 'outlet' | 'hashtag' | 'story' | 'entity' | 'search';
export const FOLLOW_KINDS: readonly FollowKind[] = ['feed', 'outlet', 'hashtag', 'story', 'entity', 'search'];

/** A folder a reader named; each follow sits in at most one. */
export interface Folder {
  id: FolderId;
  name: string;
}

/** One thing a reader follows. */
export interface Follow {
  id: FollowId;
  accountId: AccountId;
  kind: FollowKind;
  /** The feed id, outlet name, hashtag, story id, entity name or search query. */
  target: string;
  feedId: FeedId | null;
  /** The followed feed's address (feeds only). */
  feedUrl: string | null;
  title: string;
  folderId: FolderId | null;
  folder: string | null;
  /** Articles with an id at or below this count as read (where "mark all as read" left it). */
  readBefore: number;
  createdAt: IsoTime;
}
