import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Engine suites share one embedded PostgreSQL and one S3 server per run.
    pool: 'forks',
    globalSetup: ['test/setup/postgres-server.ts'],
  },
});
