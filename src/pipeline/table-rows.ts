/** How many rows a table holds, asked of a warehouse that may not have the table yet. */
import type { Engine } from '../engines/engine.js';
import { tableStatements } from '../sql/bookkeeping.js';
import { sqlOf } from '../sql/statement.js';

/**
 * A table's row count, or null when it does not exist. A failed count is told apart from
 * a dead warehouse by a trivial query: if that fails too, the first error stands.
 */
export async function rowsIfTable(engine: Engine, table: string): Promise<number | null> {
  try {
    const [row] = await engine.query(sqlOf(engine.dialect, tableStatements.rowCount, { table: engine.dialect.quoteIdentifier(table) }));
    return Number(row?.n ?? 0);
  } catch (error) {
    await engine.query(sqlOf(engine.dialect, tableStatements.ping)).catch(() => {
      throw error;
    });
    return null;
  }
}
