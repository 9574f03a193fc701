/**
 * `create-tables`: drops and creates the staging and star tables and the file
 * ledger (what create_tables.py did). Run history and load errors are kept, so a
 * rebuild does not erase the record of earlier loads.
 */
import type { Engine } from '../engines/engine.js';
import { dataTables } from '../sql/tables.js';
import { createTableSteps, sqlFor } from '../sql/steps.js';

export async function createTables(engine: Engine, options: { drop: boolean }): Promise<void> {
  await engine.transaction(async () => {
    if (options.drop) {
      for (const table of dataTables) {
        await engine.exec(`DROP TABLE IF EXISTS ${engine.dialect.quoteIdentifier(table)}`);
      }
    }
    await ensureTables(engine);
  });
}

/** Creates whatever table is missing; leaves existing ones and their rows alone. */
export async function ensureTables(engine: Engine): Promise<void> {
  for (const step of createTableSteps) {
    await engine.exec(sqlFor(engine.dialect, step));
  }
  await engine.afterCreateTables?.();
}
