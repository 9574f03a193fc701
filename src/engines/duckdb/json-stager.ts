/**
 * Stages validated records through DuckDB's own JSON reader. Records arrive already
 * validated by records/, as their original text; we write them to one temporary
 * newline-delimited file, each tagged with its file id and line, and let read_json
 * parse the lot in parallel. One stream for 100 k song files is several times faster
 * than a glob over them, and one INSERT keeps the load inside the caller's transaction.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { Dialect } from '../dialect.js';
import { MAX_LINES_PER_FILE, type StagingBatch, type StagingKind } from '../../records/staging-record.js';
import { stagingTables, type ColumnType, type StagingColumn } from '../../sql/staging-columns.js';

const FILE_ID = '__sparkify_file_id';
const LINE = '__sparkify_line';

const duckdbTypes: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMP',
};

export type RunStatement = (sql: string) => Promise<number>;

export async function stageThroughJsonReader(
  dialect: Dialect,
  kind: StagingKind,
  batches: AsyncIterable<StagingBatch>,
  run: RunStatement,
): Promise<number> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'sparkify-stage-'));
  const file = path.join(folder, `${kind}.ndjson`);
  try {
    const written = await writeTaggedLines(file, batches);
    if (written === 0) return 0;
    return await run(insertFromJson(dialect, kind, file));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function writeTaggedLines(file: string, batches: AsyncIterable<StagingBatch>): Promise<number> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let written = 0;
  try {
    for await (const batch of batches) {
      let chunk = '';
      for (const record of batch.records) {
        // A validated record is one JSON object: splice our two keys in after its "{".
        const body = record.raw.slice(record.raw.indexOf('{') + 1);
        chunk += `{"${FILE_ID}":${record.fileId},"${LINE}":${record.line},${body}\n`;
      }
      written += batch.records.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return written;
}

function insertFromJson(dialect: Dialect, kind: StagingKind, file: string): string {
  const { table, columns } = stagingTables[kind];
  const q = (name: string) => dialect.quoteIdentifier(name);
  const jsonColumns = new Map<string, string>([
    [FILE_ID, 'INTEGER'],
    [LINE, 'INTEGER'],
  ]);
  for (const column of columns) {
    if ('field' in column.source) jsonColumns.set(column.source.field, duckdbTypes[column.type]);
  }
  const columnSpec = [...jsonColumns].map(([name, type]) => `${dialect.quoteLiteral(name)}: ${dialect.quoteLiteral(type)}`).join(', ');
  return `
INSERT INTO ${q(table)} (${columns.map((c) => q(c.column)).join(', ')})
SELECT ${columns.map((c) => selectExpression(c, q)).join(', ')}
FROM read_json(${dialect.quoteLiteral(file)},
               format = 'newline_delimited',
               columns = {${columnSpec}},
               maximum_object_size = 16777216)`;
}

function selectExpression(column: StagingColumn, q: (name: string) => string): string {
  const source = column.source;
  if ('field' in source) return q(source.field);
  switch (source.derived) {
    case 'event_id':
      return `CAST(${q(FILE_ID)} AS BIGINT) * ${MAX_LINES_PER_FILE} + ${q(LINE)}`;
    case 'timestamp_from_ts':
      return `epoch_ms(${q('ts')})`;
    case 'source_file_id':
      return q(FILE_ID);
    case 'source_line':
      return q(LINE);
  }
}
