/**
 * Stages validated records through DuckDB's own JSON reader. Records arrive already
 * validated by records/, as their original text; we write them to temporary
 * newline-delimited parts, each record tagged with its file id and line, and let
 * read_json parse them. One stream for 100 k song files is several times faster than
 * a glob over them, and the INSERTs run inside the caller's transaction.
 */
import type { Dialect } from '../dialect.js';
import type { TextStream } from '../engine.js';
import { MAX_LINES_PER_FILE, type StagingKind } from '../../records/staging-record.js';
import { stagingTables, type ColumnType, type StagingColumn } from '../../sql/staging-columns.js';
import { FILE_ID, LINE, stageInParts, type FinishedPart, type PartLimits } from './staging-parts.js';

const duckdbTypes: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMP',
};

export type RunStatement = (sql: string) => Promise<number>;

/**
 * Stages each stream in turn through parts written under `scratch` (the engine's own
 * temp folder) into its kind's table: the staging table unless a load stages ahead
 * (pipeline/stage-ahead.ts). Returns the rows staged of each kind.
 */
export function stageThroughJsonReader(
  dialect: Dialect,
  streams: readonly TextStream[],
  scratch: string,
  run: RunStatement,
  options: { readonly tables?: Readonly<Record<StagingKind, string>>; readonly limits?: PartLimits } = {},
): Promise<Record<StagingKind, number>> {
  const partStreams = streams.map(({ kind, batches }) => {
    const table = options.tables?.[kind] ?? stagingTables[kind].table;
    return { kind, batches, insertPart: (part: FinishedPart) => run(insertFromJson(dialect, kind, table, part)) };
  });
  return stageInParts(scratch, partStreams, options.limits);
}

/**
 * read_json refuses a line longer than its buffer (16 MB by default) with an error that
 * names the part; every engine loads such a record, so the buffer fits the part's longest.
 */
const DEFAULT_OBJECT_BYTES = 16 * 1024 * 1024;

function insertFromJson(dialect: Dialect, kind: StagingKind, table: string, part: FinishedPart): string {
  const { columns } = stagingTables[kind];
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
FROM read_json(${dialect.quoteLiteral(part.file)},
               format = 'newline_delimited',
               columns = {${columnSpec}},
               maximum_object_size = ${Math.max(DEFAULT_OBJECT_BYTES, part.longestLineBytes + 1)})`;
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
