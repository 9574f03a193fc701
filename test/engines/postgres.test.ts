/** The shared engine suite on PostgreSQL: each test gets its own database on the run's embedded server. */
import { afterAll } from 'vitest';
import { defineEngineSuite } from '../engine-suite/define-engine-suite.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';

const server = postgresTestServer('suite');
afterAll(() => server.close());

defineEngineSuite('postgres', {
  freshWarehouse: () => server.freshWarehouse(),
  capabilities: { enforcesPrimaryKeys: true },
});
