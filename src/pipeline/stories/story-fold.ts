// When this process folds the store's story log into story_terms (PlacementStore.foldStoryLog): after a
// placement, outside its locks, once FOLD_ARTICLES placements or FOLD_MS have passed since the last fold; when
// an ingest run ends or finds nothing due (flushStoryLog, jobs/scheduler.ts); and when a store is closed (the
// stores fold then).
//
// Why in large batches: story_terms is keyed by term, so the rows of one placement fall on as many pages; a
// batch writes a page once for all its rows on it, and the fewer and larger the batches, the more rows share
// one. Its readers (related articles) can wait half a minute. Placement itself reads
// the log through its story window (story-window.ts): story_terms is for the related articles, the integrity
// checks and lookups older than the window, which fold first. Any process may fold what any other logged.
import { log } from '../../log/index.ts';
import { perStore } from '../per-store.ts';

/** Where the log is folded: the store (PlacementStore.foldStoryLog). */
export interface StoryFoldStore {
  foldStoryLog(): Promise<void>;
}

/** Placements between two folds at most… */
const FOLD_ARTICLES = 1024;
/** …and the longest a placement waits for its fold while placements go on. */
const FOLD_MS = 30_000;

export class StoryFolder {
  private pending = 0;
  private lastFold: number;
  private folding: Promise<void> = Promise.resolve();

  constructor(private readonly store: StoryFoldStore, private readonly now: () => number = Date.now) {
    this.lastFold = now();
  }

  /** One more placement logged a story save. */
  note(): void {
    this.pending++;
  }

  get due(): boolean {
    return this.pending >= FOLD_ARTICLES || (this.pending > 0 && this.now() - this.lastFold >= FOLD_MS);
  }

  /**
   * Folds the log now (after a fold running in this process). A failed fold is only late: the log keeps the
   * rows, and the next fold writes them.
   */
  fold(): Promise<void> {
    this.pending = 0;
    this.lastFold = this.now();
    this.folding = this.folding.then(() => this.store.foldStoryLog()).then(
      () => {},
      (e: unknown) => log().warn({ err: e }, 'story log not folded into story_terms yet; the next fold writes it'),
    );
    return this.folding;
  }
}

export const storyFolderOf = perStore((store: StoryFoldStore) => new StoryFolder(store));

/** Folds the story log now: before a process ends, or when story_terms's readers must see what was placed. */
export async function flushStoryLog(store: StoryFoldStore): Promise<void> {
  await storyFolderOf(store).fold();
}
