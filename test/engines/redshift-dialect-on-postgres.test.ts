/**
 * The shared engine suite on the Redshift engine with the Redshift dialect's transform
 * SQL, run on the run's embedded PostgreSQL (see test/support/redshift-on-postgres.ts
 * for what is swapped, and why). The engine factory is routed for this file only.
 */
import { afterAll, vi } from 'vitest';
import { defineEngineSuite } from '../engine-suite/define-engine-suite.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';

vi.mock('../../src/engines/open-engine.js', async (importOriginal) => {
  const { withScheme } = await import('../support/route-engine.js');
  const hybrid = await import('../support/redshift-on-postgres.js');
  return withScheme(await importOriginal(), hybrid.HYBRID_SCHEME, hybrid.openRedshiftOnPostgres);
});

const server = postgresTestServer('rs_on_pg');
afterAll(() => server.close());

defineEngineSuite('redshift dialect on postgres', {
  freshWarehouse: async () => {
    const warehouse = await server.freshWarehouse();
    return { ...warehouse, url: warehouse.url.replace(/^postgres:/, 'redshift-on-postgres:') };
  },
  capabilities: { enforcesPrimaryKeys: true },
});
