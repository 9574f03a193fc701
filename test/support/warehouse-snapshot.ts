/**
 * What a warehouse holds, table by table, for "exactly as before" assertions: for every
 * table sparkify creates (star, staging, ledger) its row count and a digest of its whole
 * contents (md5 over its rows as text, sorted), computed in SQL because reading 8,000
 * staging rows into JavaScript costs a second on DuckDB. The history tables (run
 * history, load errors) are returned whole: a failed run adds to them, by design.
 */
import type { Engine, Row } from '../../src/engines/engine.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { dataTables } from '../../src/sql/schema.js';

export interface WarehouseSnapshot {
  /** Per data table: "<rows> rows, md5 <digest>". */
  readonly tables: Record<string, string>;
  readonly counts: Record<string, number>;
  readonly etlRuns: readonly Row[];
  readonly loadErrors: readonly Row[];
}

export async function snapshotWarehouse(warehouse: string): Promise<WarehouseSnapshot> {
  const engine = await openEngine(warehouse);
  try {
    return await snapshotOf(engine);
  } finally {
    await engine.close();
  }
}

export async function snapshotOf(engine: Engine): Promise<WarehouseSnapshot> {
  const tables: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const table of dataTables) {
    const columns = await engine.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = $table AND table_schema = current_schema() ORDER BY ordinal_position`,
      { table },
    );
    const q = (name: string) => engine.dialect.quoteIdentifier(name);
    // Every column as text, NULL told apart from any text: one line per row.
    const rowText = columns.map(({ column_name }) => `COALESCE(CAST(${q(column_name)} AS VARCHAR), '<null>')`).join(` || '|' || `);
    const [row] = await engine.query<{ n: number; digest: string | null }>(
      `SELECT COUNT(*) AS n, md5(string_agg(row_text, '\n' ORDER BY row_text)) AS digest
         FROM (SELECT ${rowText} AS row_text FROM ${q(table)}) t`,
    );
    counts[table] = Number(row?.n);
    tables[table] = `${counts[table]} rows, md5 ${row?.digest ?? '-'}`;
  }
  const etlRuns = await engine.query('SELECT * FROM etl_runs ORDER BY run_id');
  const loadErrors = await engine.query('SELECT * FROM load_errors ORDER BY run_id, file, line');
  return { tables, counts, etlRuns, loadErrors };
}
