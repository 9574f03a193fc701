/**
 * `etl --dry-run`: what a load would read and run, worked out without changing anything.
 * The sources are listed; the ledger (load_files), if the warehouse has one, tells each
 * file new, changed or unchanged by the same rule as a real load (ledger.ts); and the
 * statements are the ones the load would send, in order: table creation, the staging
 * of the files to load (described: an engine's bulk path is not one statement), and the
 * transform, as a first load (empty table) or a merge. The engine should be opened
 * read-only (EngineOptions.readOnly), so that even opening it creates nothing.
 */
import type { Engine } from '../engines/engine.js';
import type { StagingKind } from '../records/staging-record.js';
import { mergeStatements } from '../sql/merge.js';
import { starTables } from '../sql/star-tables.js';
import { stagingTables } from '../sql/staging-columns.js';
import { createTableStatements } from '../sql/schema.js';
import { ledgerStatements, tableStatements } from '../sql/bookkeeping.js';
import { sqlOf } from '../sql/statement.js';
import { sqlFor, wrappedFor } from '../sql/steps.js';
import type { Source } from '../sources/source.js';

export type FileStatus = 'new' | 'changed' | 'unchanged';

export interface DryRunFile {
  readonly kind: StagingKind;
  readonly uri: string;
  readonly size: number;
  readonly status: FileStatus;
}

export interface DryRunPlan {
  readonly warehouse: string;
  readonly files: readonly DryRunFile[];
  /** Files and bytes per status. */
  readonly totals: Readonly<Record<FileStatus, { readonly files: number; readonly bytes: number }>>;
  readonly statements: readonly string[];
}

export async function planDryRun(engine: Engine, sources: Readonly<Record<StagingKind, Source>>, fullRefresh = false): Promise<DryRunPlan> {
  const ledger = fullRefresh ? new Map<string, string>() : await readLedger(engine);
  const files: DryRunFile[] = [];
  for (const kind of ['songs', 'events'] as const) {
    for (const file of await sources[kind].list()) {
      const known = ledger.get(file.uri);
      const status: FileStatus = known === undefined ? 'new' : known === file.fingerprint ? 'unchanged' : 'changed';
      files.push({ kind, uri: file.uri, size: file.size, status });
    }
  }
  const totals = { new: { files: 0, bytes: 0 }, changed: { files: 0, bytes: 0 }, unchanged: { files: 0, bytes: 0 } };
  for (const file of files) {
    totals[file.status].files++;
    totals[file.status].bytes += file.size;
  }
  return { warehouse: engine.describe(), files, totals, statements: await statementsOf(engine, files) };
}

/** uri -> fingerprint, or empty when the warehouse has no ledger yet (nothing loaded). */
async function readLedger(engine: Engine): Promise<Map<string, string>> {
  try {
    const rows = await engine.query<{ uri: string; fingerprint: string }>(sqlOf(engine.dialect, ledgerStatements.knownFiles));
    return new Map(rows.map((row) => [row.uri, row.fingerprint]));
  } catch {
    return new Map();
  }
}

async function statementsOf(engine: Engine, files: readonly DryRunFile[]): Promise<string[]> {
  const statements = createTableStatements(engine.dialect, engine.capabilities).map((statement) => statement.trim());
  for (const kind of ['songs', 'events'] as const) {
    const load = files.filter((file) => file.kind === kind && file.status !== 'unchanged');
    if (load.length === 0) continue;
    const bytes = load.reduce((sum, file) => sum + file.size, 0);
    statements.push(`-- stage ${load.length} ${kind} file(s), ${bytes} bytes, into ${stagingTables[kind].table} (the engine's bulk load)`);
  }
  if (!files.some((file) => file.status !== 'unchanged')) return [...statements, '-- nothing new or changed: no staging, and no transform (every star table stays as it is)'];
  // A small load into a loaded warehouse takes the scoped transform instead
  // (pipeline/load-scope.ts): the same merge, over the keys the load touches.
  for (const table of starTables) {
    const merge = mergeStatements(engine.dialect, table, sqlFor(engine.dialect, table.select));
    const wrap = (statement: string) => wrappedFor(engine.dialect, table.select, statement).trim();
    if (await isEmpty(engine, table.name)) statements.push(wrap(merge.fillEmpty));
    else statements.push(wrap(merge.createNext), ...merge.diff, merge.count.trim(), ...merge.apply, ...merge.cleanUp);
  }
  return statements;
}

async function isEmpty(engine: Engine, table: string): Promise<boolean> {
  try {
    const [row] = await engine.query<{ n: number }>(sqlOf(engine.dialect, tableStatements.rowCount, { table: engine.dialect.quoteIdentifier(table) }));
    return Number(row?.n ?? 0) === 0;
  } catch {
    return true;
  }
}
