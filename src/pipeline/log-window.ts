// What the process-local windows over a store log share: the copy window (dedup/store-window.ts, over the
// fingerprint log) and the story window (stories/story-window.ts, over the story log). Each keeps a cursor
// into its log, the store's generation (a change means rows it took were lost: start again) and an epoch
// (counts starts-again: a read that began before one must not write into what came after), and takes pages
// read by the window itself (catchUp) or by the caller inside another statement (position, then accept).
import type { LogSeen } from '../domain/pipeline.ts';

/** A window's log cursor (with what the read that gave it saw), and which start of the window it belongs to. */
export interface LogPosition {
  cursor: number;
  seen: LogSeen;
  epoch: number;
}

/**
 * What a read of a log hands back: its rows, the cursor to ask with next time (and what the read saw
 * besides the rows before it: those need not come again), the store's generation.
 */
export interface LogPage {
  cursor: number;
  seen?: LogSeen;
  generation: number;
}

/**
 * A read of a store log that a window may be asked for at any moment, run one at a time. A caller arriving
 * while one runs may have taken its locks after that run began reading, so it waits for a fresh run after
 * it, one shared by every caller that arrives meanwhile.
 */
export class FreshRead {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  /** Runs `read` now, or once the running read ends (a later caller's `read` is then not run: one is enough). */
  run(read: () => Promise<void>): Promise<void> {
    if (!this.running) return this.start(read);
    this.next ??= this.running.catch(() => {}).then(() => {
      this.next = null;
      return this.start(read);
    });
    return this.next;
  }

  private start(read: () => Promise<void>): Promise<void> {
    const run = read().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}

export abstract class LogWindow<Page extends LogPage, Log> {
  protected cursor: number | null = null;
  /** What the read that gave `cursor` saw besides the rows before it (null: nothing more is known). */
  protected seen: LogSeen = null;
  protected generation: number | null = null;
  protected epoch = 0;
  private reads = new FreshRead();

  /** Reads what the log gained since the last catch-up; waits for one that starts after this call. */
  catchUp(log: Log): Promise<void> {
    return this.reads.run(() => this.read(log));
  }

  /**
   * Where a read of the log made by the caller (folded into another statement: placementLookup) starts;
   * null when the window must catch up itself first (it holds nothing yet, or is due to start over).
   */
  position(): LogPosition | null {
    if (this.cursor === null || this.dueToStartOver()) return null;
    return { cursor: this.cursor, seen: this.seen, epoch: this.epoch };
  }

  /** Takes a page the caller read from `at`; false when it cannot (catch up instead). */
  accept(at: LogPosition, page: Page): boolean {
    if (at.epoch !== this.epoch) return false;
    if (page.generation !== this.generation) {
      this.reset();
      return false;
    }
    this.take(page);
    return true;
  }

  /** Forgets everything: the next catch-up starts the window again. */
  reset(): void {
    this.clear();
    this.cursor = null;
    this.seen = null;
    this.epoch++;
  }

  // Reads made at the same moment may come back in any order: each holds every row committed before its
  // cursor that the one before did not, so the window keeps the furthest cursor. What a read saw goes with
  // its own cursor: every page taken holds what its snapshot saw that the one it was read from did not, so
  // any taken page's pair is safe to read from, and the furthest one sends the fewest rows again.
  protected take(page: Page): void {
    this.takeRows(page);
    if (this.cursor === null || page.cursor >= this.cursor) {
      this.cursor = page.cursor;
      this.seen = page.seen ?? null;
    }
    this.generation = page.generation;
    this.afterTake();
  }

  protected dueToStartOver(): boolean {
    return false;
  }

  protected afterTake(): void {}

  /** Reads the log itself (catchUp). */
  protected abstract read(log: Log): Promise<void>;
  /** Takes the rows of a page into what the window holds. */
  protected abstract takeRows(page: Page): void;
  /** Drops everything the window holds. */
  protected abstract clear(): void;
}
