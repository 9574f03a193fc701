/**
 * The engines the model properties run on, as a list of set-ups a test file picks
 * from. A set-up hands out one warehouse per generated example; the example drops and
 * recreates its tables first, so a warehouse may be reused (a PostgreSQL database is
 * created once per file, not once per example).
 *
 * `redshiftOnPostgres` needs its test file to route the `redshift-on-postgres:` scheme
 * (`useEngine(redshiftOnPostgresEngine)`, as test/model/redshift-on-postgres.test.ts does).
 */
import path from 'node:path';
import type { Warehouse } from '../engine-suite/harness.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { makeTempDir } from '../support/temp-dir.js';

export interface ModelEngineSetup {
  readonly name: string;
  warehouse(): Promise<Warehouse>;
  close(): Promise<void>;
}

function duckdb(): ModelEngineSetup {
  const temp = makeTempDir('model-duckdb');
  let n = 0;
  return {
    name: 'duckdb',
    warehouse: async () => ({ url: `duckdb:${path.join(temp.path, `example-${++n}.duckdb`)}`, options: { memoryLimit: '256MB' } }),
    close: async () => temp.remove(),
  };
}

function postgresLike(name: string, prefix: string, scheme: string): ModelEngineSetup {
  const server = postgresTestServer(prefix);
  let warehouse: Promise<Warehouse> | undefined;
  return {
    name,
    warehouse: () => (warehouse ??= server.freshWarehouse().then((w) => ({ ...w, url: w.url.replace(/^postgres:/, `${scheme}:`) }))),
    close: () => server.close(),
  };
}

export const engineSetups = {
  duckdb,
  postgres: () => postgresLike('postgres', 'model_pg', 'postgres'),
  redshiftOnPostgres: () => postgresLike('redshift dialect on postgres', 'model_rs', 'redshift-on-postgres'),
} as const;
