/**
 * Staging -> star schema: each table's next contents go straight into it when it is
 * empty, else are compared with it and only the rows that changed are applied. Runs inside the load's transaction, so a failure anywhere
 * leaves the star schema as it was. With a scope (pipeline/load-scope.ts), only the
 * rows of the keys in scope are recomputed and compared, and a table with nothing in
 * scope is left alone.
 */
import type { Engine } from '../engines/engine.js';
import { mergeStatements, type MergeStatements } from '../sql/merge.js';
import { starTables, type StarTable, type StarTableName } from '../sql/star-tables.js';
import { sqlFor, wrappedFor, type SqlStepName } from '../sql/steps.js';
import { injectFault } from './fault-injection.js';
import { analyzeScopeTables, type ScopeTable, type StarScope } from './load-scope.js';
import type { ProgressListener } from './progress.js';

export interface TableChange {
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  /** Rows in the table after the load. */
  readonly rows: number;
}

export type TableChanges = Record<StarTableName, TableChange>;

/** A hook tests use to make a step fail, proving the load is atomic. */
export type StepHook = (table: StarTableName) => Promise<void>;

/**
 * Each star table's scoped statements (sql/scoped-transform.ts): its rows in scope, next
 * and current; and what a later table needs of its next rows, kept in a scope table
 * (with statistics) before they replace the current ones.
 */
const scopedSteps: Readonly<Record<StarTableName, {
  readonly select: SqlStepName;
  readonly current: SqlStepName;
  readonly keep?: { readonly step: SqlStepName; readonly table: ScopeTable };
}>> = {
  songs: { select: 'selectScopedSongs', current: 'currentScopedSongs' },
  artists: { select: 'selectScopedArtists', current: 'currentScopedArtists' },
  users: { select: 'selectScopedUsers', current: 'currentScopedUsers' },
  songplays: {
    select: 'selectScopedSongplays',
    current: 'currentScopedSongplays',
    keep: { step: 'createScopeUnplayedTimes', table: 'scope_unplayed_times' },
  },
  time: { select: 'selectScopedTime', current: 'currentScopedTime' },
};

/** Each star table's rows before the load, when known without counting them (pipeline/known-rows.ts). */
export type StarRows = Readonly<Record<StarTableName, number>>;

/**
 * `scope` undefined: every table from all of staging (the full transform), and each
 * table's rows counted after it. With a scope and `rowsBefore`, a table's rows after the
 * load are worked out instead, as its rows before plus inserted minus deleted (a star
 * table holds one row per key: docs/design.md), which spares a COUNT(*) of every table.
 */
export async function buildStarSchema(
  engine: Engine,
  onProgress: ProgressListener,
  afterTable?: StepHook,
  scope?: StarScope,
  rowsBefore?: StarRows,
): Promise<TableChanges> {
  const changes: Partial<TableChanges> = {};
  for (const table of starTables) {
    const before = rowsBefore?.[table.name];
    const change = scope === undefined
      ? await merge(engine, table)
      : scope[table.name] === 0
        ? await unchanged(engine, table, before)
        : await scopedMerge(engine, table, before);
    changes[table.name] = change;
    onProgress({ type: 'table-done', table: table.name, ...change });
    await afterTable?.(table.name);
    injectFault(`merge-${table.name}`);
  }
  return changes as TableChanges;
}

/** Puts a table's next contents in place: straight into an empty table (a first load), else only what changed. */
async function merge(engine: Engine, table: StarTable): Promise<TableChange> {
  const statements = mergeStatements(engine.dialect, table, sqlFor(engine.dialect, table.select));
  const run = (statement: string) => engine.exec(wrappedFor(engine.dialect, table.select, statement));
  if ((await countOf(engine, statements.countTarget)) === 0) {
    const fill = () => run(statements.fillEmpty);
    await (engine.fillEmpty ? engine.fillEmpty(engine.dialect.quoteIdentifier(table.name), fill) : fill());
    const rows = await countOf(engine, statements.countTarget);
    return { inserted: rows, updated: 0, deleted: 0, rows };
  }
  await run(statements.createNext);
  return applyDifference(engine, statements);
}

/** Only the rows of the keys in scope are recomputed, compared and applied. */
async function scopedMerge(engine: Engine, table: StarTable, rowsBefore: number | undefined): Promise<TableChange> {
  const steps = scopedSteps[table.name];
  const statements = mergeStatements(engine.dialect, table, sqlFor(engine.dialect, steps.select), sqlFor(engine.dialect, steps.current));
  await engine.exec(wrappedFor(engine.dialect, steps.select, statements.createNext));
  if (steps.keep !== undefined) {
    await engine.exec(wrappedFor(engine.dialect, steps.keep.step, sqlFor(engine.dialect, steps.keep.step)));
    await analyzeScopeTables(engine, steps.keep.table);
  }
  if (statements.createCurrent !== undefined) await engine.exec(wrappedFor(engine.dialect, steps.current, statements.createCurrent));
  return applyDifference(engine, statements, rowsBefore);
}

/** Nothing in scope: the table keeps every row, and the report its row count. */
async function unchanged(engine: Engine, table: StarTable, rowsBefore: number | undefined): Promise<TableChange> {
  if (rowsBefore !== undefined) return { inserted: 0, updated: 0, deleted: 0, rows: rowsBefore };
  const statements = mergeStatements(engine.dialect, table, sqlFor(engine.dialect, table.select));
  return { inserted: 0, updated: 0, deleted: 0, rows: await countOf(engine, statements.countTarget) };
}

/** Compares `next_<t>` with the current rows, counts, and applies only what differs. */
async function applyDifference(engine: Engine, statements: MergeStatements, rowsBefore?: number): Promise<TableChange> {
  for (const statement of statements.diff) await engine.exec(statement);
  const [row] = await engine.query<{ inserted: number; updated: number; deleted: number }>(statements.count);
  const counts = { inserted: Number(row?.inserted), updated: Number(row?.updated), deleted: Number(row?.deleted) };
  const [deleteChanged, insertChanged] = statements.apply;
  // A statement with nothing to do still scans the table (DuckDB has no index to skip it).
  if (counts.updated + counts.deleted > 0 && deleteChanged !== undefined) await engine.exec(deleteChanged);
  if (counts.inserted + counts.updated > 0 && insertChanged !== undefined) await engine.exec(insertChanged);
  for (const statement of statements.cleanUp) await engine.exec(statement);
  // An update deletes and inserts one row of one key: only inserted and deleted keys change the size.
  const rows = rowsBefore === undefined ? await countOf(engine, statements.countTarget) : rowsBefore + counts.inserted - counts.deleted;
  return { ...counts, rows };
}

async function countOf(engine: Engine, sql: string): Promise<number> {
  return Number((await engine.query<{ n: number }>(sql))[0]?.n);
}
