/** The record rules of SPEC.md, on single lines: what is accepted, and the reason for what is not. */
import { fc, test } from '@fast-check/vitest';
import { parse as parseLossless } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { validateLine } from '../../src/records/validate.js';
import { LineSplitter, splitLines, splitWhole } from '../../src/records/split-lines.js';

const event = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ artist: null, auth: 'Logged In', itemInSession: 0, page: 'Home', sessionId: 1, ts: 1541105830796, userId: '39', ...overrides });

describe('validateLine', () => {
  it('accepts a real event, with a string userId, "" for a logged-out visitor, and a whole-number userId', () => {
    expect(validateLine('events', event())).toMatchObject({ ok: true, fields: { userId: '39', ts: 1541105830796, artist: null } });
    expect(validateLine('events', event({ userId: '' }))).toMatchObject({ ok: true, fields: { userId: '' } });
    expect(validateLine('events', event({ userId: 39 }))).toMatchObject({ ok: true, fields: { userId: '39' } });
  });

  it('accepts a null or absent sessionId and itemInSession (SPEC.md: integers or null)', () => {
    expect(validateLine('events', event({ sessionId: null, itemInSession: undefined }))).toMatchObject({ ok: true, fields: { sessionId: null, itemInSession: null } });
  });

  it.each([
    ['{"ts": 1', /^not valid JSON/],
    ['[1, 2]', /^not a JSON object$/],
    [event({ ts: '1541105830796' }), /^"ts" must be an integer number of epoch milliseconds, not the string "1541105830796"$/],
    [event({ ts: 1.5 }), /^"ts" must be an integer number of epoch milliseconds/],
    [event({ userId: 'abc' }), /^"userId" must be a string of digits or "", not the string "abc"$/],
    [event({ userId: null }), /^"userId" must be a string of digits, "" or a whole number, not null$/],
    [event({ userId: -3 }), /^"userId" must be a string of digits, "" or a whole number, not number -3$/],
    [event({ sessionId: 1.5 }), /^"sessionId" must be an integer, not number 1.5$/],
    [event({ status: 2 ** 40 }), /^"status" must be a 32-bit integer/],
    [event({ artist: 7 }), /^"artist" must be a string or null, not number 7$/],
    [event({ artist: 'a\u0000b' }), /^"artist" holds a NUL character/],
  ])('rejects %s', (line, reason) => {
    const result = validateLine('events', line);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('takes ids as signed 64-bit integers, exactly: past 2^53 read again from the digits', () => {
    const fields = (line: string) => {
      const result = validateLine('events', line);
      if (!result.ok) throw new Error(result.reason);
      return result;
    };
    // The issue's two: past 32 bits, both.
    expect(fields(event({ sessionId: 3_000_000_000, userId: '2147483648' })).fields).toMatchObject({ sessionId: 3_000_000_000, userId: '2147483648' });
    const big = fields('{"sessionId": 9007199254740993, "itemInSession": 9223372036854775807.0, "ts": 1541105830796, "userId": 9223372036854775807}');
    expect(big.fields).toMatchObject({ sessionId: 9007199254740993n, itemInSession: 9223372036854775807n, userId: '9223372036854775807' });
    // DuckDB reads the text again: it gets the ids as validated, the rest as written.
    expect(big.text).toBe('{"sessionId":9007199254740993,"itemInSession":9223372036854775807,"ts":1541105830796,"userId":"9223372036854775807"}');
    expect(fields(event({ sessionId: -(2 ** 53) - 8 })).fields).toMatchObject({ sessionId: -9007199254741000n });
    expect(fields('{"sessionId": -9223372036854775808, "itemInSession": 3e9, "ts": 1, "userId": "1"}').fields)
      .toMatchObject({ sessionId: -9223372036854775808n, itemInSession: 3_000_000_000 });
  });

  const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
  const spelled = (value: bigint, form: number) => [`${value}`, `${value}.0`, `${value}E0`, `${value}.000e+0`][form] as string;
  const exact = (value: bigint) => (value >= -(2n ** 53n) + 1n && value <= 2n ** 53n - 1n ? Number(value) : value);

  test.prop([int64, int64, fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), fc.nat(3), fc.boolean()])(
    'reads any id in signed 64 bits exactly, however it is spelled, and hands a re-reader the same digits',
    (session, item, user, form, userAsNumber) => {
      const line = `{"sessionId": ${spelled(session, form)}, "itemInSession": ${spelled(item, 3 - form)}, "ts": 1541105830796, "userId": ${userAsNumber ? spelled(user, form) : `"${user}"`}}`;
      const result = validateLine('events', line);
      expect(result).toMatchObject({ ok: true, fields: { sessionId: exact(session), itemInSession: exact(item), userId: `${user}` } });
      // What DuckDB reads again: these ids, exactly, whichever text it gets.
      const reread = parseLossless(result.ok ? (result.text ?? line) : '', null, (text) => text) as Record<string, string>;
      if (typeof exact(session) === 'bigint') expect(reread.sessionId).toBe(`${session}`);
      if (typeof exact(item) === 'bigint') expect(reread.itemInSession).toBe(`${item}`);
      expect(reread.userId).toBe(`${user}`);
    },
  );

  test.prop([fc.oneof(fc.bigInt({ min: 2n ** 63n, max: 2n ** 80n }), fc.bigInt({ min: -(2n ** 80n), max: -(2n ** 63n) - 1n }))])(
    'rejects any id outside signed 64 bits, saying so',
    (value) => {
      const line = `{"sessionId": ${value}, "itemInSession": 0, "ts": 1541105830796, "userId": "1"}`;
      expect(validateLine('events', line)).toEqual({ ok: false, reason: `"sessionId" ${value} is outside the signed 64-bit integer range` });
    },
  );

  it('takes a userId as canonical digits, so "007", "7" and 7 are one user; an ordinary line is passed on as it is', () => {
    for (const userId of ['007', '7', 7, 7.0]) {
      const result = validateLine('events', event({ userId }));
      expect(result).toMatchObject({ ok: true, fields: { userId: '7' } });
      expect(result.ok && result.text).toBe(userId === '7' ? undefined : event({ userId: '7' }));
    }
    expect(validateLine('events', event({ userId: '0000' }))).toMatchObject({ ok: true, fields: { userId: '0' } });
    expect(validateLine('events', event({ userId: '0009223372036854775807' }))).toMatchObject({ ok: true, fields: { userId: '9223372036854775807' } });
  });

  it.each([
    ['{"sessionId": 9223372036854775808, "itemInSession": 0, "ts": 1, "userId": "1"}', '"sessionId" 9223372036854775808 is outside the signed 64-bit integer range'],
    ['{"sessionId": -9223372036854775809, "itemInSession": 0, "ts": 1, "userId": "1"}', '"sessionId" -9223372036854775809 is outside the signed 64-bit integer range'],
    ['{"sessionId": 1, "itemInSession": 1e400, "ts": 1, "userId": "1"}', '"itemInSession" 1e400 is outside the signed 64-bit integer range'],
    ['{"sessionId": 1, "itemInSession": 9007199254740993.5, "ts": 1, "userId": "1"}', '"itemInSession" must be an integer, not number 9007199254740993.5'],
    ['{"sessionId": 1, "itemInSession": 0, "ts": 1, "userId": "9223372036854775808"}', '"userId" "9223372036854775808" is outside the signed 64-bit integer range'],
    ['{"sessionId": 1, "itemInSession": 0, "ts": 1, "userId": 18446744073709551616}', '"userId" 18446744073709551616 is outside the signed 64-bit integer range'],
  ])('rejects an id outside signed 64 bits: %s', (line, reason) => {
    expect(validateLine('events', line)).toEqual({ ok: false, reason });
  });

  it('takes a ts within years 1–9999 UTC, and rejects one outside', () => {
    const first = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
    const last = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
    expect(validateLine('events', event({ ts: first }))).toMatchObject({ ok: true, fields: { ts: first } });
    expect(validateLine('events', event({ ts: last }))).toMatchObject({ ok: true, fields: { ts: last } });
    expect(validateLine('events', event({ ts: first - 1 }))).toEqual({ ok: false, reason: `"ts" ${first - 1} is outside years 1–9999 UTC` });
    expect(validateLine('events', event({ ts: last + 1 }))).toEqual({ ok: false, reason: `"ts" ${last + 1} is outside years 1–9999 UTC` });
    expect(validateLine('events', event({ ts: 1e300 }))).toEqual({ ok: false, reason: '"ts" 1e+300 is outside years 1–9999 UTC' });
  });

  it('rejects a song without song_id or artist_id, and takes year 0 as it came', () => {
    const song = { song_id: 'SO1', artist_id: 'AR1', title: 'T', duration: 1.5, year: 0 };
    expect(validateLine('songs', JSON.stringify(song))).toMatchObject({ ok: true, fields: { year: 0 } });
    expect(validateLine('songs', JSON.stringify({ ...song, song_id: undefined }))).toEqual({ ok: false, reason: '"song_id" is missing or empty' });
    expect(validateLine('songs', JSON.stringify({ ...song, artist_id: '' }))).toEqual({ ok: false, reason: '"artist_id" is missing or empty' });
  });

  it('passes a pretty-printed song on as one line, for a warehouse that reads the text again', () => {
    const song = { song_id: 'SO1', artist_id: 'AR1', title: 'A\\nB', duration: 1.5, year: 0 };
    const result = validateLine('songs', JSON.stringify(song, null, 2).replaceAll('\n', '\r\n'));
    expect(result).toMatchObject({ ok: true, fields: { title: 'A\\nB' } });
    expect(result.ok && JSON.parse(result.text ?? '')).toEqual(song);
    expect(result.ok && result.text).not.toMatch(/[\r\n]/);
  });
});

describe('splitWhole', () => {
  it('drops a byte-order mark, strips CRLF, numbers blank lines, and keeps a last line without newline', () => {
    const lines = splitWhole(Buffer.from('\uFEFF{"a":1}\r\n\r\n  \n{"b":2}', 'utf8'));
    expect(lines).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '' },
      { number: 3, text: '  ' },
      { number: 4, text: '{"b":2}' },
    ]);
  });
});

describe('splitLines', () => {
  it('decodes a big chunk in slices without breaking a character that straddles a slice boundary', async () => {
    // 64 KiB slices: put a 3-byte character across the first boundary, then more lines.
    const first = `{"a":"${'x'.repeat(64 * 1024 - 8)}€"}`;
    const text = `${first}\n{"b":"é"}\n{"c":3}`;
    async function* oneChunk() {
      yield Buffer.from(text, 'utf8');
    }
    const lines = [];
    for await (const batch of splitLines(oneChunk())) lines.push(...batch);
    expect(lines).toEqual([
      { number: 1, text: first },
      { number: 2, text: '{"b":"é"}' },
      { number: 3, text: '{"c":3}' },
    ]);
  });
});

describe('LineSplitter', () => {
  it('joins a line that arrives in many pieces, a BOM and a CR split from their neighbours included', () => {
    const splitter = new LineSplitter();
    const pieces = ['\uFEFF', '{"a":', '"', 'x'.repeat(1000), '"}\r', '\n{"b":2}\r\n', '\n', '{"c"', ':3}'];
    const lines = pieces.flatMap((piece) => splitter.push(piece));
    lines.push(...splitter.end());
    expect(lines).toEqual([
      { number: 1, text: `{"a":"${'x'.repeat(1000)}"}` },
      { number: 2, text: '{"b":2}' },
      { number: 3, text: '' },
      { number: 4, text: '{"c":3}' },
    ]);
  });
});
