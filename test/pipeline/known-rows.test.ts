/**
 * The star tables' row counts an incremental load starts from are read from the latest
 * successful run's `table_changes` (pipeline/known-rows.ts): only a record that gives
 * every table a whole number is taken; anything else means "count them".
 */
import { describe, expect, it } from 'vitest';
import { rowsRecorded } from '../../src/pipeline/known-rows.js';

const change = (rows: unknown) => ({ inserted: 0, updated: 0, deleted: 0, rows });
const recorded = { songs: change(2), artists: change(1), users: change(3), songplays: change(5), time: change(4) };

describe('rowsRecorded', () => {
  it("takes each star table's rows from a run's table_changes", () => {
    expect(rowsRecorded(JSON.stringify(recorded))).toEqual({ songs: 2, artists: 1, users: 3, songplays: 5, time: 4 });
    expect(rowsRecorded(JSON.stringify({ ...recorded, songplays: change(0) }))?.songplays).toBe(0);
  });

  it.each([
    ['no record', null],
    ['text that is not JSON', '{"songs": '],
    ['JSON that is not an object', '[1, 2]'],
    ['a table missing', JSON.stringify({ ...recorded, time: undefined })],
    ['a table without rows', JSON.stringify({ ...recorded, users: { inserted: 1 } })],
    ['rows as text', JSON.stringify({ ...recorded, songs: change('2') })],
    ['negative rows', JSON.stringify({ ...recorded, songs: change(-1) })],
    ['fractional rows', JSON.stringify({ ...recorded, songs: change(1.5) })],
    ['rows past 2^53', JSON.stringify({ ...recorded, songs: change(2 ** 53) })],
  ])('gives nothing for %s', (_what, tableChanges) => {
    expect(rowsRecorded(tableChanges)).toBeUndefined();
  });
});
