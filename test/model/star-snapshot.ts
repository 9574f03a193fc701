/**
 * The star tables and staging counts of a warehouse, and of the model, in one comparable
 * form: ids as decimal strings (an engine may return a number, a bigint or a string),
 * times as ISO strings, floats to 12 significant digits (the only columns compared with
 * a tolerance), rows sorted. `songplay_id` is the project's own hash, so it is checked
 * for presence and uniqueness rather than compared.
 */
import type { Engine } from '../../src/engines/engine.js';
import type { ModelResult } from './spec-model/reference-model.js';

export const starColumns = {
  songplays: ['start_time', 'user_id', 'level', 'song_id', 'artist_id', 'session_id', 'location', 'user_agent', 'item_in_session'],
  users: ['user_id', 'first_name', 'last_name', 'gender', 'level'],
  songs: ['song_id', 'title', 'artist_id', 'year', 'duration'],
  artists: ['artist_id', 'name', 'location', 'latitude', 'longitude'],
  time: ['start_time', 'hour', 'day', 'week', 'month', 'year', 'weekday'],
} as const;

type Table = keyof typeof starColumns;
export type Snapshot = { staging: { events: number; songs: number } } & Record<Table, Record<string, unknown>[]>;

const idColumns = new Set(['user_id', 'session_id', 'item_in_session']);
const floatColumns = new Set(['duration', 'latitude', 'longitude']);

function normalise(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (idColumns.has(column)) return String(value);
  if (floatColumns.has(column)) return Number(Number(value).toPrecision(12));
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function normaliseRows(table: Table, rows: readonly object[]): Record<string, unknown>[] {
  const normalised = rows.map((row) => {
    const values = row as Record<string, unknown>;
    return Object.fromEntries(starColumns[table].map((column) => [column, normalise(column, values[column])]));
  });
  return normalised.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

export function modelSnapshot(model: ModelResult | undefined): Snapshot {
  const tables = model?.tables;
  const snapshot = { staging: model?.staging ?? { events: 0, songs: 0 } } as Snapshot;
  for (const table of Object.keys(starColumns) as Table[]) snapshot[table] = normaliseRows(table, tables?.[table] ?? []);
  return snapshot;
}

export async function warehouseSnapshot(engine: Engine): Promise<Snapshot> {
  const counted = async (table: string) => Number((await engine.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
  const snapshot = { staging: { events: await counted('staging_events'), songs: await counted('staging_songs') } } as Snapshot;
  for (const table of Object.keys(starColumns) as Table[]) {
    const rows = await engine.query(`SELECT ${starColumns[table].join(', ')} FROM "${table}"`);
    snapshot[table] = normaliseRows(table, rows);
  }
  return snapshot;
}

/** songplay_id is the project's: present on every play, and one per play. */
export async function songplayIdProblems(engine: Engine): Promise<string[]> {
  const [row] = await engine.query<{ n: number; ids: number }>('SELECT COUNT(*) AS n, COUNT(DISTINCT songplay_id) AS ids FROM songplays');
  return Number(row?.n) === Number(row?.ids) ? [] : [`${row?.n} plays but ${row?.ids} distinct songplay_id values`];
}
