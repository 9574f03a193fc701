/**
 * The Redshift engine's whole staging path on PostgreSQL, for tests: records -> gzip
 * parts -> s3rver -> COPY, where the COPY is played by the fake Redshift session
 * (fake-redshift-copy.ts) reading manifest, JSONPaths and parts back from the bucket
 * and inserting the rows into PostgreSQL. Tables are the shared ones, transform SQL is
 * Redshift's (as in redshift-on-postgres.ts). What this proves: the parts, the
 * JSONPaths document and the manifest fill staging, provenance included, so that the
 * star schema comes out as on every other engine. What it cannot: Redshift's own COPY.
 */
import { defaultCapabilities, type Engine, type EngineOptions } from '../../src/engines/engine.js';
import { resolveConnection } from '../../src/engines/postgres/connection.js';
import { RedshiftEngine } from '../../src/engines/redshift/redshift-engine.js';
import { S3CopyLoader } from '../../src/engines/redshift/s3-copy-loader.js';
import { targetOf } from '../../src/engines/redshift/session.js';
import type { StagingLoader } from '../../src/engines/redshift/staging-loader.js';
import { fakeRedshift } from './fake-redshift-copy.js';
import { redshiftOnPostgresDialect } from './redshift-on-postgres.js';
import { S3RVER_REGION, type S3TestServer } from './s3-server.js';

export const S3_HYBRID_SCHEME = 'redshift-s3-on-postgres';
export const STAGING_BUCKET = 'sparkify-staging';

let s3: S3TestServer | undefined;

/** The test file's S3 server, which the engines opened afterwards stage through. */
export function useS3Server(server: S3TestServer): void {
  s3 = server;
}

export function openRedshiftS3OnPostgres(warehouse: string, options: EngineOptions): Promise<Engine> {
  const server = s3;
  if (server === undefined) throw new Error('call useS3Server(startS3Server(...)) before opening this engine');
  const url = new URL(warehouse.replace(`${S3_HYBRID_SCHEME}:`, 'postgres:'));
  const s3Loader = new S3CopyLoader(
    {
      bucket: STAGING_BUCKET,
      prefix: `staging/${url.pathname.slice(1)}`,
      iamRoleArn: 'arn:aws:iam::123456789012:role/sparkify-test',
      region: S3RVER_REGION,
      s3Endpoint: server.endpoint,
    },
    // Small parts, so even test fixtures are split into several.
    { policy: { maxPartBytes: 256 << 10, partPerFile: false } },
  );
  const loader: StagingLoader = {
    fromObjectStore: true,
    stage: (kind, batches, session, context) =>
      s3Loader.stage(kind, batches, fakeRedshift(server.client, { backing: session }).session, context),
    committed: () => s3Loader.committed(),
    rolledBack: () => s3Loader.rolledBack(),
    close: () => s3Loader.close(),
  };
  return RedshiftEngine.open(targetOf(resolveConnection(url, options), S3_HYBRID_SCHEME), {
    dialect: redshiftOnPostgresDialect,
    loader,
    capabilities: { ...defaultCapabilities, stagesFromObjectStore: true, enforcesPrimaryKeys: true },
  });
}
