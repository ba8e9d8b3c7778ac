// The day's briefing, shared by /briefing, its feeds and GET /api/v1/briefing: the stories that grew in
// the last 24 hours, ranked by coverage and growth (pipeline/compare rankBriefing) from the counts stored
// beside each analysis, with the stored analyses of the few shown. Reads only.
import type { BriefingCandidate, Difference, StoryAnalysis } from '../domain/analysis.ts';
import type { Account, StoryId } from '../domain/types.ts';
import { rankBriefing, type BriefingStory } from '../pipeline/compare/briefing.ts';
import { stream, type ReaderDeps } from '../reader/index.ts';
import type { Repository } from '../store/repository.ts';

/** Stories shown, and candidates ranked (the most covered stories active in the day). */
export const BRIEFING_STORIES = 10;
const DAY_MS = 24 * 3600_000;

/**
 * Which of the day's stories a briefing ranks: everyone's (the most covered), or one reader's (those that
 * hold an article their follows brought in the day, however little covered).
 */
export interface BriefingScope {
  /** The day's most covered stories read from the store, before narrowing. */
  candidates: number;
  narrow: (candidates: BriefingCandidate[], since: string) => Promise<BriefingCandidate[]>;
}
export const everyone: BriefingScope = { candidates: 100, narrow: async (c) => c };

/** A reader's stream holds at most this many of the day's articles for their briefing. */
const FOLLOWED_ARTICLES = 2000;

/** The stories of what a signed-in reader follows, among the day's analysed stories. */
export function followedBy(d: ReaderDeps, account: Account): BriefingScope {
  return {
    candidates: 5000,
    narrow: async (candidates, since) => {
      const items = await stream(d, account, { seenAfter: since, limit: FOLLOWED_ARTICLES });
      const stories = new Set<StoryId>(items.flatMap((i) => (i.storyId === null ? [] : [i.storyId])));
      return candidates.filter((c) => stories.has(c.storyId));
    },
  };
}

export interface BriefingItem {
  story: BriefingStory;
  analysis: StoryAnalysis;
  /** The differences worth a line in the briefing, with the outlet whose copy or account they describe. */
  highlights: { outlet: string; copy: boolean; difference: Difference }[];
}

export interface Briefing {
  since: string;
  until: string;
  items: BriefingItem[];
}

const HIGHLIGHTS = 4;
// What a reader of the briefing most wants to know of the copies: disagreements first, then changes.
const WEIGHT: Partial<Record<Difference['kind'], number>> = {
  'numbers-differ': 0, 'adds-update': 1, 'dropped-lede': 2, 'unattributed-quotes': 3, 'flattened-quotes': 4, 'only-quotes': 5, 'truncated': 6, 'dropped-paragraphs': 7, 'only-facts': 8,
};

export function highlightsOf(a: StoryAnalysis): BriefingItem['highlights'] {
  const out: BriefingItem['highlights'] = [];
  for (const art of a.articles) {
    for (const v of art.versions) for (const d of v.differences) if (WEIGHT[d.kind] !== undefined) out.push({ outlet: v.outlet, copy: v.role === 'copy', difference: d });
    for (const d of art.againstStory) if (WEIGHT[d.kind] !== undefined) out.push({ outlet: art.original.outlet, copy: false, difference: d });
  }
  return out.sort((x, y) => WEIGHT[x.difference.kind]! - WEIGHT[y.difference.kind]!).slice(0, HIGHLIGHTS);
}

export async function loadBriefing(repo: Repository, now: Date, scope: BriefingScope = everyone, limit = BRIEFING_STORIES): Promise<Briefing> {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const candidates = await scope.narrow(await repo.briefingCandidates(since, scope.candidates), since);
  const ranked = rankBriefing(candidates, now, limit);
  const analyses = await Promise.all(ranked.map((s) => repo.getStoryAnalysis(s.storyId)));
  const items = ranked.flatMap((story, i) => {
    const analysis = analyses[i];
    return analysis ? [{ story, analysis, highlights: highlightsOf(analysis) }] : [];
  });
  return { since, until: now.toISOString(), items };
}

/** The briefing as the API gives it (GET /api/v1/briefing and /api/v1/me/briefing). */
export function briefingJson(b: Briefing): object {
  return {
    since: b.since, until: b.until,
    items: b.items.map((i) => ({ story: i.story, highlights: i.highlights, summary: i.analysis.summary, keyQuotes: i.analysis.keyQuotes, coverage: i.analysis.coverage })),
  };
}
