// Worker threads for the CPU-bound half of ingest (extract, normalize, enrich: prepareArticle). On the
// main thread they blocked the event loop, so fetches waited for enrichment and the store for both; on
// threads, the main thread fetches, places and stores while another core extracts and enriches.
// Zero threads runs prepareArticle inline (tests, one-core machines).
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LedeError, type ErrorCode } from '../domain/errors.ts';
import { prepareArticle, type ArticleInput, type PreparedArticle } from '../pipeline/article.ts';

export interface PreparePool {
  prepare(input: ArticleInput): Promise<PreparedArticle>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (r: PreparedArticle) => void;
  reject: (e: unknown) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  dead: boolean;
}

/**
 * The thread's entry: the bundled one when `lede` runs from its bundle (bin/lede.js says where), or the
 * sources through tsx (tests, a process without the bundle).
 */
function workerUrl(): URL {
  const bundled = process.env.LEDE_PREPARE_WORKER;
  return bundled ? pathToFileURL(bundled) : new URL('./prepare-worker.mjs', import.meta.url);
}

/**
 * The thread's young generation, in MiB (V8 splits it into two semi-spaces and a large-object space, a third
 * each). Extracting and enriching one article allocates tens of MiB of short-lived tokens, DOM nodes and
 * strings; with V8's default (16 MiB semi-spaces) each article ran several scavenges that copied what was
 * still live mid-article, ~10 % of the thread's CPU. With 64 MiB semi-spaces most of it dies before a
 * scavenge (GC time per article 1–2.4 → 0.3–0.5 ms in /tmp scratch runs over the bench's newswire).
 */
export const PREPARE_YOUNG_GENERATION_MB = 192;

export function createPreparePool(threads: number): PreparePool {
  const inline: PreparePool = { prepare: async (input) => prepareArticle(input), close: async () => {} };
  if (threads <= 0) return inline;
  let nextId = 1;
  const pool: Thread[] = Array.from({ length: threads }, () => {
    const t: Thread = { worker: new Worker(workerUrl(), { resourceLimits: { maxYoungGenerationSizeMb: PREPARE_YOUNG_GENERATION_MB } }), pending: new Map(), dead: false };
    t.worker.on('message', (msg: { id?: number; result?: PreparedArticle; error?: { code: string | null; message: string } }) => {
      if (msg.id === undefined) return;
      const p = t.pending.get(msg.id);
      if (!p) return;
      t.pending.delete(msg.id);
      if (msg.error) p.reject(msg.error.code ? new LedeError(msg.error.code as ErrorCode, msg.error.message) : new Error(msg.error.message));
      else p.resolve(msg.result!);
    });
    const fail = (e: unknown) => {
      t.dead = true;
      for (const p of t.pending.values()) p.reject(e);
      t.pending.clear();
    };
    t.worker.on('error', fail);
    t.worker.on('exit', (code) => fail(new Error(`prepare thread exited with code ${code}`)));
    return t;
  });
  return {
    prepare(input) {
      // The least busy live thread; inline when every thread has died.
      const live = pool.filter((t) => !t.dead);
      if (live.length === 0) return inline.prepare(input);
      const t = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        t.pending.set(id, { resolve, reject });
        t.worker.postMessage({ id, input });
      });
    },
    async close() {
      await Promise.all(pool.map((t) => t.worker.terminate()));
    },
  };
}
