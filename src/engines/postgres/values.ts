/**
 * PostgreSQL's result values normalised to the engine-neutral `Row` (see engine.ts),
 * through type parsers set on our client only, never pg's global ones, so another
 * library in the same process keeps pg's defaults. Shared with the Redshift engine.
 */
import pg from 'pg';
import type { CustomTypesConfig } from 'pg';
import type { Row } from '../engine.js';

type RowValue = Row[string];

/** Type OIDs from pg_type that need a parser other than pg's default. */
const oids = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  json: 114,
  jsonb: 3802,
} as const;

/** Integers that fit a double exactly as numbers, bigger ones (a 64-bit id) as exact bigints. */
export function parseInteger(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/** numeric as a number; an integer too big for a double is an exact bigint, like int8. */
export function parseNumeric(text: string): number | bigint | string {
  if (/^-?\d+$/.test(text)) return parseInteger(text);
  const value = Number(text);
  return Number.isNaN(value) && text !== 'NaN' ? text : value;
}

const TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(\.\d+)?)?( BC)?$/;

/**
 * `timestamp` (without time zone) and `date` text read as UTC: our timestamps are
 * stored in UTC, and pg's default parser would read them in the process's zone.
 * Sub-millisecond digits are dropped, as a JS Date cannot hold them.
 */
export function parseUtcTimestamp(text: string): Date | string {
  const match = TIMESTAMP.exec(text);
  if (!match) return text; // 'infinity' and '-infinity' have no Date
  const [, year, month, day, hour, minute, second, fraction, bc] = match;
  const fullYear = bc ? 1 - Number(year) : Number(year);
  const ms = fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0;
  const date = new Date(0);
  date.setUTCFullYear(fullYear, Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), ms);
  return date;
}

const parsers = new Map<number, (text: string) => RowValue>([
  [oids.int8, parseInteger],
  [oids.numeric, parseNumeric],
  [oids.timestamp, parseUtcTimestamp],
  [oids.date, parseUtcTimestamp],
  // Kept as text: a Row holds no objects, and the caller knows the column is JSON.
  [oids.json, (text) => text],
  [oids.jsonb, (text) => text],
]);

/** The `types` setting for a pg Client: our parsers first, pg's defaults for the rest. */
export const rowTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const parser = format === 'binary' ? undefined : parsers.get(oid);
    return parser ?? pg.types.getTypeParser(oid, format ?? 'text');
  }) as CustomTypesConfig['getTypeParser'],
};

/** Whatever pg's default parsers made (intervals, arrays, buffers) as a Row value. */
export function toRowValue(value: unknown): RowValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return JSON.stringify(value);
}

export function toRow(record: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [name, value] of Object.entries(record)) row[name] = toRowValue(value);
  return row;
}
