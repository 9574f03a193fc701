/**
 * Double-encoded UTF-8 repaired for display: text misread as Latin-1 and encoded again
 * (once, twice as the public logs do, or three times) reads as it was written; text
 * that is not mojibake is never changed.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isMojibake, readable, repairMojibake } from '../../src/report/readable-text.js';

/** What went wrong upstream: the text's UTF-8 bytes read back as Latin-1 characters. */
function misreadAsLatin1(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function misread(text: string, times: number): string {
  let out = text;
  for (let i = 0; i < times; i += 1) out = misreadAsLatin1(out);
  return out;
}

/** Well-formed text (no lone surrogates, which UTF-8 cannot carry), rich in Latin-1 and beyond. */
const anyText = fc
  .string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCodePoint(code)),
      fc.integer({ min: 0x80, max: 0x2ff }).map((code) => String.fromCodePoint(code)),
      fc.constantFrom('東', '京', 'ё', 'ü', '€', '’', '🎵', 'ß', 'é'),
      fc.integer({ min: 0, max: 0x10ffff }).filter((code) => code < 0xd800 || code > 0xdfff).map((code) => String.fromCodePoint(code)),
    ),
    maxLength: 24,
  });

/**
 * Text a person wrote: no character in À-ô (a UTF-8 lead byte as Latin-1) directly
 * followed by one in U+0080-U+00BF (a continuation byte), so it cannot be UTF-8 read as Latin-1.
 */
const writtenText = anyText.filter((text) => !/[\u00c0-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]/.test(text));

describe('repairMojibake', () => {
  it('repairs the names of the public sample', () => {
    expect(repairMojibake('Bj\u00c3\u0083\u00c2\u00b6rk')).toBe('Björk');
    expect(repairMojibake('Beyonc\u00c3\u0083\u00c2\u00a9')).toBe('Beyoncé');
    expect(repairMojibake('Repr\u00c3\u0083\u00c2\u00a9sente')).toBe('Représente');
    expect(repairMojibake('Emil Gilels/Orchestre de la Soci\u00c3\u0083\u00c2\u00a9t\u00c3\u0083\u00c2\u00a9 des Concerts')).toBe(
      'Emil Gilels/Orchestre de la Société des Concerts',
    );
  });

  it('repairs text misread as Windows-1252, as editors and browsers often show it', () => {
    expect(repairMojibake('Don\u00e2\u20ac\u2122t Stop')).toBe('Don’t Stop');
  });

  it.each(['Björk', 'Beyoncé', 'café', 'Sigur Rós', 'Mötley Crüe', 'Ça plane pour moi', '東京事変', 'Sin título', 'AC/DC', ''])(
    'leaves %j as it is',
    (name) => {
      expect(repairMojibake(name)).toBe(name);
      expect(isMojibake(name)).toBe(false);
    },
  );

  it('keeps null as null', () => {
    expect(readable(null)).toBeNull();
    expect(readable('Bj\u00c3\u00b6rk')).toBe('Björk');
  });

  test.prop([writtenText, fc.integer({ min: 1, max: 3 })], { numRuns: 500 })(
    'undoes text encoded 1-3 times as Latin-1-misread UTF-8',
    (text, times) => {
      expect(repairMojibake(misread(text, times))).toBe(text);
    },
  );

  test.prop([writtenText], { numRuns: 500 })('never changes text that is not mojibake', (text) => {
    expect(repairMojibake(text)).toBe(text);
  });

  test.prop([anyText], { numRuns: 500 })('changes text only into what it is the misreading of', (text) => {
    const repaired = repairMojibake(text);
    if (repaired === text) return;
    // Whatever it changes, misreading the result again gives back the input (for Latin-1 misreadings).
    const rounds = [1, 2, 3, 4].map((times) => misread(repaired, times));
    if ([...text].every((char) => char.charCodeAt(0) <= 0xff)) expect(rounds).toContain(text);
  });
});
