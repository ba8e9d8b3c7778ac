export * from './types.ts';
export * from './errors.ts';
export * from './pipeline.ts';
export * from './placement.ts';
