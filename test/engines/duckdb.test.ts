/** The shared engine suite on DuckDB: each test gets its own warehouse file. */
import { afterAll } from 'vitest';
import { defineEngineSuite } from '../engine-suite/define-engine-suite.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-suite');
let counter = 0;
afterAll(() => temp.remove());

defineEngineSuite('duckdb', {
  freshWarehouse: async () => ({ url: `duckdb:${temp.path}/warehouse-${++counter}.duckdb`, options: { memoryLimit: '1GB' } }),
});
