/**
 * Staging -> star schema: each table's next contents go straight into it when it is
 * empty, else are compared with it and only the rows that changed are applied. Runs inside the load's transaction, so a failure anywhere
 * leaves the star schema as it was.
 */
import type { Engine } from '../engines/engine.js';
import { mergeStatements } from '../sql/merge.js';
import { starTables, type StarTable, type StarTableName } from '../sql/star-tables.js';
import { sqlFor, wrappedFor } from '../sql/steps.js';
import { injectFault } from './fault-injection.js';
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

export async function buildStarSchema(engine: Engine, onProgress: ProgressListener, afterTable?: StepHook): Promise<TableChanges> {
  const changes: Partial<TableChanges> = {};
  for (const table of starTables) {
    const change = await merge(engine, table);
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
  const countOf = async (sql: string) => Number((await engine.query<{ n: number }>(sql))[0]?.n);
  if ((await countOf(statements.countTarget)) === 0) {
    const fill = () => run(statements.fillEmpty);
    await (engine.fillEmpty ? engine.fillEmpty(engine.dialect.quoteIdentifier(table.name), fill) : fill());
    const rows = await countOf(statements.countTarget);
    return { inserted: rows, updated: 0, deleted: 0, rows };
  }
  await run(statements.createNext);
  for (const statement of statements.diff) await engine.exec(statement);
  const [counts] = await engine.query<{ inserted: number; updated: number; deleted: number }>(statements.count);
  for (const statement of [...statements.apply, ...statements.cleanUp]) await engine.exec(statement);
  return {
    inserted: Number(counts?.inserted),
    updated: Number(counts?.updated),
    deleted: Number(counts?.deleted),
    rows: await countOf(statements.countTarget),
  };
}
