/**
 * The shared engine suite on the Redshift engine's S3 staging path: parts uploaded to
 * s3rver, COPY played by a fake Redshift that loads them into the embedded PostgreSQL,
 * Redshift's transform SQL (see test/support/redshift-s3-on-postgres.ts).
 */
import { afterAll, beforeAll, vi } from 'vitest';
import { defineEngineSuite } from '../engine-suite/define-engine-suite.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { STAGING_BUCKET, useS3Server } from '../support/redshift-s3-on-postgres.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';

vi.mock('../../src/engines/open-engine.js', async (importOriginal) => {
  const { withScheme } = await import('../support/route-engine.js');
  const hybrid = await import('../support/redshift-s3-on-postgres.js');
  return withScheme(await importOriginal(), hybrid.S3_HYBRID_SCHEME, hybrid.openRedshiftS3OnPostgres);
});

let s3: S3TestServer | undefined;
beforeAll(async () => {
  s3 = await startS3Server([STAGING_BUCKET]);
  useS3Server(s3);
});
const server = postgresTestServer('rs_s3_pg');
afterAll(async () => {
  await server.close();
  await s3?.stop();
});

defineEngineSuite('redshift S3 staging on postgres', {
  freshWarehouse: async () => {
    const warehouse = await server.freshWarehouse();
    return { ...warehouse, url: warehouse.url.replace(/^postgres:/, 'redshift-s3-on-postgres:') };
  },
  capabilities: { enforcesPrimaryKeys: true, stagesFromObjectStore: true },
});
