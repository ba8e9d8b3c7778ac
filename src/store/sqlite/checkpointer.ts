// A background checkpointer for a busy SQLite writer. In WAL mode every commit that grows the log past
// `wal_autocheckpoint` pages copies the log into the database file on the committing thread: for ingest
// that was a third of each commit (~1.5 ms an article at 5,000 stored) on the thread that is the
// bottleneck. This worker thread opens its own connection to the same file and runs a PASSIVE checkpoint
// every CHECKPOINT_EVERY_MS: it never blocks the writer or readers, and pages written many times between
// two checkpoints are copied once. The writer keeps a high autocheckpoint as a safety valve, so the log
// stays bounded even if this thread falls behind.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

const CHECKPOINT_EVERY_MS = 1000;

// CommonJS run with `eval: true`, so the worker needs no TypeScript loader; better-sqlite3 is passed as
// a resolved path, since an eval'd worker resolves modules from the working directory, not from here.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY or a closing file: the next tick tries again.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, everyMs } });
  // Never what keeps a process alive, and a failure here only means the writer checkpoints itself again.
  worker.unref();
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
