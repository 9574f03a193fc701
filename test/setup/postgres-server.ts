/**
 * Vitest global set-up: ONE embedded PostgreSQL per test run, on a free loopback port,
 * stopped (and its data folder removed) at teardown. Tests read where it is with
 * `inject('postgres')` and create their own databases on it
 * (test/support/postgres-warehouse.ts).
 *
 * The password holds the characters that break naive URL and connection-string
 * handling (@ : / " ' ;), so every test that connects proves they are escaped right.
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../support/embedded-postgres.js';

export interface PostgresServerInfo {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresServerInfo;
  }
}

export const TEST_PASSWORD = `p@ss:w/rd"';x`;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startEmbeddedPostgres({ password: TEST_PASSWORD });
  project.provide('postgres', { host: server.host, port: server.port, user: server.user, password: server.password });
  return () => server.stop();
}
