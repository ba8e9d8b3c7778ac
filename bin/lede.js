#!/usr/bin/env node
// The `lede` binary: runs the TypeScript sources from a cached esbuild bundle (see cli-build.js), or
// through tsx when the bundle cannot be built, so there is no build step.
import { pathToFileURL } from 'node:url';
import { cliEntry, workerEntry } from './cli-build.js';

// Commands run on hundreds of inputs start fast; the long-running ones log stack traces worth reading
// (source files and lines rather than bundle chunks), for ~30 ms more start-up.
const BATCH = new Set(['extract', 'dedup', 'cluster', 'analyze']);

const entry = await cliEntry();
if (entry) {
  if (!BATCH.has(process.argv[2] ?? '')) process.setSourceMapsEnabled(true);
  const worker = workerEntry(entry);
  if (worker) process.env.LEDE_PREPARE_WORKER = worker;
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
