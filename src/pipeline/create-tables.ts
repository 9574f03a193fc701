/**
 * `create-tables`: drops and creates the staging and star tables and the file
 * ledger (what create_tables.py did), in one transaction where the engine can
 * (pipeline/load-unit.ts): a failure leaves every table as it was. Run history and
 * load errors are kept, so a rebuild does not erase the record of earlier loads. `run` does the same drop and create inside its load's
 * transaction (pipeline/etl.ts, `rebuild`).
 */
import type { Engine } from '../engines/engine.js';
import { tableStatements } from '../sql/bookkeeping.js';
import { createTableStatements, dataTables } from '../sql/schema.js';
import { sqlOf } from '../sql/statement.js';
import { injectFault } from './fault-injection.js';
import { asOneUnit } from './load-unit.js';

export async function createTables(engine: Engine, options: { drop: boolean }): Promise<void> {
  await asOneUnit(engine, async () => {
    if (options.drop) await dropDataTables(engine);
    await ensureTables(engine);
    injectFault('tables');
  });
}

/**
 * Drops the data tables and the ledger. Call it inside a transaction, and create them
 * again in the same one: DuckDB, PostgreSQL and Redshift all roll DROP and CREATE TABLE back.
 */
export async function dropDataTables(engine: Engine): Promise<void> {
  for (const table of dataTables) {
    await engine.exec(sqlOf(engine.dialect, tableStatements.drop, { table: engine.dialect.quoteIdentifier(table) }));
  }
}

/** Creates whatever table is missing; leaves existing ones and their rows alone. */
export async function ensureTables(engine: Engine): Promise<void> {
  for (const statement of createTableStatements(engine.dialect, engine.capabilities)) await engine.exec(statement);
  await engine.afterCreateTables?.();
}
