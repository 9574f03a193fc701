/** Invalid UTF-8 marks the line it is in, whatever slices the bytes arrive in; valid text passes as before. */
import { isUtf8 } from 'node:buffer';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { splitLines, splitWhole, type NumberedLine } from '../../src/records/split-lines.js';

async function linesOf(pieces: readonly Buffer[]): Promise<NumberedLine[]> {
  async function* chunks() {
    yield* pieces;
  }
  const lines: NumberedLine[] = [];
  for await (const batch of splitLines(chunks())) lines.push(...batch);
  return lines;
}

/** A line's bytes, no newline: text (any code points), raw bytes, or text with one stray byte. */
const lineBytes = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((text) => Buffer.from(text.replaceAll('\n', ' '), 'utf8')),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => Buffer.from(bytes.filter((byte) => byte !== 0x0a))),
  fc.tuple(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.integer({ min: 0x80, max: 0xff }), fc.nat()).map(([text, byte, at]) => {
    const bytes = Buffer.from(text.replaceAll('\n', ' '), 'utf8');
    const cut = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, cut), Buffer.from([byte]), bytes.subarray(cut)]);
  }),
);

describe('UTF-8 validation of lines', () => {
  test.prop([fc.array(lineBytes, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 })])(
    'marks exactly the lines whose bytes are not UTF-8, in any slicing',
    async (lines, cuts) => {
      // A leading byte-order mark is dropped, not data: keep it out of the comparison.
      fc.pre(!(lines[0] as Buffer).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
      const bytes = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
      const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
      const pieces = [...points, bytes.length].map((point, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], point));
      const found = await linesOf(pieces);
      expect(found.map((line) => line.number)).toEqual(lines.map((_, i) => i + 1));
      lines.forEach((line, i) => {
        const valid = isUtf8(line);
        expect(found[i]?.invalidUtf8 ?? false).toBe(!valid);
        if (valid) expect(found[i]?.text).toBe(line.toString('utf8').replace(/\r$/, ''));
      });
    },
  );

  it('keeps a genuine U+FFFD, and marks a character cut short by the end of the file', () => {
    expect(splitWhole(Buffer.from('{"a":"\uFFFD"}\n{"b":"\u20ac', 'utf8').subarray(0, -1))).toEqual([
      { number: 1, text: '{"a":"\uFFFD"}' },
      { number: 2, text: '{"b":"\uFFFD', invalidUtf8: true },
    ]);
  });

  it('marks overlong forms and UTF-16 surrogates, which a lenient decoder would pass as U+FFFD', () => {
    const lines = splitWhole(Buffer.from([0x61, 0xc0, 0xaf, 0x0a, 0xed, 0xa0, 0x80, 0x0a, 0xf0, 0x9f, 0x8e, 0xb5]));
    expect(lines.map((line) => line.invalidUtf8 ?? false)).toEqual([true, true, false]);
    expect(lines[2]?.text).toBe('\u{1F3B5}');
  });
});
