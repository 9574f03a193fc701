/** `$name` -> `$n` rewriting for PostgreSQL: literals, identifiers and comments are left alone. */
import { describe, expect, it } from 'vitest';
import { toPositional } from '../../src/engines/postgres/params.js';
import { utcTimestampText } from '../../src/engines/postgres/timestamp-text.js';

describe('postgres named parameters', () => {
  it('numbers each distinct name once, in order of first use', () => {
    expect(toPositional('SELECT $b, $a, $b + 1', { a: 1, b: 'two' })).toEqual({ text: 'SELECT $1, $2, $1 + 1', values: ['two', 1] });
  });

  it('leaves a statement without parameters as it is', () => {
    expect(toPositional('SELECT 1', {})).toEqual({ text: 'SELECT 1', values: [] });
  });

  it('ignores $name inside string literals, doubled quotes included', () => {
    const sql = `SELECT 'costs $price', 'it''s $x', $y FROM t WHERE a = 'b''$c'`;
    expect(toPositional(sql, { y: 1 })).toEqual({ text: `SELECT 'costs $price', 'it''s $x', $1 FROM t WHERE a = 'b''$c'`, values: [1] });
  });

  it("ignores $name inside E'' strings, whose backslash escapes a quote", () => {
    const sql = `SELECT E'a\\'$not', $yes`;
    expect(toPositional(sql, { yes: true }).text).toBe(`SELECT E'a\\'$not', $1`);
  });

  it('ignores $name inside quoted identifiers', () => {
    expect(toPositional('SELECT "col $a" , "x""$b" FROM t WHERE id = $id', { id: 3 }).text).toBe(
      'SELECT "col $a" , "x""$b" FROM t WHERE id = $1',
    );
  });

  it('ignores $name inside dollar-quoted bodies and comments', () => {
    const sql = `DO $body$ BEGIN PERFORM $inner; END $body$; SELECT $$ $x $$, $v -- $comment\n/* $a /* $nested */ $b */ , $w`;
    expect(toPositional(sql, { v: 1, w: 2 })).toEqual({
      text: `DO $body$ BEGIN PERFORM $inner; END $body$; SELECT $$ $x $$, $1 -- $comment\n/* $a /* $nested */ $b */ , $2`,
      values: [1, 2],
    });
  });

  it('keeps positional $1 and identifiers containing $ as they are', () => {
    expect(toPositional('SELECT a$b, $1', {}).text).toBe('SELECT a$b, $1');
  });

  it('refuses a parameter without a value, naming it', () => {
    expect(() => toPositional('SELECT $missing', {})).toThrow('$missing');
  });

  it('sends Dates as UTC timestamp text, whatever the process time zone, and bigints as digits', () => {
    const { values } = toPositional('SELECT $at, $big', { at: new Date('2018-11-01T21:01:46.796Z'), big: 2n ** 63n - 1n });
    expect(values).toEqual(['2018-11-01 21:01:46.796', '9223372036854775807']);
  });
});

describe('UTC timestamp text', () => {
  it.each([
    [0, '1970-01-01 00:00:00.000'],
    [Date.UTC(2018, 10, 1, 21, 1, 46, 796), '2018-11-01 21:01:46.796'],
    [Date.UTC(999, 0, 2), '0999-01-02 00:00:00.000'],
    // JS year 0 is 1 BC in PostgreSQL, which has no year 0.
    [new Date('0000-01-01T00:00:00Z').getTime(), '0001-01-01 00:00:00.000 BC'],
    [8.64e15, '275760-09-13 00:00:00.000'],
    [-1, '1969-12-31 23:59:59.999'],
    [Date.UTC(2018, 10, 1, 23, 59, 59, 999), '2018-11-01 23:59:59.999'],
    [Date.UTC(2018, 10, 2), '2018-11-02 00:00:00.000'],
  ])('%d ms is %s', (ms, text) => {
    expect(utcTimestampText(ms)).toBe(text);
  });

  it('agrees with toISOString across days, whatever the order of calls (the day cache)', () => {
    for (let i = 0; i < 2000; i++) {
      const ms = Math.round((Math.sin(i) + 1) * 2e12) - 1e12;
      expect(utcTimestampText(ms)).toBe(new Date(ms).toISOString().replace('T', ' ').replace('Z', ''));
    }
  });

  it('refuses what a Date cannot hold', () => {
    expect(() => utcTimestampText(8.64e15 + 1)).toThrow(RangeError);
    expect(() => utcTimestampText(Number.NaN)).toThrow(RangeError);
  });
});
