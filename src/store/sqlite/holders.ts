// Which processes have a SQLite store open: each process that opens the file leaves a marker named by its
// pid in `<file>.holders/`, removed when it closes the store or exits. `lede restore` refuses to replace a
// file that a live process holds (a marker left by a killed process names a dead pid and is ignored).
// SQLite itself cannot tell: in WAL mode an idle reader holds no lock.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dirOf = (dbPath: string) => `${dbPath}.holders`;

/** Marks this process as holding `dbPath`; returns the function that removes the mark. */
export function holdStore(dbPath: string): () => void {
  const dir = dirOf(dbPath);
  const file = join(dir, String(process.pid));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${process.argv.slice(1).join(' ')}\n`);
  } catch {
    return () => {}; // a read-only directory: no marker, and restore cannot see this process
  }
  const release = () => {
    process.off('exit', release);
    rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}

/** Pids of live processes, other than this one, that hold `dbPath`. */
export function liveHolders(dbPath: string): number[] {
  let names: string[];
  try {
    names = readdirSync(dirOf(dbPath));
  } catch {
    return [];
  }
  return names.map(Number).filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid));
}

/** Whether a process with this pid is running (EPERM: it is, but another user's). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
