/**
 * Which listed files a load reads: those the ledger lacks (new) and those it holds with
 * another fingerprint (changed: the ledger's file id is kept, so their old rows can go).
 * A file the ledger holds with the same fingerprint is skipped, whatever kind it was
 * loaded as; a ledger row whose file is no longer listed is left alone.
 *
 * Two ways to the same answer, chosen by what the engine has, never its name:
 * - in the warehouse, where the engine has a native bulk insert (`Engine.insertRows`:
 *   DuckDB's appender, PostgreSQL's COPY): the listing goes into a temporary table and
 *   one anti-join with the ledger returns only the files to load. Node never holds the
 *   ledger, which at 1 M files cost 6-7 s to read through DuckDB's result API and 1.5 s
 *   more to put in a Map; the listing's insert and the join take 1.3 s (docs/design.md);
 * - in Node, from the ledger read whole, elsewhere (Redshift): its only insert is VALUES
 *   lists, and sending a million names that way would cost more than reading them (and
 *   its TEXT is VARCHAR(256), too short for some URIs).
 */
import type { Engine } from '../engines/engine.js';
import { insertRows } from '../engines/insert-with-values.js';
import { ledgerStatements } from '../sql/bookkeeping.js';
import { sqlOf, type Statement } from '../sql/statement.js';

export interface ListedFile {
  readonly uri: string;
  readonly fingerprint: string;
}

/** A file to load: its place in the listing, and the ledger's id for it when the ledger has it (a changed file). */
export interface ChangedFile {
  readonly index: number;
  readonly fileId: number | undefined;
}

/** The files of `listing` to load, in listing order. */
export function changedFiles(engine: Engine, listing: readonly ListedFile[]): Promise<ChangedFile[]> {
  return engine.insertRows ? changedFilesInWarehouse(engine, listing) : changedFilesInNode(engine, listing);
}

export async function changedFilesInWarehouse(engine: Engine, listing: readonly ListedFile[]): Promise<ChangedFile[]> {
  const sql = (statement: Statement) => sqlOf(engine.dialect, statement);
  // No DROP first: before the temporary table exists, the name could find a table of the user's.
  await engine.exec(sql(ledgerStatements.createListing));
  try {
    await insertRows(engine, 'listed_files', ['ord', 'uri', 'fingerprint'], listing.map((file, index) => [index, file.uri, file.fingerprint]));
    const changed = await engine.query<{ ord: number; file_id: number | null }>(sql(ledgerStatements.changedInListing));
    return changed.map((row) => ({ index: Number(row.ord), fileId: row.file_id === null ? undefined : Number(row.file_id) }));
  } finally {
    await engine.exec(sql(ledgerStatements.dropListing));
  }
}

export async function changedFilesInNode(engine: Engine, listing: readonly ListedFile[]): Promise<ChangedFile[]> {
  const known = new Map<string, { file_id: number; fingerprint: string }>();
  for (const row of await engine.query<{ file_id: number; uri: string; fingerprint: string }>(sqlOf(engine.dialect, ledgerStatements.knownFiles))) {
    known.set(row.uri, row);
  }
  const changed: ChangedFile[] = [];
  listing.forEach((file, index) => {
    const previous = known.get(file.uri);
    if (previous?.fingerprint !== file.fingerprint) changed.push({ index, fileId: previous?.file_id });
  });
  return changed;
}
