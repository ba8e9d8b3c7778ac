import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    // Request logs at info would flood the test output; tests that check logs capture them themselves.
    env: { LEDE_LOG_LEVEL: 'warn' },
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
