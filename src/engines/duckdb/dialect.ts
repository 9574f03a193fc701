/** DuckDB speaks the shared SQL as written; only its quoting is named here. */
import { ansiQuoting, type Dialect } from '../dialect.js';

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  ...ansiQuoting,
  overrides: {},
};
