/**
 * PostgreSQL engine: may import engines/engine, engines/dialect, sql/, records/ and
 * errors; never the pipeline or the CLI. `postgres://user@host:5432/db?schema=NAME`
 * (or `postgresql://`); see connection.ts for where each setting may come from.
 *
 * connection.ts, errors.ts, params.ts, values.ts and copy-loader.ts are written to be
 * imported by the Redshift engine, which speaks the same protocol.
 */
import type { OpenEngine } from '../engine.js';
import { PostgresEngine } from './postgres-engine.js';

export const openEngine: OpenEngine = (url, options) => PostgresEngine.open(url, options);
