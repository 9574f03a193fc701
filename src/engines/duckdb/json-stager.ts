/**
 * Stages validated records through DuckDB's own JSON reader. Records arrive already
 * validated by records/, as their original text; we write them to temporary
 * newline-delimited parts, each record tagged with its file id and line, and let
 * read_json parse them. One stream for 100 k song files is several times faster than
 * a glob over them, and the INSERTs run inside the caller's transaction.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { Dialect } from '../dialect.js';
import { MAX_LINES_PER_FILE, type StagingBatch, type StagingKind, type TextRecord } from '../../records/staging-record.js';
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
  batches: AsyncIterable<StagingBatch<TextRecord>>,
  run: RunStatement,
): Promise<number> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'sparkify-stage-'));
  try {
    return await stageInParts(folder, kind, batches, (file) => run(insertFromJson(dialect, kind, file)));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Tagged lines are encoded straight into buffers of this size, then written. */
const WRITE_BYTES = 1024 * 1024;

/** Large enough that DuckDB parses a part with all its threads; small enough to overlap well. */
const PART_BYTES = 32 * 1024 * 1024;

/**
 * Writes tagged lines into parts of about PART_BYTES and has DuckDB insert each
 * finished part while Node validates the next, so the two parsers overlap instead of
 * taking turns. One INSERT runs at a time (one connection); a failure on either side
 * stops both, and nothing returns before DuckDB is idle, so the caller can roll back.
 */
async function stageInParts(
  folder: string,
  kind: StagingKind,
  batches: AsyncIterable<StagingBatch<TextRecord>>,
  insertPart: (file: string) => Promise<number>,
): Promise<number> {
  let inserted = 0;
  let insertError: unknown;
  let inserting: Promise<void> = Promise.resolve();
  const queueInsert = (file: string) => {
    inserting = inserting.then(async () => {
      if (insertError !== undefined) return;
      try {
        inserted += await insertPart(file);
      } catch (error) {
        insertError = error;
      } finally {
        await rm(file, { force: true });
      }
    });
  };

  let partNumber = 0;
  let part = openPart(folder, kind, partNumber);
  const buffer = new TaggedLineBuffer();
  const write = async () => {
    if (buffer.isEmpty()) return;
    const bytes = buffer.take();
    part.bytes += bytes.byteLength;
    if (!part.out.write(bytes)) await once(part.out, 'drain');
  };
  try {
    for await (const batch of batches) {
      if (insertError !== undefined) break;
      for (const record of batch.records) {
        if (!buffer.add(record)) {
          await write();
          buffer.add(record);
        }
      }
      part.lines += batch.records.length;
      if (part.bytes + buffer.size() >= PART_BYTES) {
        await write();
        await closePart(part);
        queueInsert(part.file);
        part = openPart(folder, kind, ++partNumber);
      }
    }
    await write();
    await closePart(part);
    if (part.lines > 0) queueInsert(part.file);
  } finally {
    part.out.destroy();
    await inserting;
  }
  if (insertError !== undefined) throw insertError;
  return inserted;
}

/**
 * Tagged lines encoded straight into a buffer: each validated record is one JSON
 * object, so our two keys are spliced in after its "{". Encoding into bytes here, rather
 * than concatenating strings for the stream to encode, saves a copy of every line.
 */
class TaggedLineBuffer {
  private bytes = Buffer.allocUnsafe(WRITE_BYTES);
  private used = 0;
  private prefixFileId = -1;
  private prefix = '';

  /** False when the record does not fit: take() the buffer, then add it again. */
  add(record: TextRecord): boolean {
    if (record.fileId !== this.prefixFileId) {
      this.prefix = `{"${FILE_ID}":${record.fileId.toFixed(0)},"${LINE}":`;
      this.prefixFileId = record.fileId;
    }
    const body = record.raw.slice(record.raw.indexOf('{') + 1);
    // Worst case: three bytes a UTF-16 unit, the prefix, the line number, ",", "\n".
    const needed = this.prefix.length + 12 + body.length * 3;
    if (this.used + needed > this.bytes.byteLength) {
      if (this.used > 0) return false;
      this.bytes = Buffer.allocUnsafe(needed);
    }
    this.used += this.bytes.write(this.prefix, this.used, 'latin1');
    this.used += this.bytes.write(record.line.toFixed(0), this.used, 'latin1');
    this.bytes[this.used++] = COMMA;
    this.used += this.bytes.write(body, this.used, 'utf8');
    this.bytes[this.used++] = NEWLINE;
    return true;
  }

  size(): number {
    return this.used;
  }

  isEmpty(): boolean {
    return this.used === 0;
  }

  /** The filled bytes, handed over (the stream keeps them until written); a fresh buffer follows. */
  take(): Buffer {
    const filled = this.bytes.subarray(0, this.used);
    this.bytes = Buffer.allocUnsafe(WRITE_BYTES);
    this.used = 0;
    return filled;
  }
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;

interface Part {
  readonly file: string;
  readonly out: WriteStream;
  lines: number;
  bytes: number;
}

function openPart(folder: string, kind: StagingKind, partNumber: number): Part {
  const file = path.join(folder, `${kind}-${partNumber}.ndjson`);
  return { file, out: createWriteStream(file, { highWaterMark: 1 << 20 }), lines: 0, bytes: 0 };
}

async function closePart(part: Part): Promise<void> {
  if (part.out.closed) return;
  part.out.end();
  await once(part.out, 'close');
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
