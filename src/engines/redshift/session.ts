/**
 * Opening a session on Redshift, which speaks the PostgreSQL protocol: the connection
 * settings, driver configuration, value parsers and error mapping are the PostgreSQL
 * engine's, imported by name (each reuse below is explicit). What is Redshift's own:
 * its default port and database, TLS by default, and the session settings.
 */
import pg from 'pg';
import { ConfigError } from '../../errors.js';
import type { EngineOptions } from '../engine.js';
import { clientConfigOf, resolveConnection, type PgConnection } from '../postgres/connection.js';
import { connectionError, errorContextOf, type ErrorContext } from '../postgres/errors.js';
import { rowTypes } from '../postgres/values.js';
import { quoteRedshiftLiteral } from './dialect.js';
import { ansiQuoting } from '../dialect.js';

export interface SessionTarget {
  readonly connection: PgConnection;
  readonly context: ErrorContext;
  /** A dry run: no schema is created, and every transaction is read-only. */
  readonly readOnly?: boolean;
}

/**
 * Where a redshift:// URL points. Port 5439 and database `dev` are Redshift's
 * defaults; TLS is required unless the URL or PGSSLMODE says otherwise (Redshift
 * accepts it everywhere, and a public cluster should never be reached in clear).
 */
export function redshiftTarget(url: URL, options: EngineOptions, env: NodeJS.ProcessEnv = process.env): SessionTarget {
  const explicitTls = url.searchParams.has('sslmode') || Boolean(env.PGSSLMODE);
  const resolved = resolveConnection(url, options, env, { port: 5439, database: 'dev' });
  const connection: PgConnection = explicitTls ? resolved : { ...resolved, sslMode: 'require' };
  return { ...targetOf(connection, 'redshift'), ...(options.readOnly ? { readOnly: true } : {}) };
}

/** The error context for a resolved connection; `scheme` names it in messages, which call the server Redshift. */
export function targetOf(connection: PgConnection, scheme: string): SessionTarget {
  return { connection, context: errorContextOf(connection, scheme, 'Redshift') };
}

export interface OpenedSession {
  readonly client: pg.Client;
  /** The backend process id, as system views name sessions. */
  readonly sessionId: number;
}

/** Connects, sets UTC, and creates (if missing) and selects the schema. */
export async function openSession(target: SessionTarget, applicationName = 'sparkify'): Promise<OpenedSession> {
  const client = new pg.Client({ ...clientConfigOf(target.connection, applicationName), types: rowTypes });
  try {
    await client.connect();
    await client.query(`SET timezone TO ${quoteRedshiftLiteral('UTC')}`);
    // Redshift documents no read-only session setting: a dry run (target.readOnly) relies on
    // sparkify sending no write, and creates no schema.
    const schema = target.connection.schema;
    if (schema !== undefined) {
      if (schema.length > 127) throw new ConfigError(`schema "${schema}" is longer than Redshift's 127-byte limit for names`);
      const quoted = ansiQuoting.quoteIdentifier(schema);
      // Checked first: CREATE SCHEMA needs a privilege the user may lack even when the schema exists.
      const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (found.rowCount === 0 && !target.readOnly) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(`SET search_path TO ${quoted}`);
    }
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return { client, sessionId: Number(rows[0]?.pid) };
  } catch (error) {
    await client.end().catch(() => undefined);
    if (error instanceof ConfigError) throw error;
    throw connectionError(error, target.context);
  }
}
