// analyseStory: everything the story page and the briefing show beyond the stored articles, from the
// story's stored versions, their digests and the articles' enrichments. Pure: the same input gives the
// same analysis, so ingest computes it once per change and the web only reads it.
import type {
  ArticleComparison, DigestFact, DigestQuote, KeyQuote, Outlet, StoryAnalysis, StoryStats, VersionComparison, VersionDigest,
} from '../../domain/analysis.ts';
import type { ArticleId, Entity, IsoTime, StoryId, VersionId } from '../../domain/types.ts';
import { conceptKey, enrichStory, foldScripts, mainLanguage, nameIn, sameQuote } from '../enrich/index.ts';
import { compareAccounts } from './accounts.ts';
import { compareCopy } from './copies.ts';
import { coverageOf, originalOf, roleOf } from './coverage.ts';
import { timelineOf } from './timeline.ts';
import { hasPhrase, wordLine, wordsOf } from './text.ts';

export interface StoryVersionInput {
  id: VersionId;
  outlet: string;
  url: string | null;
  title: string;
  text: string;
  language: string | null;
  published: IsoTime | null;
  fetchedAt: IsoTime;
  digest: VersionDigest;
}

export interface StoryArticleInput {
  id: ArticleId;
  title: string;
  text: string;
  language: string | null;
  canonicalVersionId: VersionId | null;
  /** From the article's stored enrichment (null when it has none). */
  hashtags: string[] | null;
  facts: DigestFact[] | null;
  quotes: DigestQuote[] | null;
  entities: Entity[];
  versions: StoryVersionInput[];
}

export interface StoryInput {
  storyId: StoryId;
  /** Articles of the story read for the analysis (a very large story is read in part). */
  articles: StoryArticleInput[];
  /** How many articles the story has in all. */
  articleCount: number;
  outlets: ReadonlyMap<string, Outlet>;
  now: IsoTime;
}

export interface VersionRole {
  versionId: VersionId;
  outlet: string;
  role: 'original' | 'copy';
}

export interface StoryResult {
  analysis: StoryAnalysis;
  stats: StoryStats;
  roles: VersionRole[];
}

const KEY_QUOTES = 5;
const ENTITIES = 18;
const ARRIVALS = 200;

const timeOf = (v: { published: IsoTime | null; fetchedAt: IsoTime }): number => {
  const p = v.published ? Date.parse(v.published) : NaN;
  return Number.isFinite(p) ? p : Date.parse(v.fetchedAt);
};

export function analyseStory(input: StoryInput): StoryResult {
  const articles = input.articles.filter((a) => a.versions.length);
  const timed = articles.map((a) => ({ ...a, versions: a.versions.map((v) => ({ ...v, at: timeOf(v) })) }));

  // Each article: its original and how every other version differs from it.
  const roles: VersionRole[] = [];
  const versionDiffs = new Map<VersionId, VersionComparison>();
  const comparisons: ArticleComparison[] = timed.map((a) => {
    const original = originalOf(a);
    const versions = a.versions.map((v): VersionComparison => {
      const role = roleOf(v, original);
      roles.push({ versionId: v.id, outlet: v.outlet, role: v === original ? 'original' : role });
      const differences = v === original ? [] : compareCopy(original, v);
      const c = { versionId: v.id, outlet: v.outlet, url: v.url, at: new Date(v.at).toISOString(), role: v === original ? 'original' as const : role, differences };
      versionDiffs.set(v.id, c);
      return c;
    }).sort((x, y) => x.at.localeCompare(y.at) || x.versionId - y.versionId);
    return {
      articleId: a.id, title: a.title, original: { outlet: original.outlet, versionId: original.id, at: new Date(original.at).toISOString() },
      versions, againstStory: [],
    };
  });

  // The accounts against each other: the article's enrichment (its canonical text) and every copy's digest.
  const accounts = compareAccounts(timed.map((a) => ({
    articleId: a.id,
    language: a.language,
    texts: [a.text, ...a.versions.filter((v) => v.id !== a.canonicalVersionId).map((v) => v.text)],
    facts: a.facts ?? canonicalDigest(a).facts,
    quotes: a.quotes ?? canonicalDigest(a).quotes,
  })));
  for (const c of comparisons) c.againstStory = accounts.differences.get(c.articleId) ?? [];

  const timeline = timelineOf(timed.flatMap((a, i) => a.versions.map((v) => ({
    id: v.id, articleId: a.id, outlet: v.outlet, title: v.title, at: v.at,
    isOriginal: v.id === comparisons[i]!.original.versionId,
    originalOutlet: comparisons[i]!.original.outlet,
    digest: v.digest, differences: versionDiffs.get(v.id)!.differences,
  }))));

  // Earliest first: the story's first report decides its main language on a tie.
  const byTime = [...timed].sort((x, y) => Math.min(...x.versions.map((v) => v.at)) - Math.min(...y.versions.map((v) => v.at)));
  const main = mainLanguage(byTime.map((a) => a.language));
  const digest = summaries(byTime);
  const outletNames = new Set(timed.flatMap((a) => a.versions.map((v) => v.outlet)));
  const arrivals = timed.flatMap((a) => a.versions.map((v) => v.at)).sort((x, y) => x - y);
  const analysis: StoryAnalysis = {
    storyId: input.storyId,
    computedAt: input.now,
    coverage: coverageOf(timed, input.outlets),
    articles: comparisons.sort((x, y) => x.original.at.localeCompare(y.original.at) || x.articleId - y.articleId),
    fullest: accounts.fullest,
    timeline,
    summary: digest.summary,
    summaryByLanguage: digest.byLanguage,
    hashtags: digest.hashtags,
    entities: storyEntities(byTime, main),
    keyQuotes: keyQuotes(byTime, main),
    articleCount: input.articleCount,
    analysedArticles: timed.length,
  };
  return {
    analysis,
    stats: { outlets: outletNames.size, articles: input.articleCount, versions: arrivals.length, arrivals: arrivals.slice(-ARRIVALS) },
    roles,
  };
}

function canonicalDigest(a: StoryArticleInput): VersionDigest {
  return (a.versions.find((v) => v.id === a.canonicalVersionId) ?? a.versions[0]!).digest;
}

/** The summary across outlets, and per language when the story is told in several. */
function summaries(articles: StoryArticleInput[]): { summary: string[]; hashtags: string[]; byLanguage: Record<string, string[]> } {
  const input = (xs: StoryArticleInput[]) => xs.map((a) => ({ title: a.title, text: a.text, outlet: a.versions[0]!.outlet, hashtags: a.hashtags ?? undefined, entities: a.entities, language: a.language }));
  const all = enrichStory(input(articles));
  const byLanguage: Record<string, string[]> = {};
  const languages = [...new Set(articles.map((a) => a.language).filter((l): l is string => !!l))];
  if (languages.length > 1) {
    for (const l of languages.slice(0, 4)) byLanguage[l] = enrichStory(input(articles.filter((a) => a.language === l))).summary;
  }
  return { summary: all.summary, hashtags: all.hashtags, byLanguage };
}

/**
 * The quotes a reader should see first: direct quotes with a named speaker, carried by the most outlets,
 * each once (a copy's quote is the original's; a quote reported in two languages is shown in the story's
 * main language).
 */
function keyQuotes(articles: (StoryArticleInput & { versions: (StoryVersionInput & { at: number })[] })[], main: string | null): KeyQuote[] {
  const lines = articles.flatMap((a) => a.versions.map((v) => ({ outlet: v.outlet, line: wordLine(v.text) })));
  const out: (KeyQuote & { direct: boolean })[] = [];
  const ordered = [...articles].sort((x, y) => Number(y.language === main) - Number(x.language === main));
  for (const a of ordered) {
    const original = originalOf(a);
    for (const q of a.quotes ?? canonicalDigest(a).quotes) {
      if (wordsOf(q.text).length < 4) continue;
      const outlets = new Set(lines.filter((l) => hasPhrase(l.line, q.text)).map((l) => l.outlet)).size;
      const same = out.find((k) => sameQuote(k, q));
      if (same) {
        // The copy that names the speaker or was taken by more outlets stands for both.
        same.speaker ??= q.speaker;
        same.outlets = Math.max(same.outlets, outlets);
        // Words one copy puts in quotation marks are the speaker's own, in that copy's language: the kept
        // text, reported in another, stays reported.
        if (q.text === same.text) same.direct ||= q.direct;
        continue;
      }
      out.push({ text: q.text, speaker: q.speaker, outlet: original.outlet, articleId: a.id, outlets: Math.max(1, outlets), direct: q.direct });
    }
  }
  return out
    .sort((x, y) => Number(y.direct) - Number(x.direct) || Number(!!y.speaker) - Number(!!x.speaker) || y.outlets - x.outlets)
    .slice(0, KEY_QUOTES);
}

/**
 * People, organisations and places by the number of articles naming them; one concept named in two
 * languages (a place by its id, a person by the sound of the name) counts once, named in the main language.
 */
function storyEntities(articles: StoryArticleInput[], main: string | null): StoryAnalysis['entities'] {
  const by = new Map<string, StoryAnalysis['entities'][number]>();
  for (const a of articles) {
    for (const e of a.entities) {
      if (e.type !== 'PER' && e.type !== 'ORG' && e.type !== 'LOC') continue;
      const k = conceptKey(e);
      const cur = by.get(k);
      if (!cur) by.set(k, { canonical: e.canonical, type: e.type, ...(e.id ? { id: e.id } : {}), articles: 1, mentions: e.mentions, names: [e.canonical] });
      else {
        cur.articles++;
        cur.mentions += e.mentions;
        if (!cur.names.includes(e.canonical)) cur.names.push(e.canonical);
        if (!cur.id && e.id) cur.id = e.id;
      }
    }
  }
  foldScripts(by, (e) => e.canonical, (into, from) => {
    into.articles += from.articles;
    into.mentions += from.mentions;
    into.names.push(...from.names.filter((n) => !into.names.includes(n)));
  });
  for (const [k, e] of by) e.canonical = nameIn(e.names, k, main);
  return [...by.values()].sort((x, y) => y.articles - x.articles || y.mentions - x.mentions).slice(0, ENTITIES);
}
