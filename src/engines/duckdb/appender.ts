/**
 * Appends rows with DuckDB's appender: about 1.5 µs a row against some 25 µs for
 * VALUES lists, which matters for a ledger of 100 k song files. The appender writes
 * into the connection's open transaction, so a rollback removes its rows too.
 */
import { DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { SqlValue } from '../engine.js';

export async function appendRows(
  connection: DuckDBConnection,
  table: string,
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const appender = await connection.createAppender(table);
  try {
    for (const row of rows) {
      for (const value of row) appendValue(appender, value);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** By the JS type; DuckDB casts to the column's type (BIGINT into INTEGER, and so on). */
function appendValue(appender: DuckDBAppender, value: SqlValue): void {
  if (value === null) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (typeof value === 'bigint') appender.appendBigInt(value);
  else if (value instanceof Date) appender.appendTimestamp(new DuckDBTimestampValue(BigInt(value.getTime()) * 1000n));
  else if (Number.isInteger(value)) appender.appendBigInt(BigInt(value));
  else appender.appendDouble(value);
}
