/**
 * Which warehouse a command uses, and why, in words for the first line of its output.
 * A warehouse given anywhere (flag, environment, [SPARKIFY] WAREHOUSE) wins; else the
 * course's `[CLUSTER] HOST` names a cluster (the engine that reads [CLUSTER] builds its
 * URL: engines/registry.ts); else the default warehouse.
 * The URL built from [CLUSTER] carries no password: the engine takes DB_PASSWORD
 * from the settings, so it never appears in a URL that is shown.
 */
import { clusterWarehouseUrl } from '../engines/registry.js';
import type { ClusterSettings } from './settings.js';

export interface WarehouseChoice {
  /** The warehouse URL, before relative paths in it are resolved. */
  readonly url: string;
  /** Why this one: "--warehouse", "[CLUSTER] HOST in dwh.cfg, no warehouse given", ... */
  readonly reason: string;
}

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

/** The URL of the warehouse at `[CLUSTER] HOST`, without a password: the engine that reads [CLUSTER] builds it. */
export function clusterWarehouse(host: string, cluster: ClusterSettings): string {
  return clusterWarehouseUrl(host, cluster);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
