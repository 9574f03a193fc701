import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Engine suites share one embedded PostgreSQL and one S3 server per run.
    pool: 'forks',
    // Both cores: vitest's default leaves one idle on a 2-core machine (measured 524 s -> 340 s).
    maxWorkers: 2,
    // The working-tree guard first, so its teardown runs last, after every other.
    globalSetup: ['test/setup/working-tree-guard.ts', 'test/setup/postgres-server.ts'],
  },
});
