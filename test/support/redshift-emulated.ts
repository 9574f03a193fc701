/**
 * The Redshift engine end to end on the test PostgreSQL and s3rver: the real engine
 * (session, lock, transactions), the real S3 COPY loader (parts, upload, manifest,
 * JSONPaths, refused rows, clean-up), Redshift's own table definitions translated to
 * BPCHAR so text compares as on Redshift (redshift-emulated-sql.ts), and Redshift's
 * transform SQL. The one stand-in: the COPY statement the loader sends is executed by
 * the COPY emulator (redshift-copy-emulator.ts) instead of by a Redshift cluster. Every
 * statement the pipeline sends is checked for a shape Redshift does not document first
 * (redshift-shape-guard.ts).
 */
import type { Engine, EngineOptions } from '../../src/engines/engine.js';
import type { EngineDescriptor } from '../../src/engines/engine-descriptor.js';
import { redshiftEngine } from '../../src/engines/redshift/index.js';
import { resolveConnection } from '../../src/engines/postgres/connection.js';
import { RedshiftEngine } from '../../src/engines/redshift/redshift-engine.js';
import { S3CopyLoader } from '../../src/engines/redshift/s3-copy-loader.js';
import { targetOf } from '../../src/engines/redshift/session.js';
import type { StagingLoader } from '../../src/engines/redshift/staging-loader.js';
import { RedshiftCopyEmulator } from './redshift-copy-emulator.js';
import { guardRedshiftShapes } from './redshift-shape-guard.js';
import { EMULATED_SCHEME, redshiftEmulatedDialect, redshiftTableDefinitions, varcharSizes } from './redshift-emulated-sql.js';
import { S3RVER_REGION, type S3TestServer } from './s3-server.js';

export { EMULATED_SCHEME } from './redshift-emulated-sql.js';
export const EMULATED_STAGING_BUCKET = 'sparkify-emulated-staging';
export const EMULATED_ROLE = 'arn:aws:iam::123456789012:role/sparkify-test';

/** Declared VARCHAR sizes of Redshift's own tables, by table name. */
const sizesByTable = new Map([...redshiftTableDefinitions].map(([table, ddl]) => [table, varcharSizes(ddl)]));

let s3: S3TestServer | undefined;
/** The emulators of the engines opened so far, newest last: tests read the COPY texts they ran. */
export const emulators: RedshiftCopyEmulator[] = [];

/** The test file's S3 server, which the engines opened afterwards stage through. */
export function useEmulatorS3(server: S3TestServer): void {
  s3 = server;
}

/** Opens `redshift-emulated://user:pw@host:port/db` (the test PostgreSQL, under another scheme). */
export async function openRedshiftEmulated(warehouse: string, options: EngineOptions): Promise<Engine> {
  const server = s3;
  if (server === undefined) throw new Error('call useEmulatorS3(startS3Server(...)) before opening this engine');
  const url = new URL(warehouse.replace(`${EMULATED_SCHEME}:`, 'postgres:'));
  const store = options.objectStore ?? {};
  const s3Loader = new S3CopyLoader(
    {
      bucket: store.bucket ?? EMULATED_STAGING_BUCKET,
      prefix: store.prefix ?? `staging/${url.pathname.slice(1)}`,
      iamRoleArn: store.iamRoleArn ?? EMULATED_ROLE,
      region: store.region ?? S3RVER_REGION,
      s3Endpoint: store.s3Endpoint ?? server.endpoint,
    },
    // Small parts, so even test fixtures are split into several; no waiting for late refused rows.
    { policy: { maxPartBytes: 256 << 10, partPerFile: false }, refusedRetryDelaysMs: [] },
  );
  const connection = resolveConnection(url, options);
  const emulator = new RedshiftCopyEmulator({
    s3: server.client,
    databaseUrl: url.toString().replace(/^postgres:\/\/[^@]*@/, `postgres://${encodeURIComponent(connection.user)}:${encodeURIComponent(connection.password ?? '')}@`),
    varcharSizes: (table) => sizesByTable.get(table) ?? new Map(),
  });
  emulators.push(emulator);
  const loader: StagingLoader = {
    fromObjectStore: true,
    stage: (kind, batches, session, context) => s3Loader.stage(kind, batches, emulator.session(session), context),
    committed: () => s3Loader.committed(),
    rolledBack: () => s3Loader.rolledBack(),
    close: () => s3Loader.close(),
  };
  const engine = await RedshiftEngine.open(targetOf(connection, EMULATED_SCHEME), {
    dialect: redshiftEmulatedDialect,
    loader,
    // Redshift declares primary keys and enforces none; the translated tables declare none.
    capabilities: redshiftEngine.capabilities,
  });
  // Stricter than PostgreSQL where Redshift is: statement shapes it does not document fail.
  return guardRedshiftShapes(engine);
}

/** The emulated Redshift as an engine of the registry, under its own scheme (`useEngine` in a test file). */
export const redshiftEmulatedEngine: EngineDescriptor = {
  ...redshiftEngine,
  name: EMULATED_SCHEME,
  title: 'Redshift (COPY emulator, tests)',
  schemes: [EMULATED_SCHEME],
  example: `${EMULATED_SCHEME}://USER@HOST:PORT/DB`,
  fromCluster: undefined,
  open: (url, options) => openRedshiftEmulated(url.toString(), options),
};
