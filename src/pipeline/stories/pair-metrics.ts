// Cross-language story quality: how often two articles on one event in two languages land in one story
// (pair-join rate), and how often articles on different events that share names do (false-join rate).
import type { ClusterOptions } from './cluster.ts';
import { StoryClusterer } from './streams.ts';

export interface PairDoc {
  id: string;
  /** Articles with the same event report the same event. */
  event: string;
  language: string;
  published: number | null;
  title: string;
  text: string;
  /** Another event sharing names with this one (a trap for false joins). */
  confounds?: string;
}

export interface PairScores {
  /** Events with articles in two or more languages. */
  pairs: number;
  pairJoinRate: number;
  /** Article pairs across confounding events. */
  confoundPairs: number;
  falseJoinRate: number;
  /**
   * Pairs across confounding events in different languages, or both not English, counted only where the
   * English articles of the two events are in different stories: the false joins the other language adds.
   */
  crossPairs: number;
  crossFalseJoinRate: number;
  /** Article pairs across any two different events. */
  differentPairs: number;
  anyFalseJoinRate: number;
}

/** Places the documents in time order through one StoryClusterer (as `lede cluster` does) and scores it. */
export async function scoreCrossLingual(docs: PairDoc[], opts: Partial<ClusterOptions> = {}): Promise<PairScores> {
  const c = new StoryClusterer(opts);
  const ordered = [...docs].sort((a, b) => (a.published ?? 0) - (b.published ?? 0));
  const placed: (readonly [PairDoc, number])[] = [];
  for (const d of ordered) placed.push([d, (await c.place({ title: d.title, text: d.text, published: d.published })).story]);
  const story = new Map(placed.map(([d, s]) => [d.id, c.resolve(s)]));
  const byEvent = new Map<string, PairDoc[]>();
  for (const d of docs) byEvent.set(d.event, [...(byEvent.get(d.event) ?? []), d]);

  let pairs = 0, joined = 0;
  for (const ds of byEvent.values()) {
    const langs = new Set(ds.map((d) => d.language));
    if (langs.size < 2) continue;
    pairs++;
    // An event's pair joins when every article of it is in one story.
    if (new Set(ds.map((d) => story.get(d.id))).size === 1) joined++;
  }
  let confoundPairs = 0, confoundJoins = 0, differentPairs = 0, anyJoins = 0, crossPairs = 0, crossJoins = 0;
  const english = (event: string) => byEvent.get(event)!.filter((d) => d.language === 'en').map((d) => story.get(d.id));
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const a = docs[i]!, b = docs[j]!;
      if (a.event === b.event) continue;
      const same = story.get(a.id) === story.get(b.id);
      differentPairs++;
      if (same) anyJoins++;
      if (a.confounds === b.event || b.confounds === a.event) {
        confoundPairs++;
        if (same) confoundJoins++;
        const ea = english(a.event), eb = english(b.event);
        if ((a.language !== 'en' || b.language !== 'en') && !ea.some((s) => eb.includes(s))) {
          crossPairs++;
          if (same) crossJoins++;
        }
      }
    }
  }
  return {
    pairs, pairJoinRate: pairs ? joined / pairs : 0,
    confoundPairs, falseJoinRate: confoundPairs ? confoundJoins / confoundPairs : 0,
    crossPairs, crossFalseJoinRate: crossPairs ? crossJoins / crossPairs : 0,
    differentPairs, anyFalseJoinRate: differentPairs ? anyJoins / differentPairs : 0,
  };
}
