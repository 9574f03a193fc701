/** The record rules of SPEC.md, on single lines: what is accepted, and the reason for what is not. */
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

  it.each([
    ['{"ts": 1', /^not valid JSON/],
    ['[1, 2]', /^not a JSON object$/],
    [event({ ts: '1541105830796' }), /^"ts" must be an integer number of epoch milliseconds, not the string "1541105830796"$/],
    [event({ ts: 1.5 }), /^"ts" must be an integer number of epoch milliseconds/],
    [event({ userId: 'abc' }), /^"userId" must be a string of digits or "", not the string "abc"$/],
    [event({ userId: null }), /^"userId" must be a string of digits or "", not null$/],
    [event({ sessionId: undefined }), /^"sessionId" is missing$/],
    [event({ itemInSession: 2 ** 40 }), /^"itemInSession" must be a 32-bit integer/],
    [event({ artist: 7 }), /^"artist" must be a string or null, not number 7$/],
    [event({ artist: 'a\u0000b' }), /^"artist" holds a NUL character/],
  ])('rejects %s', (line, reason) => {
    const result = validateLine('events', line);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('rejects a song without song_id or artist_id, and takes year 0 as it came', () => {
    const song = { song_id: 'SO1', artist_id: 'AR1', title: 'T', duration: 1.5, year: 0 };
    expect(validateLine('songs', JSON.stringify(song))).toMatchObject({ ok: true, fields: { year: 0 } });
    expect(validateLine('songs', JSON.stringify({ ...song, song_id: undefined }))).toEqual({ ok: false, reason: '"song_id" is missing or empty' });
    expect(validateLine('songs', JSON.stringify({ ...song, artist_id: '' }))).toEqual({ ok: false, reason: '"artist_id" is missing or empty' });
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
