/**
 * Row counts a load can know without counting. COUNT(*) is a scan of the whole table on
 * PostgreSQL (at 16 M songplays, seconds; DuckDB answers from its metadata), and a load
 * that finds nothing new, or recomputes one day's keys, should not pay for the size of
 * the warehouse. So an incremental load (the scoped path, or nothing new) starts from the
 * star tables' row counts the latest successful run recorded in `etl_runs`, and staging's
 * from the ledger's rows per file where those are exact (`stagesEveryAcceptedRecord`:
 * not on Redshift, whose COPY may refuse a row Node accepted; it counts staging).
 *
 * They are taken as true only where they must be: the engine runs a whole load in one
 * transaction (so every successful run's record is committed with exactly the tables it
 * describes, and a failed or killed run changes neither), and the ledger is not empty
 * (`create-tables` empties it with the tables, while run history survives). A full load
 * (a first load, `run`, `--full-refresh`, a large load) counts every table, as before.
 * Like the scoped transform itself, this trusts that nobody changed the tables by hand
 * since the last load; `run` or `--full-refresh` counts them again (docs/design.md).
 */
import type { Engine } from '../engines/engine.js';
import type { StagingKind } from '../records/staging-record.js';
import { runStatements, tableStatements } from '../sql/bookkeeping.js';
import { starTables } from '../sql/star-tables.js';
import { sqlOf } from '../sql/statement.js';
import { stagedRowsByLedger, type PlanTotals } from './ledger.js';
import type { StarRows } from './transform.js';

/** Each star table's rows as the latest successful run left them, or undefined where that is not certain. */
export async function knownStarRows(engine: Engine, plan: PlanTotals): Promise<StarRows | undefined> {
  if (!engine.capabilities.loadInOneTransaction || plan.ledgerFiles === 0) return undefined;
  const [row] = await engine.query<{ table_changes: string | null }>(sqlOf(engine.dialect, runStatements.lastSuccess));
  return rowsRecorded(row?.table_changes ?? null);
}

/** The `rows` of each star table in a run's `table_changes`; undefined unless every table has a whole number. */
export function rowsRecorded(tableChanges: string | null): StarRows | undefined {
  if (tableChanges === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(tableChanges);
  } catch {
    return undefined;
  }
  const rows: Partial<Record<keyof StarRows, number>> = {};
  for (const { name } of starTables) {
    const change: unknown = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[name] : undefined;
    const value: unknown = typeof change === 'object' && change !== null ? (change as Record<string, unknown>).rows : undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
    rows[name] = value;
  }
  return rows as StarRows;
}

/**
 * Rows staging holds after the load: the ledger's count on an incremental load (`known`:
 * the star rows were known) where the ledger's counts are staging's, else COUNT(*).
 */
export async function stagingRowsAfter(engine: Engine, known: boolean): Promise<Record<StagingKind, number>> {
  if (known && engine.capabilities.stagesEveryAcceptedRecord) return stagedRowsByLedger(engine);
  const count = async (table: string) => {
    const [row] = await engine.query<{ n: number }>(sqlOf(engine.dialect, tableStatements.rowCount, { table: engine.dialect.quoteIdentifier(table) }));
    return Number(row?.n ?? 0);
  };
  return { songs: await count('staging_songs'), events: await count('staging_events') };
}
