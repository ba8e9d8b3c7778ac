// jobs: the scheduler of due feeds and the worker pool that runs them through the pipeline.
export { runIngest, newWorkerId, createHostQueue } from './scheduler.ts';
export type { IngestOptions, IngestSummary, HostQueue } from './scheduler.ts';
export { runPool, sleep } from './pool.ts';
