/**
 * Generated event logs with the content that trips a line reader: CRLF, a BOM, blank
 * lines, invalid UTF-8, non-ASCII text, long lines, ids past 2^53 and numeric or
 * zero-padded userIds (both rewritten for DuckDB), and rejects of every kind.
 */
import { fc } from '@fast-check/vitest';

const text = fc.string({ unit: 'grapheme', maxLength: 10 });
/** Long enough to cross small chunks, sometimes longer than one. */
const longText = fc.string({ unit: 'grapheme-ascii', minLength: 100, maxLength: 1_500 });

const userId = fc.constantFrom('"42"', '42', '"007"', '""', '9223372036854775807', '"12345678901234567890"');
const int64 = fc.constantFrom('7', '9007199254740993', '-9223372036854775808', 'null', '1.0e3');

const validEvent = fc
  .record({
    ts: fc.integer({ min: 0, max: 2_000_000_000_000 }),
    userId,
    sessionId: int64,
    itemInSession: int64,
    artist: fc.oneof(text, longText),
    song: text,
    length: fc.double({ noNaN: true, noDefaultInfinity: true }),
    lead: fc.constantFrom('', '  ', '\t'),
  })
  .map((e) => `${e.lead}{"ts":${e.ts},"userId":${e.userId},"sessionId":${e.sessionId},"itemInSession":${e.itemInSession},"artist":${JSON.stringify(e.artist)},"song":${JSON.stringify(e.song)},"length":${JSON.stringify(e.length)},"page":"NextSong"}`);

const rejectedEvent = fc.oneof(
  fc.constantFrom('{"ts": 1,', '[1,2]', '"text"', '{}', '{"ts":"x"}', '{"ts":1,"userId":"abc"}', '{"ts":1,"sessionId":1.5}', 'null', '\uFEFF{"ts":1}'),
  text.map((t) => `{"ts":1,"artist":${JSON.stringify(t)}`),
);

/** One line's bytes, no line end. */
const lineBytes = fc.oneof(
  { weight: 6, arbitrary: validEvent.map((line) => Buffer.from(line, 'utf8')) },
  { weight: 2, arbitrary: rejectedEvent.map((line) => Buffer.from(line, 'utf8')) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t').map((line) => Buffer.from(line, 'utf8')) },
  {
    weight: 1,
    arbitrary: fc.tuple(validEvent, fc.integer({ min: 0x80, max: 0xff }), fc.nat()).map(([line, byte, at]) => {
      const bytes = Buffer.from(line, 'utf8');
      const cut = at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, cut), Buffer.from([byte]), bytes.subarray(cut)]);
    }),
  },
);

/** A whole file: lines with LF or CRLF, maybe a BOM, maybe no final line end. */
export const eventLog = fc
  .record({
    lines: fc.array(fc.tuple(lineBytes, fc.boolean()), { maxLength: 40 }),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, bom, finalNewline }) => {
    const parts: Buffer[] = bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
    lines.forEach(([line, crlf], index) => {
      parts.push(line);
      if (index < lines.length - 1 || finalNewline) parts.push(Buffer.from(crlf ? '\r\n' : '\n'));
    });
    return Buffer.concat(parts);
  });
