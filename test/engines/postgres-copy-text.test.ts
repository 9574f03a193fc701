/** COPY text format encoding: exactly four characters escaped, NULL as \N, column order from staging-columns. */
import { describe, expect, it } from 'vitest';
import { copyTextValue, stagingColumnNames, stagingRowEncoder } from '../../src/engines/postgres/copy-text.js';
import type { EventFields, StagingRecord } from '../../src/records/staging-record.js';
import { stagingEventColumns } from '../../src/sql/staging-columns.js';
import { nastyStrings } from '../support/nasty-strings.js';

describe('COPY text values', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\b', 'a\\\\b'],
    ['a\tb', 'a\\tb'],
    ['a\nb', 'a\\nb'],
    ['a\rb', 'a\\rb'],
    ['\\N', '\\\\N'],
    ['\\.', '\\\\.'],
    ['"quoted" and \'single\'', '"quoted" and \'single\''],
    ['Björk 東京 🎧', 'Björk 東京 🎧'],
    ['', ''],
  ])('%j is written %j', (value, text) => {
    expect(copyTextValue(value)).toBe(text);
  });

  it('writes NULL as \\N, and an empty string as nothing', () => {
    expect(copyTextValue(null)).toBe('\\N');
    expect(copyTextValue(undefined)).toBe('\\N');
    expect(copyTextValue('')).toBe('');
  });

  it('writes numbers in a form PostgreSQL reads back exactly', () => {
    expect(copyTextValue(200.5)).toBe('200.5');
    expect(copyTextValue(1540919166796)).toBe('1540919166796');
    expect(copyTextValue(-0.000001)).toBe('-0.000001');
    expect(copyTextValue(1e21)).toBe('1e+21');
    expect(copyTextValue(-0)).toBe('0');
    expect(copyTextValue(2 ** 53 - 1)).toBe('9007199254740991');
    expect(copyTextValue(2 ** 60)).toBe(String(2 ** 60));
    expect(copyTextValue(-2_147_483_648)).toBe('-2147483648');
    expect(() => copyTextValue(Number.NaN)).toThrow(RangeError);
  });

  it('refuses NUL, which a PostgreSQL text value cannot hold', () => {
    expect(() => copyTextValue('a\u0000b')).toThrow(/NUL/);
  });

  it('never leaves a raw tab, newline or carriage return in a value', () => {
    for (const value of nastyStrings) expect(copyTextValue(value)).not.toMatch(/[\t\n\r]/);
  });
});

describe('COPY staging rows', () => {
  const fields: EventFields = {
    artist: 'Sigur Rós', auth: 'Logged In', firstName: 'Ada', gender: 'F', itemInSession: 3, lastName: null,
    length: 200.5, level: 'free', location: 'Tab\tTown', method: 'PUT', page: 'NextSong', registration: 1540919166796.5,
    sessionId: 818, song: 'New\nLine', status: 200, ts: Date.UTC(2018, 10, 21, 21, 56, 47, 796), userAgent: '"UA \\ with backslash"', userId: '15',
  };
  const record: StagingRecord = { fileId: 12, line: 345, raw: '{}', fields };

  it('follows sql/staging-columns.ts: one tab-separated line per record', () => {
    expect(stagingColumnNames('events')).toEqual(stagingEventColumns.map((c) => c.column));
    const line = stagingRowEncoder('events')(record);
    expect(line).not.toMatch(/[\n\r]/);
    const cells = line.split('\t');
    expect(cells).toHaveLength(stagingEventColumns.length);
    const byColumn = Object.fromEntries(stagingEventColumns.map((c, i) => [c.column, cells[i]]));
    expect(byColumn).toEqual({
      event_id: '1200000345',
      artist_name: 'Sigur Rós',
      auth: 'Logged In',
      user_first_name: 'Ada',
      user_gender: 'F',
      item_in_session: '3',
      user_last_name: '\\N',
      song_length: '200.5',
      user_level: 'free',
      location: 'Tab\\tTown',
      method: 'PUT',
      page: 'NextSong',
      registration: '1540919166796.5',
      session_id: '818',
      song_title: 'New\\nLine',
      status: '200',
      timestamp: '2018-11-21 21:56:47.796',
      ts_ms: String(fields.ts),
      user_agent: '"UA \\\\ with backslash"',
      user_id: '15',
      source_file_id: '12',
      source_line: '345',
    });
  });

  it('names the input file id and line when a value cannot be stored', () => {
    const encode = stagingRowEncoder('events');
    expect(() => encode({ ...record, fields: { ...fields, song: 'nul\u0000' } })).toThrow(/input file #12, line 345: .*NUL/);
    expect(() => encode({ ...record, fields: { ...fields, ts: 9e15 } })).toThrow(/line 345: "ts" 9000000000000000 is outside/);
  });
});
