// CPU accounting from /proc, for benches on this (Linux) machine: processes' own CPU (a local PostgreSQL
// server's backends among them), and how many of the machine's cores were busy. Ingest on two cores is bound by
// CPU, so throughput figures mean little without the CPU they took.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process in ticks (fields 14 and 15 of /proc/PID/stat), or null when it is gone. */
function ticksOf(pid: number): { own: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { own: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** CPU ms (user + system) of these processes; null when one of them is gone. */
export function processCpuMs(pids: number[]): number | null {
  let ticks = 0;
  for (const pid of pids) {
    const t = ticksOf(pid);
    if (!t) return null;
    ticks += t.own;
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/**
 * CPU ms of processes that come and go (the PostgreSQL backends serving a database while processes connect
 * and leave): `pids()` is asked every `everyMs`, and each process counts what it had used when last seen.
 * What a backend uses after its last sighting (under `everyMs`, at its end) is missed.
 */
export function sampleCpu(pids: () => Promise<number[]>, everyMs = 200): { stop(): Promise<number> } {
  const last = new Map<number, number>();
  let running = true;
  const look = async () => {
    for (const pid of await pids()) {
      const t = ticksOf(pid);
      if (!t) continue;
      last.set(pid, t.own);
    }
  };
  const loop = (async () => {
    while (running) {
      await look().catch(() => {});
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await look().catch(() => {});
      // Each counts its whole life: the processes sampled start after the sampler (a fresh database's backends).
      let ticks = 0;
      for (const t of last.values()) ticks += t;
      return (ticks * 1000) / CLOCK_TICKS;
    },
  };
}

/** The machine's busy and total CPU time so far, in ticks summed over cores (/proc/stat). */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = line.reduce((a, b) => a + b, 0);
  const idle = (line[3] ?? 0) + (line[4] ?? 0); // idle, iowait
  return { busy: total - idle, total };
}

/** Cores busy on average between two machineTicks readings (of availableParallelism()). */
export function coresBusy(a: { busy: number; total: number }, b: { busy: number; total: number }): number {
  const total = b.total - a.total;
  return total > 0 ? ((b.busy - a.busy) / total) * availableParallelism() : 0;
}
