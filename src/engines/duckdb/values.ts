/** Converts DuckDB's JS values to the engine-neutral Row values, and ours to DuckDB parameters. */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Row, SqlParams } from '../engine.js';

type RowValue = Row[string];

export function toRowValue(value: unknown): RowValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  return String(value);
}

export function toDuckDbParams(params: SqlParams): Record<string, DuckDBValue> {
  const converted: Record<string, DuckDBValue> = {};
  for (const [name, value] of Object.entries(params)) {
    // Dates travel as UTC text without a zone; DuckDB casts them where a TIMESTAMP is expected.
    converted[name] = value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : value;
  }
  return converted;
}
