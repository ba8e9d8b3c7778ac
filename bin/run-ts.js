#!/usr/bin/env node
// Runs one TypeScript file (a bench or an eval script) through tsx: `node bin/run-ts.js FILE.ts [ARGS...]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
register();
const file = process.argv[2];
if (!file) { console.error('usage: run-ts FILE.ts [ARGS...]'); process.exit(2); }
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(file)).href);
