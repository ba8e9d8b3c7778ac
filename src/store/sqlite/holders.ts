// Which processes have a SQLite store open: each one writes its pid into `<file>.holders/<pid>` while
// it holds the store and removes it on close. `lede restore` reads the folder and refuses while any
// listed process is alive. SQLite itself cannot say whether another process has a WAL file open, so
// this is the signal; a file left by a crash names a dead pid and is ignored (and cleared).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const holdersDir = (dbPath: string): string => `${dbPath}.holders`;

/** Connections this process has open per store file: the pid file goes when the last one closes. */
const opened = new Map<string, number>();

/** Records this process as a holder of `dbPath`; returns the release function. */
export function holdStore(dbPath: string): () => void {
  const dir = holdersDir(dbPath);
  const file = join(dir, String(process.pid));
  opened.set(file, (opened.get(file) ?? 0) + 1);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${process.argv.slice(1).join(' ')}\n`);
  } catch {
    // A read-only folder: the store still opens; restore then cannot see this process.
    return () => {};
  }
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    const left = (opened.get(file) ?? 1) - 1;
    if (left > 0) opened.set(file, left);
    else {
      opened.delete(file);
      rmSync(file, { force: true });
    }
  };
}

/** The live processes (other than this one) holding `dbPath`; stale entries are removed. */
export function liveHolders(dbPath: string): number[] {
  let names: string[];
  try {
    names = readdirSync(holdersDir(dbPath));
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    if (isAlive(pid)) live.push(pid);
    else rmSync(join(holdersDir(dbPath), name), { force: true });
  }
  return live;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive but another user's process.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
