/** PostgreSQL result text parsed into the engine-neutral Row values. */
import { describe, expect, it } from 'vitest';
import { parseInteger, parseNumeric, parseUtcTimestamp, toRowValue } from '../../src/engines/postgres/values.js';

describe('postgres result values', () => {
  it('reads timestamps as UTC Dates, dropping digits below the millisecond', () => {
    expect(parseUtcTimestamp('2018-11-01 21:01:46.796')).toEqual(new Date('2018-11-01T21:01:46.796Z'));
    expect(parseUtcTimestamp('2018-11-01 21:01:46.7969')).toEqual(new Date('2018-11-01T21:01:46.796Z'));
    expect(parseUtcTimestamp('2018-11-01 21:01:46')).toEqual(new Date('2018-11-01T21:01:46.000Z'));
    expect(parseUtcTimestamp('2018-11-01')).toEqual(new Date('2018-11-01T00:00:00.000Z'));
    expect(parseUtcTimestamp('0050-03-01 00:00:00')).toEqual(new Date('0050-03-01T00:00:00.000Z'));
    expect(parseUtcTimestamp('0001-01-01 00:00:00 BC')).toEqual(new Date('0000-01-01T00:00:00.000Z'));
    expect(parseUtcTimestamp('infinity')).toBe('infinity');
  });

  it('reads int8 and numeric as numbers while exact, as digits beyond', () => {
    expect(parseInteger('42')).toBe(42);
    expect(parseInteger('9007199254740993')).toBe(9007199254740993n);
    expect(parseNumeric('12.50')).toBe(12.5);
    expect(parseNumeric('-7')).toBe(-7);
    expect(parseNumeric('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
  });

  it('turns whatever else the driver made into a Row value', () => {
    expect(toRowValue(undefined)).toBeNull();
    expect(toRowValue(10n)).toBe(10);
    expect(toRowValue(Buffer.from([1, 255]))).toBe('01ff');
    expect(toRowValue({ hours: 1 })).toBe('{"hours":1}');
  });
});
