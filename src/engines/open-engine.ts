/**
 * The engine factory: reads the warehouse URL through the registry, whose descriptor for
 * its scheme opens the engine and loads its driver only then. The pipeline calls this
 * and never names an engine.
 */
import { redactUrl } from '../redact-url.js';
import { ConfigError } from '../errors.js';
import type { Engine, EngineOptions } from './engine.js';
import { readWarehouseUrl, warehouseExamples, type WarehouseAddress } from './registry.js';

/** The warehouse URL read by its engine's descriptor, or a ConfigError saying what is expected. */
export function parseWarehouseUrl(warehouse: string): WarehouseAddress {
  const reading = readWarehouseUrl(warehouse);
  if (reading.ok) return reading.address;
  if (reading.reason === 'unknown-scheme') {
    throw new ConfigError(`unknown warehouse scheme "${reading.scheme ?? ''}:": use ${warehouseExamples()}`);
  }
  const problem = reading.reason === 'not-a-url' ? 'is not a URL' : 'is not valid';
  throw new ConfigError(`warehouse "${redactUrl(warehouse)}" ${problem}: use ${warehouseExamples()}`);
}

/** How a command opens the warehouse. */
export interface OpenMode {
  /**
   * The warehouse must already exist: commands that only read (query, check, history, report)
   * must not leave an empty database file behind where a path was mistyped. A server database
   * that does not exist is refused by the server anyway.
   */
  readonly mustExist?: boolean;
}

export async function openEngine(warehouse: string, options: EngineOptions = {}, mode: OpenMode = {}): Promise<Engine> {
  const { url, engine } = parseWarehouseUrl(warehouse);
  if (mode.mustExist && engine.exists?.(url) === false) {
    throw new ConfigError(`no warehouse at ${engine.location?.(url) ?? redactUrl(warehouse)}; load one with \`sparkify run\``);
  }
  return engine.open(url, options);
}
