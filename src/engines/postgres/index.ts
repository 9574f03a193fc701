/**
 * PostgreSQL engine: may import engines/engine, engines/dialect, sql/, records/ and
 * errors; never the pipeline, the CLI or config/. `postgres://user@host:5432/db?schema=NAME`
 * (or `postgresql://`); see connection.ts for where each setting may come from. The
 * driver loads only when a warehouse is opened.
 *
 * connection.ts, errors.ts, params.ts, values.ts and copy-loader.ts are written to be
 * imported by the Redshift engine, which speaks the same protocol.
 */
import { postgresCapabilities } from './capabilities.js';
import type { EngineDescriptor } from '../engine-descriptor.js';

/** A server URL: scheme://…, with the two slashes (postgres:user@host would hide the host). */
export const hasAuthority = (text: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);

export const postgresEngine: EngineDescriptor = {
  name: 'postgres',
  title: 'PostgreSQL',
  schemes: ['postgres', 'postgresql'],
  example: 'postgres://USER@HOST:5432/DB',
  options: ['schema', 'password', 'cluster'],
  capabilities: postgresCapabilities,
  accepts: (_url, text) => hasAuthority(text),
  async open(url, options) {
    const { PostgresEngine } = await import('./postgres-engine.js');
    return PostgresEngine.open(url, options);
  },
};
