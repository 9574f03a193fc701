/**
 * Where the PostgreSQL warehouse is and who we are there, from three places, first
 * found wins for each item:
 *
 *   1. the warehouse URL: postgres://user:password@host:port/database?schema=NAME&sslmode=MODE
 *   2. sparkify's own settings: `EngineOptions.password`, then `[CLUSTER]` in dwh.cfg
 *      (HOST, DB_NAME, DB_USER, DB_PASSWORD, DB_PORT)
 *   3. libpq's environment: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE
 *
 * The URL is the most specific statement of intent, so it wins; sparkify's settings
 * were chosen for sparkify, so they beat the ambient PG* variables that other tools
 * share. Shared with the Redshift engine, which passes its own default port and database.
 */
import os from 'node:os';
import type { ClientConfig } from 'pg';
import { ConfigError } from '../../errors.js';
import type { EngineOptions } from '../engine.js';

/** TLS modes, as libpq names them; `require` encrypts without checking the certificate. */
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';
const sslModes: readonly SslMode[] = ['disable', 'require', 'verify-ca', 'verify-full'];

export interface PgConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Never printed; undefined lets the driver try ~/.pgpass. */
  readonly password?: string;
  readonly database: string;
  /** Schema to create and put first on the search path; undefined keeps the server's default. */
  readonly schema?: string;
  readonly sslMode: SslMode;
}

export interface ConnectionDefaults {
  readonly port: number;
  /** libpq's default is the user name; Redshift's is `dev`. */
  readonly database?: string;
}

const knownQueryKeys = ['schema', 'sslmode', 'host'] as const;

export function resolveConnection(
  url: URL,
  options: EngineOptions,
  env: NodeJS.ProcessEnv = process.env,
  defaults: ConnectionDefaults = { port: 5432 },
): PgConnection {
  const scheme = url.protocol.replace(/:$/, '');
  const query = url.searchParams;
  for (const key of query.keys()) {
    if (!(knownQueryKeys as readonly string[]).includes(key)) {
      throw new ConfigError(`unknown option "${key}" in the ${scheme} warehouse URL; known options: ${knownQueryKeys.join(', ')}`);
    }
  }
  const cluster = options.cluster ?? {};
  const urlHost = query.get('host') ?? decoded(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  const host = first(urlHost, cluster.host, env.PGHOST) ?? 'localhost';
  const user = first(decoded(url.username), cluster.dbUser, env.PGUSER) ?? os.userInfo().username;
  const password = first(decoded(url.password), options.password, cluster.dbPassword, env.PGPASSWORD);
  const database = first(decoded(url.pathname.replace(/^\//, '')), cluster.dbName, env.PGDATABASE) ?? defaults.database ?? user;
  const schema = first(query.get('schema') ?? undefined, options.schema);
  const port = portOf(url.port, 'the warehouse URL') ?? cluster.dbPort ?? portOf(env.PGPORT, 'PGPORT') ?? defaults.port;
  const sslMode = sslModeOf(first(query.get('sslmode') ?? undefined, env.PGSSLMODE) ?? 'disable');
  return { host, port, user, password, database, schema, sslMode };
}

/** The connection as a URL that is safe to print: no password, ever. */
export function describeConnection(connection: PgConnection, scheme = 'postgres'): string {
  const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
  const params = new URLSearchParams();
  if (connection.schema !== undefined) params.set('schema', connection.schema);
  if (connection.sslMode !== 'disable') params.set('sslmode', connection.sslMode);
  const query = params.size > 0 ? `?${params.toString()}` : '';
  const hostPart = connection.host.startsWith('/') ? `localhost:${connection.port}` : `${host}:${connection.port}`;
  return `${scheme}://${encodeURIComponent(connection.user)}@${hostPart}/${encodeURIComponent(connection.database)}${query}`;
}

/** Driver settings, every item explicit so pg's own environment lookup never decides. */
export function clientConfigOf(connection: PgConnection, applicationName = 'sparkify'): ClientConfig {
  return {
    host: connection.host,
    port: connection.port,
    user: connection.user,
    password: connection.password,
    database: connection.database,
    ssl: connection.sslMode === 'disable' ? false : { rejectUnauthorized: connection.sslMode !== 'require' },
    application_name: applicationName,
    connectionTimeoutMillis: 30_000,
    keepAlive: true,
  };
}

/** The first value that is present and not empty. */
function first(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

function decoded(value: string): string | undefined {
  if (value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ConfigError('the warehouse URL has a malformed %-escape; percent-encode special characters (@ as %40, : as %3A, / as %2F)');
  }
}

function portOf(value: string | undefined, where: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`${where} has port "${value}"; use a number from 1 to 65535`);
  return port;
}

function sslModeOf(value: string): SslMode {
  const mode = sslModes.find((known) => known === value);
  if (!mode) throw new ConfigError(`sslmode "${value}" is not supported; use one of ${sslModes.join(', ')}`);
  return mode;
}
