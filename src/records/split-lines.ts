/**
 * Splits a byte stream into numbered lines without holding the file in memory.
 * Handles what real files carry: a UTF-8 byte-order mark, CRLF endings, and a last
 * line with no newline. Blank lines keep their number but are reported as blank.
 */
import { StringDecoder } from 'node:string_decoder';

export interface NumberedLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

/** Yields the lines of each chunk together, so callers pay per chunk, not per line. */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<NumberedLine[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let lineNumber = 0;
  let first = true;

  const take = (text: string, final: boolean): NumberedLine[] => {
    const lines: NumberedLine[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end === -1) break;
      lines.push({ number: ++lineNumber, text: stripCarriageReturn(text.slice(start, end)) });
      start = end + 1;
    }
    pending = text.slice(start);
    if (final && pending.length > 0) {
      lines.push({ number: ++lineNumber, text: stripCarriageReturn(pending) });
      pending = '';
    }
    return lines;
  };

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const lines = take(pending + text, false);
    if (lines.length > 0) yield lines;
  }
  const lines = take(pending + decoder.end(), true);
  if (lines.length > 0) yield lines;
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}
