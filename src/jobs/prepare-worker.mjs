// The worker thread's entry: TypeScript through tsx, as in bin/lede.js, then the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
