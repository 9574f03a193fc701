/**
 * Inserts a modest number of rows (ledger entries, load errors) with parameters, a
 * few hundred rows per statement. Bulk data never goes this way: it goes through
 * Engine.stage.
 */
import type { Engine, SqlValue } from '../engines/engine.js';

const ROWS_PER_STATEMENT = 500;

export async function insertRows(
  engine: Engine,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const q = (name: string) => engine.dialect.quoteIdentifier(name);
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const slice = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: Record<string, SqlValue> = {};
    const tuples = slice.map((row, r) => {
      const names = row.map((value, c) => {
        const name = `p${r}_${c}`;
        params[name] = value;
        return `$${name}`;
      });
      return `(${names.join(', ')})`;
    });
    await engine.exec(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
