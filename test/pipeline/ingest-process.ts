// `lede ingest --once --concurrency 2` as a real process on the store at `databaseUrl`, for the crash
// tests: the loopback newswire allowed, no delay between requests, one-second leases so a killed worker's
// feeds come back quickly.
import { spawn } from 'node:child_process';

export interface IngestProcess {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; signal: string | null; output: string }>;
}

export function spawnIngest(databaseUrl: string): IngestProcess {
  const child = spawn(process.execPath, ['bin/lede.js', 'ingest', '--once', '--concurrency', '2'], {
    env: { ...process.env, LEDE_DATABASE_URL: databaseUrl, LEDE_ALLOW_PRIVATE_NETWORKS: 'true', LEDE_FETCH_MIN_DELAY_MS: '0', LEDE_LEASE_SECONDS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const done = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })));
  return { child, done };
}
