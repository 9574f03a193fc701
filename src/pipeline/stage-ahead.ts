/**
 * Staging ahead, on an engine with `stagesAheadWhenEmpty` (DuckDB). DuckDB gives a table
 * scan as many threads as the table's committed rows fill row groups, so the rows a
 * transaction staged itself are read back by its transform on one thread: at 5 M events
 * the songplays statement took 19.9 s over such rows against 12.4 s over the same rows
 * committed (docs/benchmarks.md). A load whose staging and ledger start empty (the first
 * load, a rebuild, a full refresh) therefore stages into tables of its own, and writes
 * its ledger rows into one, committed in a transaction before the load's; the load's
 * transaction drops the staging tables and the ledger and renames these in their place:
 * no row is copied. The ledger goes ahead too because its rows and keys, uncommitted,
 * stay in DuckDB's memory through the transform: 266 MB of the 512 MiB limit for the
 * 1 M files of the XL benchmark, where the transform on two threads then ran out.
 *
 * Nothing a user reads changes before the load commits. A failed staging transaction
 * rolls its tables back with it; a load that fails later drops them; a process that dies
 * between the two commits leaves them behind, unread, and the next load that stages ahead
 * drops them first. A load into staging that holds rows (an incremental one) stages
 * inside its own transaction, as on every other engine.
 */
import type { Engine } from '../engines/engine.js';
import type { StagingKind } from '../records/staging-record.js';
import { tableStatements } from '../sql/bookkeeping.js';
import { createTableSql, loadFilesTable, stagingEventsTable, stagingSongsTable, type TableModel } from '../sql/schema.js';
import { sqlOf } from '../sql/statement.js';

/** Where a load staging ahead puts its rows until its transaction swaps them in. */
export const tablesAhead: Readonly<Record<StagingKind, string>> = {
  songs: `${stagingSongsTable.name}_ahead`,
  events: `${stagingEventsTable.name}_ahead`,
};

/** Where a load staging ahead writes its ledger rows until its transaction swaps them in. */
export const ledgerAhead = `${loadFilesTable.name}_ahead`;

/** Each table ahead and the table whose place it takes. */
const swaps: readonly (readonly [TableModel, string])[] = [
  [stagingSongsTable, tablesAhead.songs],
  [stagingEventsTable, tablesAhead.events],
  [loadFilesTable, ledgerAhead],
];

/**
 * Whether a load stages ahead: the engine asks for it, and the load's staging and ledger
 * start empty. Only where the load is one transaction: elsewhere each statement commits anyway.
 */
export function stagesAhead(engine: Engine, stagingStartsEmpty: boolean): boolean {
  const { loadInOneTransaction, stagesAheadWhenEmpty } = engine.capabilities;
  return loadInOneTransaction && stagesAheadWhenEmpty && stagingStartsEmpty;
}

/** Creates the tables ahead, empty, after dropping a dead load's. Inside the staging transaction. */
export async function createTablesAhead(engine: Engine): Promise<void> {
  await dropTablesAhead(engine);
  for (const [model, ahead] of swaps) {
    await engine.exec(createTableSql(engine.dialect, engine.capabilities, { ...model, name: ahead }));
  }
}

/** Drops the staging tables and the ledger and renames the tables ahead in their place. Inside the load's transaction. */
export async function swapInTablesAhead(engine: Engine): Promise<void> {
  const q = (name: string) => engine.dialect.quoteIdentifier(name);
  for (const [model, ahead] of swaps) {
    await engine.exec(sqlOf(engine.dialect, tableStatements.drop, { table: q(model.name) }));
    await engine.exec(sqlOf(engine.dialect, tableStatements.rename, { table: q(ahead), to: q(model.name) }));
  }
}

/** Drops the tables ahead, where there are any: after a failed load, or a dead one's. */
export async function dropTablesAhead(engine: Engine): Promise<void> {
  for (const [, ahead] of swaps) {
    await engine.exec(sqlOf(engine.dialect, tableStatements.drop, { table: engine.dialect.quoteIdentifier(ahead) }));
  }
}
