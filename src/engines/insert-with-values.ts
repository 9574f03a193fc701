/**
 * The default way to insert a modest number of rows (ledger entries, load errors):
 * multi-row VALUES with bound parameters, a few hundred rows a statement. Engines
 * with a faster native path (DuckDB's appender) implement `Engine.insertRows`
 * themselves; `insertRows` below picks whichever the engine has.
 */
import type { Engine, SqlValue } from './engine.js';

const ROWS_PER_STATEMENT = 500;

export type RowValues = readonly SqlValue[];

export async function insertRows(engine: Engine, table: string, columns: readonly string[], rows: readonly RowValues[]): Promise<void> {
  if (rows.length === 0) return;
  if (engine.insertRows) return engine.insertRows(table, columns, rows);
  return insertWithValues(engine, table, columns, rows);
}

export async function insertWithValues(engine: Engine, table: string, columns: readonly string[], rows: readonly RowValues[]): Promise<void> {
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
