/**
 * Which warehouse a command uses, and why, in words for the first line of its output.
 * A warehouse given anywhere (flag, environment, [SPARKIFY] WAREHOUSE) wins; else the
 * course's `[CLUSTER] HOST` names a Redshift cluster; else the local DuckDB default.
 * The URL built from [CLUSTER] carries no password: the engine takes DB_PASSWORD
 * from the settings, so it never appears in a URL that is shown.
 */
import { ConfigError } from '../errors.js';
import type { ClusterSettings } from './settings.js';

export interface WarehouseChoice {
  /** The warehouse URL, before relative DuckDB paths are resolved. */
  readonly url: string;
  /** Why this one: "--warehouse", "[CLUSTER] HOST in dwh.cfg, no warehouse given", ... */
  readonly reason: string;
}

/** Redshift's defaults, as the course's cluster has them. */
const REDSHIFT_PORT = 5439;
const REDSHIFT_DATABASE = 'dev';
const REDSHIFT_USER = 'awsuser';

export function chooseWarehouse(
  given: { readonly url: string; readonly where: string } | undefined,
  cluster: ClusterSettings,
  defaultUrl: string,
): WarehouseChoice {
  if (given !== undefined) {
    const shadowed = cluster.host !== undefined && hostOf(given.url) !== cluster.host.toLowerCase() ? ` ([CLUSTER] HOST ${cluster.host} is not used)` : '';
    return { url: given.url, reason: `${given.where}${shadowed}` };
  }
  if (cluster.host !== undefined) {
    return { url: clusterWarehouse(cluster.host, cluster), reason: '[CLUSTER] HOST in dwh.cfg, no warehouse given' };
  }
  return { url: defaultUrl, reason: 'the default: no warehouse given and no [CLUSTER] HOST' };
}

/** redshift://DB_USER@HOST:DB_PORT/DB_NAME, each part as the URL needs it. */
export function clusterWarehouse(host: string, cluster: ClusterSettings): string {
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

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
