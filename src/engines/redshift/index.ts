/**
 * Redshift engine: may import engines/engine, engines/dialect, engines/postgres (its
 * protocol code, by name), sql/, records/, sources/ (S3 access) and errors; never the
 * pipeline, the CLI or config/. `redshift://user@endpoint:5439/dev?schema=NAME`; see
 * session.ts for defaults and docs/redshift.md for how loading works. The course's
 * `[CLUSTER] HOST` names a Redshift cluster, so this engine builds that URL. The driver
 * and the S3 client load only when a warehouse is opened.
 */
import { ConfigError } from '../../errors.js';
import { defaultCapabilities, type ClusterDefaults } from '../engine.js';
import type { EngineDescriptor } from '../engine-descriptor.js';
import { hasAuthority } from '../postgres/index.js';

/** Redshift's defaults, as the course's cluster has them. */
const REDSHIFT_PORT = 5439;
const REDSHIFT_DATABASE = 'dev';
const REDSHIFT_USER = 'awsuser';

/** redshift://DB_USER@HOST:DB_PORT/DB_NAME, each part as the URL needs it; no password, ever. */
export function clusterUrl(host: string, cluster: ClusterDefaults): string {
  const user = encodeURIComponent(cluster.dbUser ?? REDSHIFT_USER);
  const database = encodeURIComponent(cluster.dbName ?? REDSHIFT_DATABASE);
  const url = `redshift://${user}@${host}:${cluster.dbPort ?? REDSHIFT_PORT}/${database}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`[CLUSTER] HOST "${host}" is not a host name; write the cluster's endpoint, such as NAME.ID.REGION.redshift.amazonaws.com`);
  }
  if (parsed.hostname.toLowerCase() !== host.toLowerCase().replace(/^\[|\]$/g, '')) {
    throw new ConfigError(`[CLUSTER] HOST "${host}" is not a host name alone; write the endpoint without a scheme, port or path`);
  }
  return url;
}

export const redshiftEngine: EngineDescriptor = {
  name: 'redshift',
  title: 'Redshift',
  schemes: ['redshift'],
  example: 'redshift://USER@HOST:5439/DB',
  options: ['schema', 'password', 'cluster', 'objectStore'],
  // Primary keys are informational on Redshift: declared, never enforced. DDL, COPY and
  // temporary tables are transactional (docs/design.md, "`run` rebuilds inside the load's transaction").
  capabilities: { ...defaultCapabilities, enforcesPrimaryKeys: false, loadInOneTransaction: true },
  accepts: (_url, text) => hasAuthority(text),
  fromCluster: clusterUrl,
  async open(url, options) {
    const [{ redshiftDialect }, { RedshiftEngine }, { S3CopyLoader }, { redshiftTarget }] = await Promise.all([
      import('./dialect.js'),
      import('./redshift-engine.js'),
      import('./s3-copy-loader.js'),
      import('./session.js'),
    ]);
    return RedshiftEngine.open(redshiftTarget(url, options), {
      dialect: redshiftDialect,
      loader: new S3CopyLoader(options.objectStore ?? {}),
      capabilities: redshiftEngine.capabilities,
    });
  },
};
