// A read of a store log that a process's window may be asked for at any moment, run one at a time. A caller
// arriving while one runs may have taken its locks after that run began reading, so it waits for a fresh run
// after it, one shared by every caller that arrives meanwhile. The copy window (dedup/store-window.ts) and the
// story window (stories/story-window.ts) catch up this way.
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
