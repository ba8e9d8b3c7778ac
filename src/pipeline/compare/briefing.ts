// The day's top stories for the briefing: ranked by coverage (outlets) and growth (copies and accounts
// that arrived today, the last hours counting more), from the few numbers stored beside each analysis.
import type { BriefingCandidate } from '../../domain/analysis.ts';

const DAY_MS = 24 * 3600_000;
const RECENT_MS = 6 * 3600_000;

export interface BriefingStory extends BriefingCandidate {
  score: number;
  /** Versions that arrived in the last 24 hours and in the last 6. */
  today: number;
  lastHours: number;
}

export function rankBriefing(candidates: BriefingCandidate[], now: Date, limit: number): BriefingStory[] {
  const t = now.getTime();
  return candidates
    .map((c) => {
      const today = c.stats.arrivals.filter((a) => a > t - DAY_MS && a <= t + 60_000).length;
      const lastHours = c.stats.arrivals.filter((a) => a > t - RECENT_MS && a <= t + 60_000).length;
      return { ...c, today, lastHours, score: 2 * c.stats.outlets + today + 1.5 * lastHours };
    })
    .filter((c) => c.today > 0)
    .sort((a, b) => b.score - a.score || b.lastSeen.localeCompare(a.lastSeen) || b.storyId - a.storyId)
    .slice(0, limit);
}
