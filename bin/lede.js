#!/usr/bin/env node
// The `lede` binary: runs the TypeScript sources through tsx (esbuild), so there is no build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
