/**
 * Splits text into numbered lines without holding a file in memory. Handles what real
 * files carry: a UTF-8 byte-order mark, CRLF endings, and a last line with no newline.
 * Blank lines keep their number; callers decide to skip them.
 */
import type { NumberedLine, TextSplitter } from './text-splitter.js';
import { Utf8Feeder } from './utf8-feeder.js';

export type { NumberedLine, TextSplitter } from './text-splitter.js';

/**
 * Incremental splitter: feed it text as it arrives, then `end()`. Only new text is
 * searched for line ends; the start of a line still open is kept in pieces and joined
 * once, so a line longer than many pieces costs its length, not its length squared.
 */
export class LineSplitter implements TextSplitter {
  private pending: string[] = [];
  private lineNumber = 0;
  private first: boolean;
  private openInvalid = false;

  /**
   * `atFileStart` false: the text continues a file cut at a line end (a worker's chunk),
   * so a BOM in it is a character, not a mark to strip.
   */
  constructor(atFileStart = true) {
    this.first = atFileStart;
  }

  /** Lines numbered so far, the one still open excluded: after a text ending in '\n', its line ends. */
  get linesSeen(): number {
    return this.lineNumber;
  }

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
      lines.push(this.numbered(stripCarriageReturn(line)));
      start = end + 1;
    }
    if (start < text.length) this.pending.push(start === 0 ? text : text.slice(start));
    return lines;
  }

  /** `text` holds no newline, so it belongs to the line still open. */
  pushInvalid(text: string): NumberedLine[] {
    this.first = false;
    this.pending.push(text);
    this.openInvalid = true;
    return [];
  }

  end(): NumberedLine[] {
    const rest = this.pending.join('');
    this.pending = [];
    if (rest.length === 0) return [];
    return [this.numbered(stripCarriageReturn(rest))];
  }

  private numbered(text: string): NumberedLine {
    const number = ++this.lineNumber;
    if (!this.openInvalid) return { number, text };
    this.openInvalid = false;
    return { number, text, invalidUtf8: true };
  }
}

/**
 * Bytes decoded at a time. The text of a bigger slice would be one of V8's large
 * objects (over 128 KiB), which live in the old generation until a full collection:
 * a 1 MiB read chunk decoded whole makes the heap grow with the input, while slices
 * this size die young and cheaply.
 */
export const DECODE_BYTES = 64 * 1024;

/**
 * Yields the records of each slice together, so callers pay per slice, not per line.
 * Lines by default; `splitter` chooses another cut (a song file's objects).
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer | string>,
  splitter: TextSplitter = new LineSplitter(),
): AsyncGenerator<NumberedLine[]> {
  const feeder = new Utf8Feeder(splitter);
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      const lines = splitter.push(chunk);
      if (lines.length > 0) yield lines;
      continue;
    }
    for (let start = 0; start < chunk.length; start += DECODE_BYTES) {
      const lines = feeder.write(chunk.subarray(start, start + DECODE_BYTES));
      if (lines.length > 0) yield lines;
    }
  }
  const lines = feeder.end();
  if (lines.length > 0) yield lines;
}

/** All records of a whole file already in memory: lines, or what `splitter` cuts. */
export function splitWhole(bytes: Buffer, splitter: TextSplitter = new LineSplitter()): NumberedLine[] {
  const feeder = new Utf8Feeder(splitter);
  const lines = feeder.write(bytes);
  const rest = feeder.end();
  return rest.length === 0 ? lines : [...lines, ...rest];
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}
