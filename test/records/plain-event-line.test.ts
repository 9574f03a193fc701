/**
 * The fast lane of event validation (records/plain-event-line.ts) vouches only for lines
 * the full rules accept as written, and a chunk validated through it (validate-chunk.ts)
 * gives, byte for byte, what decoding and judging every line gives. And it is taken:
 * every line of the reference sample and of generated logs that the rules accept as
 * written goes through it, or the lane would be a slow no-op.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generate/index.js';
import { isPlainEventLine } from '../../src/records/plain-event-line.js';
import { validateLine } from '../../src/records/validate.js';
import { validateChunk, validateChunkDecoding, type ChunkResult } from '../../src/records/validate-chunk.js';
import { eventLog } from '../support/event-log-arbitrary.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Values of each kind of field, right and nearly right: the edges the full rules draw. */
const textValues = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('null', '"a\tb"', '"bad \\x"', '"short \\u12"', '"\\u0000"', '"\\u0001"', '"\\uD800"', '"\\/\\b\\f\\n\\r\\t\\"\\\\"', '"\\u00E9"', '1', 'true', '[]', '{}', '"unterminated'),
);
const numberValues = fc.constantFrom(
  '0', '-0', '1.5', '179.20964', '1529854693044.0', '1e5', '1E+5', '2e-3', '01', '1.', '.5', '-', '+1', '1e400', '-1e400', 'null', '"1"', 'true',
  '1' + '0'.repeat(300), '1' + '0'.repeat(310), '-' + '9'.repeat(299) + '.5',
);
const integerValues = fc.constantFrom(
  '0', '7', '-7', '-0', '123456789', '-123456789', '1234567890', '2147483647', '2147483648', '-2147483649', '9007199254740991', '9007199254740993',
  '123456789012345', '1234567890123456', '9223372036854775807', '9223372036854775808', '1.0', '1.5', '1e3', 'null', '"7"', 'false', '[1]',
);
const epochValues = fc.oneof(
  integerValues,
  fc.constantFrom('1543536000196', '253402300799999', '253402300800000', '-62135596800000', '-62135596800001', '999999999999999', '1543536000196.0', '1.543536000196e12'),
);
const userIdValues = fc.constantFrom('"42"', '""', '"0"', '"00"', '"007"', '"123456789012345"', '"1234567890123456"', '"99999999999999999999"', '42', '0', '"4a"', '" 1"', 'null', '"\\u0031"', '1.0');

const fieldValues: Record<string, fc.Arbitrary<string>> = {
  artist: textValues, auth: textValues, firstName: textValues, gender: textValues, lastName: textValues, level: textValues,
  location: textValues, method: textValues, page: textValues, song: textValues, userAgent: textValues,
  length: numberValues, registration: numberValues,
  itemInSession: integerValues, sessionId: integerValues, status: integerValues,
  ts: epochValues, userId: userIdValues,
};
/** Keys that are not fields, or are fields spelled so a byte reader cannot see it. */
const otherKeys = fc.constantFrom('extra', 'Ts', 't\\u0073', '__sparkify_line', 'userid', '');
const otherValues = fc.oneof(textValues, numberValues, fc.constantFrom('false', 'true', '[1,{"a":2}]', '{"ts":1}', 'nul'));

const member: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...Object.keys(fieldValues)).chain((key) => (fieldValues[key] as fc.Arbitrary<string>).map((value) => [key, value] as const)) },
  { weight: 1, arbitrary: fc.tuple(otherKeys, otherValues) },
);
const blank = fc.constantFrom('', '', '', ' ', '\t', '\r', '\u00a0');

/** Mostly none: a line is plain only if every blank is. */
const blanks = fc.oneof(
  { weight: 3, arbitrary: fc.constant(['', '', '', '', '', '']) },
  { weight: 1, arbitrary: fc.array(blank, { minLength: 6, maxLength: 6 }) },
);

/** An event line: usually ts, userId and other fields with good values, often one wrong, sometimes broken JSON. */
const eventLine = fc
  .record({
    required: fc.constantFrom(['ts', 'userId'], ['ts', 'userId'], ['ts', 'userId'], ['ts'], ['userId'], []),
    fields: fc.dictionary(fc.constantFrom(...Object.keys(fieldValues)), fc.constant(null), { minKeys: 0, maxKeys: 18 }),
    good: fc.record({ ts: fc.integer({ min: 0, max: 2_000_000_000_000 }), userId: fc.nat(99_999), song: fc.string({ maxLength: 20 }) }),
    extra: fc.oneof(fc.array(member, { maxLength: 0 }), fc.array(member, { minLength: 1, maxLength: 2 })),
    blanks,
    tail: fc.constantFrom('', '', '', '', '', '', '', ' x', ',', '}', ' ]'),
    missingBrace: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  })
  .map(({ required, fields, good, extra, blanks, tail, missingBrace }) => {
    const defaults: Record<string, string> = { ts: String(good.ts), userId: JSON.stringify(String(good.userId)), song: JSON.stringify(good.song), page: '"NextSong"' };
    const keys = [...new Set([...required, ...Object.keys(fields)])];
    const members: [string, string][] = keys.map((key) => [key, defaults[key] ?? 'null']);
    const inserted = [...members, ...extra];
    const [b0, b1, b2, b3, b4, b5] = blanks as [string, string, string, string, string, string];
    const body = inserted.map(([key, value]) => `${b1}"${key}"${b2}:${b3}${value}${b4}`).join(',');
    return `${b0}{${body}${missingBrace ? '' : '}'}${b5}${tail}`;
  });

function judgedPlain(line: string): boolean {
  const verdict = validateLine('events', line);
  return verdict.ok && verdict.text === undefined;
}

function plain(line: string): boolean {
  const bytes = Buffer.from(line, 'utf8');
  return isPlainEventLine(bytes, 0, bytes.length);
}

describe('the fast lane vouches only for what the full rules accept as written', () => {
  test.prop([eventLine], { numRuns: 3_000 })('a generated event line', (line) => {
    if (plain(line)) expect(judgedPlain(line)).toBe(true);
  });

  it('and the generated lines are not all one way: the property above can fail', () => {
    const lines = fc.sample(eventLine, { numRuns: 2_000, seed: 13 });
    const vouched = lines.filter(plain).length;
    expect(vouched).toBeGreaterThan(200);
    expect(lines.length - vouched).toBeGreaterThan(200);
  });

  it.each([
    ['a repeated field', '{"ts":1,"userId":"1","ts":2}'],
    ['an exponent in ts', '{"ts":1e3,"userId":"1"}'],
    ['ts with a fraction', '{"ts":1.0,"userId":"1"}'],
    ['ts past year 9999', '{"ts":253402300800000,"userId":"1"}'],
    ['no ts', '{"userId":"1"}'],
    ['no userId', '{"ts":1}'],
    ['a zero-padded userId', '{"ts":1,"userId":"007"}'],
    ['a numeric userId', '{"ts":1,"userId":7}'],
    ['a userId of 16 digits', '{"ts":1,"userId":"1234567890123456"}'],
    ['an id of 16 digits', '{"ts":1,"userId":"1","sessionId":1234567890123456}'],
    ['a status of 10 digits', '{"ts":1,"userId":"1","status":1234567890}'],
    ['an escaped NUL', '{"ts":1,"userId":"1","artist":"a\\u0000"}'],
    ['a raw tab in a string', '{"ts":1,"userId":"1","artist":"a\tb"}'],
    ['an escaped key', '{"t\\u0073":1,"userId":"1"}'],
    ['a nested value', '{"ts":1,"userId":"1","extra":{"a":1}}'],
    ['text after the object', '{"ts":1,"userId":"1"} x'],
    ['a number as text', '{"ts":1,"userId":"1","artist":5}'],
    ['a leading zero', '{"ts":01,"userId":"1"}'],
  ])('not %s', (_, line) => {
    expect(plain(line)).toBe(false);
  });

  it.each([
    ['a typical play', '{"artist":"Mighty Ravens","auth":"Logged In","firstName":"Jayden","gender":"F","itemInSession":33,"lastName":"O\'Connor","length":179.20964,"level":"paid","location":"San Jose, CA","method":"PUT","page":"NextSong","registration":1529854693044.0,"sessionId":1699946,"song":"A\\u00f1o \\"Dream\\"","status":200,"ts":1543536000196,"userAgent":"\\"Mozilla\\/5.0\\"","userId":"83411"}'],
    ['a logged-out visitor with nulls', '{"artist":null,"auth":"Logged Out","length":null,"page":"Home","sessionId":5,"status":200,"ts":1543536000196,"userId":""}'],
    ['blanks between tokens and unknown scalars', ' { "ts" : -0 , "userId" : "0" , "x" : [] }'.replace('[]', 'true')],
  ])('%s', (_, line) => {
    expect(plain(line)).toBe(true);
    expect(judgedPlain(line)).toBe(true);
  });
});

/** A chunk's lines: the worker suite's adversarial logs, or generated event lines with LF or CRLF ends. */
const chunk = fc.oneof(
  eventLog,
  fc
    .record({ lines: fc.array(fc.tuple(eventLine, fc.boolean()), { maxLength: 30 }), bom: fc.boolean(), finalNewline: fc.boolean() })
    .map(({ lines, bom, finalNewline }) =>
      Buffer.from(`${bom ? '\uFEFF' : ''}${lines.map(([line, crlf], i) => line + (i < lines.length - 1 || finalNewline ? (crlf ? '\r\n' : '\n') : '')).join('')}`, 'utf8'),
    ),
);

function comparable(result: ChunkResult) {
  return { ...result, text: Buffer.from(result.text).toString('base64'), ends: [...result.ends], lines: [...result.lines] };
}

describe('a chunk validated through the fast lane', () => {
  test.prop([chunk, fc.boolean()], { numRuns: 300 })('gives what decoding and judging every line gives', (bytes, atFileStart) => {
    expect(comparable(validateChunk(bytes, atFileStart))).toEqual(comparable(validateChunkDecoding(bytes, atFileStart)));
  });
});

describe('the fast lane is taken by real logs', () => {
  function linesOf(file: string): string[] {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');
  }

  function logFiles(root: string): string[] {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => path.join(entry.parentPath, entry.name));
  }

  it.skipIf(!sampleAvailable)(`every line of the reference sample's logs ${sampleAvailable ? '' : `(skipped: ${sampleSkipReason})`}`, () => {
    const lines = logFiles(path.join(sampleRoot, 'log_data')).flatMap(linesOf);
    expect(lines.length).toBe(8056);
    expect(lines.filter((line) => !plain(line))).toEqual([]);
  });

  it('every line of a generated dataset that the rules accept as written', async () => {
    const dir = makeTempDir('plain-lines');
    try {
      await generateDataset({ outDir: dir.path, songs: 200, events: 3_000, days: 3, seed: 5 });
      const lines = logFiles(path.join(dir.path, 'log_data')).flatMap(linesOf);
      expect(lines.length).toBeGreaterThanOrEqual(3_000);
      expect(lines.filter((line) => plain(line) !== judgedPlain(line))).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});
