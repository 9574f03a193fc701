/**
 * Validated records as lines of PostgreSQL's COPY text format: columns separated by
 * a tab, rows ended by a newline, NULL written `\N`, and in a value exactly four
 * characters escaped with a backslash (backslash, tab, newline, carriage return).
 * Everything else, quotes and non-ASCII included, travels as it is in UTF-8.
 *
 * The column order comes from sql/staging-columns.ts, the one list every stager uses.
 */
import { LoadError } from '../../errors.js';
import type { SqlValue } from '../engine.js';
import { eventIdOf, type StagingKind, type StagingRecord } from '../../records/staging-record.js';
import { stagingTables, type StagingColumn } from '../../sql/staging-columns.js';
import { MAX_DATE_MS, utcTimestampText } from './timestamp-text.js';

export const COPY_NULL = '\\N';


const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;

/**
 * A number's digits. Integers (nearly every number staged) go through toFixed, which
 * makes a young string: String(number) goes through V8's number-string cache, whose
 * strings are allocated in the old generation and pile up there until a full
 * collection, about 50 MB per million events, and peak RSS with them.
 */
function numberText(value: number): string {
  // Past 2^53 toFixed writes every digit of the double, String() the shortest that reads back.
  return Number.isSafeInteger(value) ? value.toFixed(0) : String(value);
}

/** One value as COPY text. NUL cannot be stored in a PostgreSQL text value at all. */
export function copyTextValue(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return COPY_NULL;
  // An id past 2^53 (records/int64.ts): its exact digits.
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be stored in a numeric column`);
    return numberText(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value.includes('\u0000')) throw new NulCharacterError();
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (char) => escapes[char] as string) : value;
}

/** A bound value (engine.ts `SqlValue`) as COPY text: Dates as UTC timestamps, bigints as digits. */
export function copyTextOfSqlValue(value: SqlValue): string {
  if (value instanceof Date) return utcTimestampText(value.getTime());
  return copyTextValue(value);
}

export class NulCharacterError extends Error {
  constructor() {
    super('a text value holds a NUL character (\\u0000), which PostgreSQL cannot store');
  }
}

export type RowEncoder = (record: StagingRecord) => string;

/**
 * Builds, once per staging table, the function that turns a record into one COPY line
 * (without its newline). Cells are collected in an array and joined: one flat string per
 * row, rather than a chain of concatenations for the collector to clean up.
 */
export function stagingRowEncoder(kind: StagingKind): RowEncoder {
  const cells = stagingTables[kind].columns.map(cellOf);
  const row = new Array<string>(cells.length);
  return (record) => {
    try {
      for (let i = 0; i < cells.length; i++) row[i] = (cells[i] as Cell)(record);
      return row.join('\t');
    } catch (error) {
      // The record passed validation, so this is a value PostgreSQL cannot hold; name where it is.
      const reason = error instanceof Error ? error.message : String(error);
      throw new LoadError(`input file #${record.fileId}, line ${record.line}: ${reason}`, { cause: error });
    }
  };
}

/** The column names in COPY order, as the encoder writes them. */
export function stagingColumnNames(kind: StagingKind): string[] {
  return stagingTables[kind].columns.map((column) => column.column);
}

type Cell = (record: StagingRecord) => string;
type Fields = Readonly<Record<string, unknown>>;

function cellOf(column: StagingColumn): Cell {
  const source = column.source;
  if ('field' in source) {
    const field = source.field;
    return (record) => copyTextValue(scalar((record.fields as unknown as Fields)[field], field));
  }
  switch (source.derived) {
    case 'event_id':
      return (record) => numberText(eventIdOf(record.fileId, record.line));
    case 'timestamp_from_ts':
      return (record) => {
        const ts = (record.fields as unknown as Fields).ts;
        if (typeof ts !== 'number') return COPY_NULL;
        if (!(Math.abs(ts) <= MAX_DATE_MS)) throw new RangeError(`"ts" ${ts} is outside the range of a timestamp`);
        return utcTimestampText(ts);
      };
    case 'source_file_id':
      return (record) => numberText(record.fileId);
    case 'source_line':
      return (record) => numberText(record.line);
  }
}

function scalar(value: unknown, field: string): string | number | bigint | boolean | null | undefined {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return value;
  }
  throw new TypeError(`field "${field}" is not a scalar value`);
}
