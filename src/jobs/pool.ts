// A fixed number of async workers taking turns at a shared source of work.

/** Runs `worker(i)` for i = 0..n-1 concurrently and waits for all; the first error is rethrown after all end. */
export async function runPool(n: number, worker: (index: number) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, n) }, (_, i) => worker(i)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Resolves after `ms`, or early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
