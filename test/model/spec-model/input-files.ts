/**
 * Input files as SPEC.md reads them: log files are lines (a BOM at the start, CRLF
 * and blank lines are not errors); song files are JSON objects one after another with
 * any whitespace between them, each named by the line its object starts on.
 */
import { ModelJsonError, readValue, skipWhitespace, type JsonValue } from './json-text.js';
import { decodeUtf8 } from './utf8.js';

export type Parsed =
  | { readonly line: number; readonly ok: true; readonly value: JsonValue }
  | { readonly line: number; readonly ok: false; readonly kind: 'json' };

const BOM = [0xef, 0xbb, 0xbf];

function withoutBom(bytes: Uint8Array): Uint8Array {
  return BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
}

/** One parsed value per non-blank line; a line is split at LF, and a CR before it is dropped. */
export function parseLogFile(bytes: Uint8Array): Parsed[] {
  const body = withoutBom(bytes);
  const out: Parsed[] = [];
  let start = 0;
  let line = 1;
  while (start < body.length) {
    let end = body.indexOf(0x0a, start);
    if (end < 0) end = body.length;
    let text = body.subarray(start, end);
    if (text[text.length - 1] === 0x0d) text = text.subarray(0, text.length - 1);
    const cps = decodeUtf8(text);
    // Blank means nothing but spaces and tabs: such a line holds no record.
    if (!isBlank(cps)) out.push(parseOne(cps, line));
    start = end + 1;
    line++;
  }
  return out;
}

function isBlank(cps: ArrayLike<number>): boolean {
  for (let i = 0; i < cps.length; i++) if (cps[i] !== 0x20 && cps[i] !== 0x09) return false;
  return true;
}

function parseOne(cps: ArrayLike<number>, line: number): Parsed {
  try {
    const { value, end } = readValue(cps, skipWhitespace(cps, 0));
    if (skipWhitespace(cps, end) !== cps.length) throw new ModelJsonError('text after the value');
    return { line, ok: true, value };
  } catch (error) {
    if (error instanceof ModelJsonError) return { line, ok: false, kind: 'json' };
    throw error;
  }
}

/**
 * The objects of a song file, one after another. After a broken object the rest of the
 * file cannot be told apart into objects, so it is one reject (the generators put a
 * broken object last, where every reading agrees).
 */
export function parseSongFile(bytes: Uint8Array): Parsed[] {
  const cps = decodeUtf8(withoutBom(bytes));
  const lineAt = lineNumbers(cps);
  const out: Parsed[] = [];
  let pos = skipWhitespace(cps, 0);
  while (pos < cps.length) {
    const line = lineAt(pos);
    try {
      const { value, end } = readValue(cps, pos);
      out.push({ line, ok: true, value });
      pos = skipWhitespace(cps, end);
    } catch (error) {
      if (!(error instanceof ModelJsonError)) throw error;
      out.push({ line, ok: false, kind: 'json' });
      break;
    }
  }
  return out;
}

/** pos -> 1-based line number (lines end at LF). */
function lineNumbers(cps: ArrayLike<number>): (pos: number) => number {
  const starts = [0];
  for (let i = 0; i < cps.length; i++) if (cps[i] === 0x0a) starts.push(i + 1);
  return (pos) => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] as number) <= pos) line++;
    return line + 1;
  };
}
