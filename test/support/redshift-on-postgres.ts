/**
 * "Redshift on PostgreSQL", for tests only: the Redshift engine (its session, lock,
 * transaction handling) and the Redshift dialect's transform SQL, run on the embedded
 * PostgreSQL server, because no Redshift is reachable from a test run.
 *
 * Three parts are swapped, and only these: the table definitions are the shared ones
 * (Redshift's DISTKEY/SORTKEY/DISTSTYLE clauses are not PostgreSQL), the seconds
 * between two timestamps are PostgreSQL's (it has no DATEDIFF), and staging is
 * filled by the PostgreSQL engine's COPY FROM STDIN loader instead of S3 + COPY FROM
 * S3 (tested on its own: test/engines/redshift-*.test.ts). Production code has no
 * switch for this; the composition lives here, and a test file adds it to the engine
 * registry with `useEngine(redshiftOnPostgresEngine)`.
 */
import { defaultCapabilities, type Engine, type EngineOptions } from '../../src/engines/engine.js';
import { postgresEngine } from '../../src/engines/postgres/index.js';
import type { Dialect } from '../../src/engines/dialect.js';
import type { EngineDescriptor } from '../../src/engines/engine-descriptor.js';
import { resolveConnection } from '../../src/engines/postgres/connection.js';
import { copyStagingBatches } from '../../src/engines/postgres/copy-loader.js';
import { redshiftDialect, redshiftTransformOverrides } from '../../src/engines/redshift/dialect.js';
import { RedshiftEngine } from '../../src/engines/redshift/redshift-engine.js';
import { targetOf } from '../../src/engines/redshift/session.js';
import type { StagingLoader } from '../../src/engines/redshift/staging-loader.js';
import { redshiftFragmentsOnPostgres } from './redshift-emulated-sql.js';

export const HYBRID_SCHEME = 'redshift-on-postgres';

/** Redshift's quoting, fragments and transform statements; the shared table definitions. */
export const redshiftOnPostgresDialect: Dialect = {
  ...redshiftDialect,
  name: HYBRID_SCHEME,
  overrides: redshiftTransformOverrides,
  fragments: redshiftFragmentsOnPostgres,
  schema: undefined,
};

const postgresCopyLoader: StagingLoader = {
  fromObjectStore: false,
  stage: (kind, batches, session) => copyStagingBatches(session.client, session.dialect, kind, batches),
};

/** Opens `redshift-on-postgres://user:pw@host:port/db` (a postgres:// URL under another name). */
export function openRedshiftOnPostgres(warehouse: string, options: EngineOptions): Promise<Engine> {
  const url = new URL(warehouse.replace(`${HYBRID_SCHEME}:`, 'postgres:'));
  return RedshiftEngine.open(targetOf(resolveConnection(url, options), HYBRID_SCHEME), {
    dialect: redshiftOnPostgresDialect,
    loader: postgresCopyLoader,
    capabilities: redshiftOnPostgresEngine.capabilities,
  });
}

/** The composition as an engine of the registry, under its own scheme. */
export const redshiftOnPostgresEngine: EngineDescriptor = {
  ...postgresEngine,
  name: HYBRID_SCHEME,
  title: 'Redshift on PostgreSQL (tests)',
  schemes: [HYBRID_SCHEME],
  example: `${HYBRID_SCHEME}://USER@HOST:PORT/DB`,
  // The shared DDL declares primary keys, and PostgreSQL enforces them.
  capabilities: { ...defaultCapabilities, enforcesPrimaryKeys: true },
  open: (url, options) => openRedshiftOnPostgres(url.toString(), options),
};
