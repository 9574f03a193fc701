/** A song file's records: JSON objects one after another, with any whitespace between tokens. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { splitLines, splitWhole } from '../../src/records/split-lines.js';
import { ObjectSplitter } from '../../src/records/split-objects.js';

const split = (text: string) => splitWhole(Buffer.from(text, 'utf8'), new ObjectSplitter());

/** JSON text with `gap()` between every two tokens: what a pretty-printer, or a careless hand, writes. */
function spaced(value: unknown, gap: () => string): string {
  if (Array.isArray(value)) return `[${gap()}${value.map((item) => spaced(item, gap)).join(`${gap()},${gap()}`)}${gap()}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}${gap()}:${gap()}${spaced(item, gap)}`);
    return `{${gap()}${members.join(`${gap()},${gap()}`)}${gap()}}`;
  }
  return JSON.stringify(value);
}

const whitespace = fc.array(fc.constantFrom('', ' ', '\t', '\n', '\r\n', '  \n    ', '\n\n'), { minLength: 1, maxLength: 8 });
const objects = fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), { minLength: 1, maxLength: 4 });

/** The file text, and where each object starts (1-based line). */
function writeFile(records: readonly object[], gaps: readonly string[]): { text: string; lines: number[] } {
  let next = 0;
  const gap = () => gaps[next++ % gaps.length] as string;
  let text = gap();
  const lines: number[] = [];
  for (const record of records) {
    lines.push(text.split('\n').length);
    text += `${spaced(record, gap)}${gap()}`;
  }
  return { text, lines };
}

describe('ObjectSplitter', () => {
  test.prop([objects, whitespace])('cuts any objects, spaced any way, into the same records, each numbered by its first line', (records, gaps) => {
    const { text, lines } = writeFile(records, gaps);
    const found = split(text);
    expect(found.map((record) => JSON.parse(record.text) as unknown)).toEqual(records.map((record) => JSON.parse(JSON.stringify(record)) as unknown));
    expect(found.map((record) => record.number)).toEqual(lines);
  });

  test.prop([objects, whitespace, fc.array(fc.nat(), { maxLength: 6 })])('cuts the same records whatever pieces the text arrives in', async (records, gaps, cuts) => {
    const { text } = writeFile(records, gaps);
    const bytes = Buffer.from(text, 'utf8');
    const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
    async function* pieces() {
      let from = 0;
      for (const point of [...points, bytes.length]) {
        yield bytes.subarray(from, point);
        from = point;
      }
    }
    const found = [];
    for await (const batch of splitLines(pieces(), new ObjectSplitter())) found.push(...batch);
    expect(found).toEqual(split(text));
  });

  it('keeps one mistake to one record: top-level text runs to its line end, an open string ends at a line break', () => {
    const text = '\uFEFF{"a": 1}\r\nnot json\r\n{"b": "open\n}\n[1, 2] {"c": {"d": "}"}}\n  }\n{"e": 1';
    expect(split(text)).toEqual([
      { number: 1, text: '{"a": 1}' },
      { number: 2, text: 'not json' },
      { number: 3, text: '{"b": "open\n}' },
      { number: 5, text: '[1, 2]' },
      { number: 5, text: '{"c": {"d": "}"}}' },
      { number: 6, text: '}' },
      { number: 7, text: '{"e": 1' },
    ]);
  });

  it('marks the object that holds bytes which are not UTF-8, and only that one', () => {
    const bytes = Buffer.concat([Buffer.from('{"a": "x"} {\n  "b": "'), Buffer.from([0xff]), Buffer.from('"\n}\n{"c": "\uFFFD"}')]);
    expect(splitWhole(bytes, new ObjectSplitter())).toEqual([
      { number: 1, text: '{"a": "x"}' },
      { number: 1, text: '{\n  "b": "\uFFFD"\n}', invalidUtf8: true },
      { number: 4, text: '{"c": "\uFFFD"}' },
    ]);
  });
});
