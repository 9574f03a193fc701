/**
 * Splits text into numbered lines without holding a file in memory. Handles what real
 * files carry: a UTF-8 byte-order mark, CRLF endings, and a last line with no newline.
 * Blank lines keep their number; callers decide to skip them.
 */
import { StringDecoder } from 'node:string_decoder';

export interface NumberedLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

/**
 * Incremental splitter: feed it text as it arrives, then `end()`. Only new text is
 * searched for line ends; the start of a line still open is kept in pieces and joined
 * once, so a line longer than many pieces costs its length, not its length squared.
 */
export class LineSplitter {
  private pending: string[] = [];
  private lineNumber = 0;
  private first = true;

  push(text: string): NumberedLine[] {
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const lines: NumberedLine[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end === -1) break;
      const piece = text.slice(start, end);
      const line = this.pending.length > 0 ? this.pending.join('') + piece : piece;
      this.pending = [];
      lines.push({ number: ++this.lineNumber, text: stripCarriageReturn(line) });
      start = end + 1;
    }
    if (start < text.length) this.pending.push(start === 0 ? text : text.slice(start));
    return lines;
  }

  end(): NumberedLine[] {
    const rest = this.pending.join('');
    this.pending = [];
    if (rest.length === 0) return [];
    return [{ number: ++this.lineNumber, text: stripCarriageReturn(rest) }];
  }
}

/**
 * Bytes decoded at a time. The text of a bigger slice would be one of V8's large
 * objects (over 128 KiB), which live in the old generation until a full collection:
 * a 1 MiB read chunk decoded whole makes the heap grow with the input, while slices
 * this size die young and cheaply.
 */
const DECODE_BYTES = 64 * 1024;

/** Yields the lines of each slice together, so callers pay per slice, not per line. */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<NumberedLine[]> {
  const decoder = new StringDecoder('utf8');
  const splitter = new LineSplitter();
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      const lines = splitter.push(chunk);
      if (lines.length > 0) yield lines;
      continue;
    }
    for (let start = 0; start < chunk.length; start += DECODE_BYTES) {
      const lines = splitter.push(decoder.write(chunk.subarray(start, start + DECODE_BYTES)));
      if (lines.length > 0) yield lines;
    }
  }
  const lines = [...splitter.push(decoder.end()), ...splitter.end()];
  if (lines.length > 0) yield lines;
}

/** All lines of a whole file already in memory. */
export function splitWhole(bytes: Buffer): NumberedLine[] {
  const splitter = new LineSplitter();
  return [...splitter.push(bytes.toString('utf8')), ...splitter.end()];
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}
