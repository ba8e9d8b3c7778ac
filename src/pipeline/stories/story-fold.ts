// When this process folds the store's story log into story_terms (PlacementStore.foldStoryLog): after
// FOLD_ARTICLES placements, or FOLD_MS after the first one not folded, outside placement's locks, as term
// counts are written (term-stats.ts); and at the end of an ingest run (flushStoryLog). Placement itself reads
// the log through its story window (story-window.ts): story_terms is for the related articles, the integrity
// checks and lookups older than the window, which fold first. Any process may fold what any other logged.
import { log } from '../../log/index.ts';

/** Where the log is folded: the store (PlacementStore.foldStoryLog). */
export interface StoryFoldStore {
  foldStoryLog(): Promise<number>;
}

/** Placements between two folds: a batch writes a story_terms page once for all its rows on it. */
const FOLD_ARTICLES = 128;
/** …or this long after the first placement not folded. */
const FOLD_MS = 2_000;

export class StoryFolder {
  private pending = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private folding: Promise<void> = Promise.resolve();

  constructor(private readonly store: StoryFoldStore) {}

  /** One more placement logged a story save. */
  note(): void {
    this.pending++;
    if (!this.timer) {
      this.timer = setTimeout(() => void this.fold(), FOLD_MS);
      this.timer.unref?.();
    }
  }

  get due(): boolean {
    return this.pending >= FOLD_ARTICLES;
  }

  /**
   * Folds the log now (after a fold running in this process). A failed fold is only late: the log keeps the
   * rows, and the next fold writes them.
   */
  fold(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
