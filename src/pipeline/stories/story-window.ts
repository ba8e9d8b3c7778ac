// The story lookup of store-backed placement: a process-local index of which stories each term finds (and
// when each story last took an article with it), with each story's latest stamp, caught up from the store's
// story log before each lookup. It ranks exactly as the store's lookup on story_terms does.
//
// Why not a lookup in the store: each placement wrote its article's ~12 lookup terms as story_terms rows
// scattered over a B-tree keyed by term (23 of the 56 pages a placement wrote at 100k stored on SQLite),
// and walked it once per term to read them back. Now a placement writes one log row; story_terms is
// written from the log in batches (story-fold.ts) for the readers that still use it.
//
// What it holds: every (term, story) whose time is at or after `coverFrom`, which trails the newest time
// seen by HORIZON_MS (twice the story window): memory stays bounded on a long run. A lookup reaching back
// before it (a back-filled old article) is answered by the store instead (StorePlacementIndex.findStories).
//
// Why it stays correct with several writers: as the dedup window (dedup/store-window.ts), it is caught up
// under the placement's locks inside its first statement, and rows may come twice: a term keeps its latest
// time, a story's stamp comes from its latest save (the log's `id` orders the saves of one story), and a
// story merged away is remembered so an old row cannot bring it back.
import type { StoryId } from '../../domain/types.ts';
import { STORIES_PER_TERM, type LoggedStory, type LogSeen, type StoryLogPage, type StoryStamp, type StoryWindowStart } from '../../domain/pipeline.ts';
import { DEFAULT_CLUSTER_OPTIONS } from './cluster.ts';
import { LogWindow } from '../log-window.ts';
import { perStore } from '../per-store.ts';

/** What the window reads: the store's story log and story_terms (PlacementStore). */
export interface StoryLog {
  storiesSince(cursor: number, seen?: LogSeen): Promise<StoryLogPage>;
  storyWindowStart(horizonMs: number, notAfter: string): Promise<StoryWindowStart>;
}

/** How far behind the newest time the window holds stories: twice the story window. */
const HORIZON_MS = 2 * DEFAULT_CLUSTER_OPTIONS.windowMs;
/** What falls behind the horizon is dropped once the newest time has moved this far since the last drop. */
const DROP_EVERY_MS = DEFAULT_CLUSTER_OPTIONS.windowMs / 4;
/** A time later than the clock by more than this is a feed's slip: it does not move the horizon. */
const FUTURE_SLIP_MS = 24 * 3600 * 1000;

/** One term's stories, most recent first (time descending, then story id descending: the store's order). */
class TermStories {
  ids: number[] = [];
  times: number[] = [];

  /** Where (time, id) is or would go. */
  private at(time: number, id: number): number {
    let lo = 0, hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.times[mid]!;
      if (t > time || (t === time && this.ids[mid]! > id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(id: number, time: number): void {
    const i = this.at(time, id);
    this.ids.splice(i, 0, id);
    this.times.splice(i, 0, time);
  }

  remove(id: number, time: number): void {
    const i = this.at(time, id);
    if (this.ids[i] === id && this.times[i] === time) {
      this.ids.splice(i, 1);
      this.times.splice(i, 1);
    }
  }

  get size(): number {
    return this.ids.length;
  }
}

interface HeldStory {
  /** The story's last_seen (it never moves earlier). */
  lastSeen: number;
  stamp: number | null;
  /** The log id of the save `stamp` came from (-1: none yet). */
  stampId: number;
  /** Term → when the story last took an article with it. */
  terms: Map<string, number>;
}

const ms = (t: string | null): number => (t === null ? NaN : Date.parse(t));

/** A story a lookup found: by how many of its terms, and the latest time one of them found it. */
interface Hit {
  id: number;
  shared: number;
  last: number;
}

/** The store's candidate order: most terms shared, then the latest time, then the lowest id. */
const ranksBefore = (a: Hit, b: Hit): boolean =>
  a.shared !== b.shared ? a.shared > b.shared : a.last !== b.last ? a.last > b.last : a.id < b.id;

export class StoryWindow extends LogWindow<StoryLogPage, StoryLog> {
  private stories = new Map<number, HeldStory>();
  private byTerm = new Map<string, TermStories>();
  /** Stories merged away, with their last time: an old row of one read again must not bring it back. */
  private gone = new Map<number, number>();
  private newest = -Infinity;
  /** Every (term, story) at this time or later is held. */
  private coverFrom = -Infinity;
  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  get size(): number {
    return this.stories.size;
  }

  /** True when a lookup of stories active since `since` can be answered here (the window has started). */
  covers(since: number | null): boolean {
    return this.cursor !== null && since !== null && since >= this.coverFrom;
  }

  protected async read(log: StoryLog): Promise<void> {
    const epoch = this.epoch;
    if (this.cursor === null) return this.load(await log.storyWindowStart(HORIZON_MS, this.notAfter()), epoch);
    const page = await log.storiesSince(this.cursor, this.seen);
    if (epoch !== this.epoch) return;
    if (page.generation !== this.generation) {
      this.reset();
      return this.load(await log.storyWindowStart(HORIZON_MS, this.notAfter()), this.epoch);
    }
    this.take(page);
  }

  private notAfter(): string {
    return new Date(this.now() + FUTURE_SLIP_MS).toISOString();
  }

  // The log first, then story_terms with the states: the states were read after the log (or with it), so
  // their stamps are the latest; terms keep their latest time whichever way round.
  private load(start: StoryWindowStart, epoch: number): void {
    if (epoch !== this.epoch) return;
    if (start.newest !== null) {
      this.newest = ms(start.newest);
      this.coverFrom = this.newest - HORIZON_MS;
    }
    this.take(start.log);
    for (const s of start.stories) {
      const id = s.storyId as number;
      if (this.gone.has(id)) continue;
      const held = this.hold(id, ms(s.lastSeen));
      if (!held) continue;
      held.stamp = s.stamp;
      for (const [term, t] of s.terms) this.stamp(held, id, term, ms(t));
    }
  }

  protected takeRows(page: StoryLogPage): void {
    for (const r of page.rows) {
      if (r.into !== null) this.merge(r.storyId as number, r.into as number);
      else this.save(r);
    }
  }

  // What fell behind the horizon is dropped from time to time (memory stays bounded on a long run).
  protected afterTake(): void {
    if (this.newest - HORIZON_MS - this.coverFrom > DROP_EVERY_MS) this.drop(this.newest - HORIZON_MS);
  }

  private save(r: LoggedStory): void {
    const id = r.storyId as number;
    if (this.gone.has(id)) return;
    const t = ms(r.lastSeen);
    const held = this.hold(id, t);
    if (!held) return;
    if (r.id > held.stampId) {
      held.stamp = r.stamp;
      held.stampId = r.id;
    }
    for (const term of r.terms) this.stamp(held, id, term, t);
  }

  /** The story's entry (made when new), its last time taken in; null when it is older than the window holds. */
  private hold(id: number, lastSeen: number): HeldStory | null {
    if (!(lastSeen >= this.coverFrom)) return this.stories.get(id) ?? null;
    if (lastSeen > this.newest && lastSeen <= this.now() + FUTURE_SLIP_MS) this.newest = lastSeen;
    let held = this.stories.get(id);
    if (!held) this.stories.set(id, (held = { lastSeen, stamp: null, stampId: -1, terms: new Map() }));
    else if (lastSeen > held.lastSeen) held.lastSeen = lastSeen;
    return held;
  }

  /** The story is found by `term` from `t` on (a term keeps its latest time). */
  private stamp(held: HeldStory, id: number, term: string, t: number): void {
    const before = held.terms.get(term);
    if (!(t >= this.coverFrom) || (before !== undefined && before >= t)) return;
    let list = this.byTerm.get(term);
    if (!list) this.byTerm.set(term, (list = new TermStories()));
    if (before !== undefined) list.remove(id, before);
    list.add(id, t);
    held.terms.set(term, t);
  }

  /** `from`'s terms go to `into`, each keeping its later time; `from` is gone. */
  private merge(from: number, into: number): void {
    if (this.gone.has(from)) return;
    const f = this.stories.get(from);
    this.gone.set(from, f?.lastSeen ?? this.newest);
    if (!f) return;
    this.forget(from, f);
    // `into` was saved before the merge; its save after the merge (logged next) brings its stamp.
    const i = this.hold(into, f.lastSeen);
    if (!i) return;
    for (const [term, t] of f.terms) this.stamp(i, into, term, t);
  }

  private forget(id: number, held: HeldStory): void {
    for (const [term, t] of held.terms) {
      const list = this.byTerm.get(term)!;
      list.remove(id, t);
      if (list.size === 0) this.byTerm.delete(term);
    }
    this.stories.delete(id);
  }

  /** Drops what is older than `from`: stories last seen before it, and terms a story last took before it. */
  private drop(from: number): void {
    for (const [id, held] of this.stories) {
      if (held.lastSeen < from) {
        this.forget(id, held);
        continue;
      }
      for (const [term, t] of held.terms) {
        if (t >= from) continue;
        const list = this.byTerm.get(term)!;
        list.remove(id, t);
        if (list.size === 0) this.byTerm.delete(term);
        held.terms.delete(term);
      }
    }
    // A row of a story merged away is at most as late as the story: once it is older than the window, the
    // window skips it anyway.
    for (const [id, t] of this.gone) if (t < from) this.gone.delete(id);
    this.coverFrom = from;
  }

  /**
   * The store's story lookup (findStoryStamps) over the window: each term's STORIES_PER_TERM most recent
   * stories at `since` or later; most terms shared first, then the latest time a term found it, then id;
   * the `limit` first, ordered by terms shared, then the story's last_seen, then id. Call covers() first.
   */
  find(terms: readonly string[], since: number, limit: number): StoryStamp[] {
    if (limit <= 0) return [];
    const hits = new Map<number, Hit>();
    for (const term of new Set(terms)) {
      const list = this.byTerm.get(term);
      if (!list) continue;
      const n = Math.min(list.size, STORIES_PER_TERM);
      for (let i = 0; i < n; i++) {
        const t = list.times[i]!;
        if (t < since) break;
        const id = list.ids[i]!;
        const h = hits.get(id);
        if (!h) hits.set(id, { id, shared: 1, last: t });
        else {
          h.shared++;
          if (t > h.last) h.last = t;
        }
      }
    }
    // The `limit` best kept in order as the hits go by: most hits are turned away by the last one kept,
    // where sorting them all cost more than the lookup.
    const best: Hit[] = [];
    for (const h of hits.values()) {
      if (best.length === limit && !ranksBefore(h, best[limit - 1]!)) continue;
      let i = best.length < limit ? best.length : limit - 1;
      while (i > 0 && ranksBefore(h, best[i - 1]!)) {
        best[i] = best[i - 1]!;
        i--;
      }
      best[i] = h;
    }
    const chosen = best.map((h) => ({ id: h.id, shared: h.shared, story: this.stories.get(h.id)! }));
    chosen.sort((a, b) => b.shared - a.shared || b.story.lastSeen - a.story.lastSeen || a.id - b.id);
    return chosen.map((c) => ({ storyId: c.id as StoryId, stamp: c.story.stamp }));
  }

  protected clear(): void {
    this.stories.clear();
    this.byTerm.clear();
    this.gone.clear();
    this.newest = -Infinity;
    this.coverFrom = -Infinity;
  }
}

/** This process's window over a store's log (one per store). */
export const storyWindowOf = perStore((_store: StoryLog) => new StoryWindow());
