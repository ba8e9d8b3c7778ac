// When this process folds the store's story log into story_terms (PlacementStore.foldStoryLog): after
// FOLD_ARTICLES placements, outside placement's locks, as term counts are written (term-stats.ts); at the
// end of each feed of an ingest run (flushStoryLog); and when a store is closed (the stores fold then). Placement itself reads
// the log through its story window (story-window.ts): story_terms is for the related articles, the integrity
// checks and lookups older than the window, which fold first. Any process may fold what any other logged.
import { log } from '../../log/index.ts';

/** Where the log is folded: the store (PlacementStore.foldStoryLog). */
export interface StoryFoldStore {
  foldStoryLog(): Promise<void>;
}

/** Placements between two folds: a batch writes a story_terms page once for all its rows on it. */
const FOLD_ARTICLES = 128;

export class StoryFolder {
  private pending = 0;
  private folding: Promise<void> = Promise.resolve();

  constructor(private readonly store: StoryFoldStore) {}

  /** One more placement logged a story save. */
  note(): void {
    this.pending++;
  }

  get due(): boolean {
    return this.pending >= FOLD_ARTICLES;
  }

  /**
   * Folds the log now (after a fold running in this process). A failed fold is only late: the log keeps the
   * rows, and the next fold writes them.
   */
  fold(): Promise<void> {
    this.pending = 0;
    this.folding = this.folding.then(() => this.store.foldStoryLog()).then(
      () => {},
      (e: unknown) => log().warn({ err: e }, 'story log not folded into story_terms yet; the next fold writes it'),
    );
    return this.folding;
  }
}

const folders = new WeakMap<object, StoryFolder>();

export function storyFolderOf(store: StoryFoldStore): StoryFolder {
  let f = folders.get(store);
  if (!f) {
    f = new StoryFolder(store);
    folders.set(store, f);
  }
  return f;
}

/** Folds the story log now: before a process ends, or when story_terms's readers must see what was placed. */
export async function flushStoryLog(store: StoryFoldStore): Promise<void> {
  await storyFolderOf(store).fold();
}
