/**
 * DuckDB engine: may import engines/engine, sql/, records/ and errors; never the
 * pipeline or the CLI. `duckdb:PATH` opens (or creates) the file at PATH;
 * `duckdb::memory:` an in-memory warehouse.
 */
import type { OpenEngine } from '../engine.js';
import { DuckDbEngine } from './duckdb-engine.js';

export const openEngine: OpenEngine = (url, options) => {
  const file = decodeURIComponent(url.pathname);
  return DuckDbEngine.open(file === '' ? ':memory:' : file, options);
};
