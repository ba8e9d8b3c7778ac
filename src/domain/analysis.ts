// Story intelligence: the outlet registry, what each outlet's copy says (its digest), how copies and
// accounts differ, who covered a story, and what changed over time. Computed at ingest by
// pipeline/compare, stored, and only read by the web.
import type { ArticleId, EntityType, IsoTime, StoryId, VersionId } from './types.ts';

export type OutletKind = 'wire' | 'publisher' | 'broadcaster' | 'aggregator';
export const OUTLET_KINDS: readonly OutletKind[] = ['wire', 'publisher', 'broadcaster', 'aggregator'];

/** An outlet as the registry knows it: named as versions credit it (`Version.outlet`). */
export interface Outlet {
  name: string;
  homeUrl: string | null;
  /** ISO 3166-1 alpha-2, upper case ("SA"). */
  country: string | null;
  /** BCP 47 primary language ("en"). */
  language: string | null;
  kind: OutletKind;
  owner: string | null;
  firstSeen: IsoTime;
  /** When an admin last edited it: ingest no longer changes an edited outlet. */
  editedAt: IsoTime | null;
}

/** What ingest learnt about an outlet from one item: fills the registry's blanks, never overrides an edit. */
export interface OutletSighting {
  name: string;
  homeUrl: string | null;
  country: string | null;
  language: string | null;
  /** A guess: 'publisher' unless the page or name says otherwise. */
  kind: OutletKind;
  at: IsoTime;
}

export type OutletPatch = Partial<Pick<Outlet, 'homeUrl' | 'country' | 'language' | 'kind' | 'owner'>>;

/** An outlet's coverage: how much it reported, how much of it was its own text, how often it was first. */
export interface OutletCoverage {
  articles: number;
  stories: number;
  /** Versions that are the original text of their article. */
  originals: number;
  /** Versions that republish another outlet's text. */
  copies: number;
  /** Stories it reported first. */
  first: number;
}

/** What one outlet's copy says, kept per version at ingest: the facts, quotes and furniture comparisons need. */
export interface VersionDigest {
  facts: DigestFact[];
  quotes: DigestQuote[];
  /** Page furniture extract separated from the text (widget headings, a related-articles block). */
  furniture: string[];
}

export interface DigestFact {
  kind: 'number' | 'date';
  text: string;
  value: number | string;
  unit: string | null;
  about: string | null;
}

export interface DigestQuote {
  speaker: string | null;
  text: string;
  direct: boolean;
}

/** One way a copy or an account differs from the one it is compared with; the web words it. */
export type Difference =
  | { kind: 'verbatim' }
  | { kind: 'dropped-lede'; text: string }
  | { kind: 'dropped-paragraphs'; count: number; first: string }
  | { kind: 'truncated'; count: number }
  | { kind: 'adds-update'; count: number; first: string }
  | { kind: 'adds-paragraphs'; count: number; first: string }
  | { kind: 'adds-furniture'; items: string[] }
  | { kind: 'flattened-quotes'; count: number; example: string }
  | { kind: 'unattributed-quotes'; quotes: { text: string; speaker: string | null; original: string }[] }
  | { kind: 'reworded'; count: number }
  | { kind: 'numbers-differ'; changes: NumberChange[] }
  | { kind: 'only-facts'; facts: string[] }
  | { kind: 'only-quotes'; quotes: { text: string; speaker: string | null }[] };

export interface NumberChange {
  /** As the compared-with text writes it ("2,500"), and as this one does ("2,000"). */
  from: string;
  to: string;
  /** What is counted ("troops"), when known. */
  unit: string | null;
}

/** One outlet's copy of an article against the article's original. */
export interface VersionComparison {
  versionId: VersionId;
  outlet: string;
  /** Where the outlet published it. */
  url: string | null;
  at: IsoTime;
  role: 'original' | 'copy';
  differences: Difference[];
}

export interface ArticleComparison {
  articleId: ArticleId;
  title: string;
  /** The outlet whose text it is: the first to publish it. */
  original: { outlet: string; versionId: VersionId; at: IsoTime };
  versions: VersionComparison[];
  /** Against the story's fullest account (none for that account itself, or a story of one account). */
  againstStory: Difference[];
}

export interface CoverageOutlet {
  name: string;
  country: string | null;
  language: string | null;
  /** The language most of its versions are in (the registry's language, when set, wins). */
  seenLanguage: string | null;
  kind: OutletKind | null;
  firstAt: IsoTime;
  /** Articles whose original text is this outlet's. */
  own: number;
  /** Versions republishing another outlet's text, and whose. */
  copies: number;
  copiedFrom: string[];
}

export interface Coverage {
  outlets: CoverageOutlet[];
  byCountry: [string, string[]][];
  byLanguage: [string, string[]][];
  byKind: [string, string[]][];
  first: { outlet: string; at: IsoTime; articleId: ArticleId; versionId: VersionId } | null;
}

export type Development =
  | { kind: 'first-report'; at: IsoTime; outlet: string; articleId: ArticleId; title: string }
  | { kind: 'new-account'; at: IsoTime; outlet: string; articleId: ArticleId; title: string }
  | { kind: 'republished'; at: IsoTime; outlet: string; articleId: ArticleId; from: string }
  | { kind: 'fact'; at: IsoTime; outlet: string; articleId: ArticleId; text: string }
  | { kind: 'quote'; at: IsoTime; outlet: string; articleId: ArticleId; text: string; speaker: string | null }
  | { kind: 'number-changed'; at: IsoTime; outlet: string; articleId: ArticleId; change: NumberChange }
  | { kind: 'update'; at: IsoTime; outlet: string; articleId: ArticleId; text: string };

export interface KeyQuote {
  text: string;
  speaker: string | null;
  outlet: string;
  articleId: ArticleId;
  /** Outlets whose copies carry it. */
  outlets: number;
  /**
   * False for reported speech ("…, he said that Iraq has worked…"): the outlet's words, not the speaker's,
   * which a reader must not see in quotation marks. Absent in analyses stored before it was recorded.
   */
  direct?: boolean;
}

export interface StoryAnalysis {
  storyId: StoryId;
  computedAt: IsoTime;
  coverage: Coverage;
  articles: ArticleComparison[];
  /** The article the others are compared with: the fullest account. */
  fullest: ArticleId | null;
  timeline: Development[];
  /** Summary across outlets, from all articles; and from each language's articles when there are several. */
  summary: string[];
  summaryByLanguage: Record<string, string[]>;
  hashtags: string[];
  /** People, organisations and places by the number of articles naming them; `names` in every script seen. */
  entities: { canonical: string; type: EntityType; id?: string; articles: number; mentions: number; names: string[] }[];
  keyQuotes: KeyQuote[];
  /** How many articles the story had and how many were read for this analysis (the rest are left out). */
  articleCount: number;
  analysedArticles: number;
}

/** The few numbers the briefing ranks stories by, stored beside the analysis so it reads no blobs to rank. */
export interface StoryStats {
  outlets: number;
  articles: number;
  versions: number;
  /** Times versions arrived (ms since epoch), newest last, at most the last 200. */
  arrivals: number[];
}

export interface BriefingCandidate {
  storyId: StoryId;
  title: string;
  firstSeen: IsoTime;
  lastSeen: IsoTime;
  stats: StoryStats;
}
