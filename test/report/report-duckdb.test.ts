/** The report's named queries on DuckDB: each case gets its own warehouse file. */
import { afterAll } from 'vitest';
import { makeTempDir } from '../support/temp-dir.js';
import { reportQueryCases } from './report-query.cases.js';

const temp = makeTempDir('report-duckdb');
let counter = 0;
afterAll(() => temp.remove());

reportQueryCases({
  freshWarehouse: async () => ({ url: `duckdb:${temp.path}/warehouse-${++counter}.duckdb`, options: { memoryLimit: '1GB' } }),
});
