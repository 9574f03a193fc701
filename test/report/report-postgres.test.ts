/** The report's named queries on the embedded PostgreSQL: each case gets its own database. */
import { afterAll } from 'vitest';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { reportQueryCases } from './report-query.cases.js';

const server = postgresTestServer('report');
afterAll(() => server.close());

reportQueryCases({ freshWarehouse: () => server.freshWarehouse() });
