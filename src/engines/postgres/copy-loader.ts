/**
 * Bulk loading through `COPY ... FROM STDIN`, streamed with pg-copy-streams.
 *
 * Text is produced one batch at a time and handed to `pipeline()`, which waits for
 * the COPY stream to drain before pulling the next batch, and the COPY stream in turn
 * waits for the socket: memory holds a batch or two, whatever the input size. The
 * COPY is awaited inside the caller's transaction, so its rows commit or roll back
 * with the rest of the load. When the source fails (a rejected record over budget, an
 * unreadable file), `pipeline()` destroys the COPY stream with that error; the stream
 * sends CopyFail, the server aborts the COPY, and the original error is rethrown.
 *
 * Also the engine's `insertRows`: ledger entries and load errors, tens of thousands of
 * rows for a tree of many small files, go the same way rather than as INSERT .. VALUES.
 */
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Dialect } from '../dialect.js';
import type { StagingBatch, StagingKind } from '../../records/staging-record.js';
import { stagingTables } from '../../sql/staging-columns.js';
import type { SqlValue } from '../engine.js';
import { copyTextOfSqlValue, stagingColumnNames, stagingRowEncoder } from './copy-text.js';

/**
 * Streams COPY text lines into `table`; each chunk is one or more whole lines.
 * Resolves with the row count the server reports, once the rows are visible in the
 * transaction.
 */
export async function copyLines(
  client: ClientBase,
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  chunks: AsyncIterable<string>,
): Promise<number> {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const statement = `COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN (FORMAT text)`;
  const stream = client.query(copyFrom(statement));
  await pipeline(chunks, stream);
  return stream.rowCount;
}

/** Loads validated records into a staging table, in the column order of sql/staging-columns.ts. */
export function copyStagingBatches(
  client: ClientBase,
  dialect: Dialect,
  kind: StagingKind,
  batches: AsyncIterable<StagingBatch>,
): Promise<number> {
  return copyLines(client, dialect, stagingTables[kind].table, stagingColumnNames(kind), encodeBatches(kind, batches));
}

/**
 * Strings of some tens of kilobytes: few enough writes to keep the stream's per-write
 * cost low, and below V8's large-object size (128 KiB), so they die young instead of
 * piling up in the old generation until a full collection (peak RSS).
 */
const WRITE_CHARS = 60_000;

async function* encodeBatches(kind: StagingKind, batches: AsyncIterable<StagingBatch>): AsyncGenerator<string> {
  const encode = stagingRowEncoder(kind);
  for await (const batch of batches) {
    let text = '';
    for (const record of batch.records) {
      text += `${encode(record)}\n`;
      if (text.length >= WRITE_CHARS) {
        yield text;
        text = '';
      }
    }
    if (text.length > 0) yield text;
  }
}

/** Rows of bound values (ledger entries, load errors) through COPY instead of INSERT .. VALUES. */
export function copyValueRows(
  client: ClientBase,
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<number> {
  return copyLines(client, dialect, table, columns, encodeValueRows(rows));
}

const ROWS_PER_CHUNK = 1000;

async function* encodeValueRows(rows: readonly (readonly SqlValue[])[]): AsyncGenerator<string> {
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
    const lines = rows.slice(start, start + ROWS_PER_CHUNK).map((row) => row.map(copyTextOfSqlValue).join('\t'));
    yield `${lines.join('\n')}\n`;
  }
}
