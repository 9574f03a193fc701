/**
 * Every statement DuckDB runs for an engine goes through here, so every driver error is
 * mapped the same way (errors.ts: one line, a full disk named, no part file named), from
 * BEGIN, COMMIT and SET as much as from the load's statements and the appender.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SqlParams, SqlValue } from '../engine.js';
import { appendRows } from './appender.js';
import { duckdbError, type WarehousePaths } from './errors.js';
import { toDuckDbParams } from './values.js';

export interface ReadResult {
  readonly names: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export class DuckDbSession {
  constructor(
    private readonly connection: DuckDBConnection,
    private readonly paths: WarehousePaths,
  ) {}

  /** Runs a statement (or, with no parameters, a script); returns the rows it changed. */
  async run(sql: string, params?: SqlParams): Promise<number> {
    const result = await this.mapped(() => this.connection.run(sql, params ? toDuckDbParams(params) : undefined));
    return Number(result.rowsChanged);
  }

  async read(sql: string, params?: SqlParams): Promise<ReadResult> {
    const reader = await this.mapped(() => this.connection.runAndReadAll(sql, params ? toDuckDbParams(params) : undefined));
    return { names: reader.columnNames(), rows: reader.getRowsJS() };
  }

  /** Appends whole rows in the table's column order, inside the open transaction. */
  append(table: string, rows: readonly (readonly SqlValue[])[]): Promise<void> {
    return this.mapped(() => appendRows(this.connection, table, rows));
  }

  /** An error from anything else this engine does for the load (writing a part), said the same way. */
  failure(error: unknown): never {
    throw duckdbError(error, this.paths);
  }

  close(): void {
    this.connection.closeSync();
  }

  private async mapped<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw duckdbError(error, this.paths);
    }
  }
}
