/**
 * The shared engine suite on the real Redshift engine end to end: stage -> upload to
 * s3rver -> the exact COPY statements, executed by the COPY emulator on the test
 * PostgreSQL -> Redshift's transform SQL on Redshift's own tables (translated so text
 * compares as on Redshift) -> load_errors. See test/support/redshift-emulated.ts.
 */
import { afterAll, beforeAll } from 'vitest';
import { defineEngineSuite } from '../engine-suite/define-engine-suite.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { EMULATED_STAGING_BUCKET, redshiftEmulatedEngine, useEmulatorS3 } from '../support/redshift-emulated.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';
import { useEngine } from '../support/use-engine.js';

useEngine(redshiftEmulatedEngine);

let s3: S3TestServer | undefined;
beforeAll(async () => {
  s3 = await startS3Server([EMULATED_STAGING_BUCKET]);
  useEmulatorS3(s3);
});
const server = postgresTestServer('rs_emulated');
afterAll(async () => {
  await server.close();
  await s3?.stop();
});

defineEngineSuite('redshift (COPY emulator)', {
  freshWarehouse: async () => {
    const warehouse = await server.freshWarehouse();
    return { ...warehouse, url: warehouse.url.replace(/^postgres:/, 'redshift-emulated:') };
  },
  capabilities: { enforcesPrimaryKeys: false },
});
