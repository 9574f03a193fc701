/**
 * The engine factory: picks an engine folder by the warehouse URL's scheme and loads
 * its driver only when used. The pipeline calls this and never names an engine.
 */
import { existsSync } from 'node:fs';
import { redactUrl } from '../config/redact.js';
import { ConfigError } from '../errors.js';
import type { Engine, EngineOptions, OpenEngine } from './engine.js';

const engineModules: Record<string, () => Promise<{ openEngine: OpenEngine }>> = {
  duckdb: () => import('./duckdb/index.js'),
  postgres: () => import('./postgres/index.js'),
  postgresql: () => import('./postgres/index.js'),
  redshift: () => import('./redshift/index.js'),
};

/** Engines whose scheme is known but which this build does not have yet. */
const plannedSchemes = new Set<string>([]);

export function parseWarehouseUrl(warehouse: string): URL {
  try {
    return new URL(warehouse);
  } catch {
    throw new ConfigError(
      `warehouse "${redactUrl(warehouse)}" is not a URL: use duckdb:PATH, postgres://user@host:5432/db or redshift://user@host:5439/dev`,
    );
  }
}

/** How a command opens the warehouse. */
export interface OpenMode {
  /**
   * The warehouse must already exist: commands that only read (query, check, history, report)
   * must not leave an empty DuckDB file behind where a path was mistyped. A server database
   * that does not exist is refused by the server anyway.
   */
  readonly mustExist?: boolean;
}

export async function openEngine(warehouse: string, options: EngineOptions = {}, mode: OpenMode = {}): Promise<Engine> {
  const url = parseWarehouseUrl(warehouse);
  const scheme = url.protocol.replace(/:$/, '');
  if (mode.mustExist && scheme === 'duckdb') requireDuckDbFile(url);
  const load = engineModules[scheme];
  if (!load) {
    if (plannedSchemes.has(scheme)) {
      throw new ConfigError(`the ${scheme} warehouse is not supported yet in this version of sparkify; use duckdb:PATH`);
    }
    throw new ConfigError(`unknown warehouse scheme "${scheme}:": use duckdb:PATH, postgres:// or redshift://`);
  }
  const module = await load();
  return module.openEngine(url, options);
}

/** `duckdb:PATH` names a file that exists (`duckdb::memory:` always does), else a ConfigError. */
function requireDuckDbFile(url: URL): void {
  // Decoded as engines/duckdb/index.ts does.
  const file = decodeURIComponent(url.pathname);
  if (file === '' || file.startsWith(':memory:') || existsSync(file)) return;
  throw new ConfigError(`no warehouse at ${file}; load one with \`sparkify run\``);
}
