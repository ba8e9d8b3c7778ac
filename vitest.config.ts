import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // Request and ingest logs at info would bury the test report; tests that read logs set their level.
    env: { LEDE_LOG_LEVEL: process.env.LEDE_LOG_LEVEL ?? 'warn' },
  },
});
