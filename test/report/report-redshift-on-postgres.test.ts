/**
 * The report's named queries on the Redshift engine with the Redshift dialect's tables
 * and transform SQL, on the run's embedded PostgreSQL (see
 * test/support/redshift-on-postgres.ts). No Redshift cluster runs here: this proves the
 * queries against the tables Redshift builds, not Redshift's own SQL limits, which
 * named-query.test.ts guards by spelling.
 */
import { afterAll } from 'vitest';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { reportQueryCases } from './report-query.cases.js';
import { redshiftOnPostgresEngine } from '../support/redshift-on-postgres.js';
import { useEngine } from '../support/use-engine.js';

useEngine(redshiftOnPostgresEngine);

const server = postgresTestServer('report_rs');
afterAll(() => server.close());

reportQueryCases({
  freshWarehouse: async () => {
    const warehouse = await server.freshWarehouse();
    return { ...warehouse, url: warehouse.url.replace(/^postgres:/, 'redshift-on-postgres:') };
  },
});
