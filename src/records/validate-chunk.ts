/**
 * One chunk of an event log (whole lines, cut at a '\n' by read-in-chunks.ts), split and
 * validated by the same rules as the line-by-line path (read-records.ts), its accepted
 * records packed as bytes. Runs on this thread (chunk-validator.ts) or on a worker
 * (validate-worker.ts); a plain function, so the rules can be tested and compared alone.
 */
import { isUtf8 } from 'node:buffer';
import { isPlainEventLine } from './plain-event-line.js';
import { DECODE_BYTES, isBlank, LineSplitter, type NumberedLine } from './split-lines.js';
import type { StagingKind } from './staging-record.js';
import { Utf8Feeder } from './utf8-feeder.js';
import { validateLine, type Validation } from './validate.js';

/** A rejected line of a chunk; `line` counts from the chunk's first line (1). */
export interface ChunkReject {
  readonly line: number;
  readonly raw: string;
  readonly reason: string;
}

export interface ChunkResult {
  /** Accepted records' text, packed: record i ends at `ends[i]`. */
  readonly text: Uint8Array;
  readonly ends: Int32Array;
  /** Accepted records' lines, counted from the chunk's first line (1). */
  readonly lines: Int32Array;
  readonly rejects: readonly ChunkReject[];
  /** Line ends in the chunk: the next chunk of the file starts this many lines further. */
  readonly lineCount: number;
}

export const INVALID_UTF8 = { ok: false, reason: 'not valid JSON text: invalid UTF-8' } as const;

/** The verdict on one split record; undefined for a blank line (counted, neither accepted nor rejected). */
export function judgeLine(kind: StagingKind, text: string, invalidUtf8: boolean | undefined): Validation<unknown> | undefined {
  if (isBlank(text)) return undefined;
  return invalidUtf8 ? INVALID_UTF8 : validateLine(kind, text);
}

/**
 * `bytes` holds whole lines (the last one may lack its '\n' at the end of a file);
 * `atFileStart` says whether a BOM may open it.
 *
 * A chunk that is all UTF-8 (nearly every one) is cut into lines as bytes, and a line
 * that plain-event-line.ts vouches for is packed as its own bytes, never decoded or
 * parsed here; any other line is decoded and judged in full. A chunk with bytes that
 * are not UTF-8 is decoded whole, which finds the lines they fall in. Both give what
 * the in-thread reader gives (test/records/plain-event-line.test.ts compares them).
 */
export function validateChunk(bytes: Uint8Array, atFileStart: boolean, output?: ArrayBuffer): ChunkResult {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(input)) return validateChunkDecoding(bytes, atFileStart, output);
  const packed = new PackedText(output, bytes.byteLength);
  const rejects: ChunkReject[] = [];
  let start = atFileStart && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  let line = 0;
  while (start < input.length) {
    const newline = input.indexOf(NEWLINE, start);
    const lineEnd = newline === -1 ? input.length : newline;
    const end = lineEnd > start && input[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
    line++;
    if (isPlainEventLine(input, start, end)) packed.addBytes(input, start, end, line);
    else judgeInto(packed, rejects, line, input.toString('utf8', start, end), undefined);
    start = lineEnd + 1;
  }
  return packed.result(rejects, line);
}

/** The chunk decoded as the in-thread reader decodes a file (split-lines.ts), every line judged in full. */
export function validateChunkDecoding(bytes: Uint8Array, atFileStart: boolean, output?: ArrayBuffer): ChunkResult {
  const splitter = new LineSplitter(atFileStart);
  const feeder = new Utf8Feeder(splitter);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packed = new PackedText(output, bytes.byteLength);
  const rejects: ChunkReject[] = [];
  const take = (numbered: readonly NumberedLine[]) => {
    for (const { number, text, invalidUtf8 } of numbered) judgeInto(packed, rejects, number, text, invalidUtf8);
  };
  // Decoded in slices, as in-thread (split-lines.ts): a chunk's text whole would be one of
  // V8's large objects, freed only by a full collection.
  for (let start = 0; start < input.length; start += DECODE_BYTES) take(feeder.write(input.subarray(start, start + DECODE_BYTES)));
  take(feeder.end());
  return packed.result(rejects, splitter.linesSeen);
}

function judgeInto(packed: PackedText, rejects: ChunkReject[], line: number, text: string, invalidUtf8: boolean | undefined): void {
  const verdict = judgeLine('events', text, invalidUtf8);
  if (verdict === undefined) return;
  if (verdict.ok) packed.addText(verdict.text ?? text, line);
  else rejects.push({ line, raw: text, reason: verdict.reason });
}

/** Accepted records' text, one after another, with where each ends and its line. */
class PackedText {
  private text: Buffer;
  private used = 0;
  private readonly ends: number[] = [];
  private readonly lines: number[] = [];

  /** The packed text is at most the input's bytes, unless ids were rewritten longer. */
  constructor(output: ArrayBuffer | undefined, inputBytes: number) {
    const size = Math.max(64, inputBytes);
    this.text = Buffer.from(output !== undefined && output.byteLength >= size ? output : new ArrayBuffer(size));
  }

  addBytes(source: Buffer, start: number, end: number, line: number): void {
    this.reserve(end - start);
    this.used += source.copy(this.text, this.used, start, end);
    this.ends.push(this.used);
    this.lines.push(line);
  }

  addText(record: string, line: number): void {
    // Three bytes a UTF-16 unit at most; only near the end is the exact length worth its cost.
    if (this.used + record.length * 3 > this.text.byteLength) this.reserve(Buffer.byteLength(record, 'utf8'));
    this.used += this.text.write(record, this.used, 'utf8');
    this.ends.push(this.used);
    this.lines.push(line);
  }

  result(rejects: readonly ChunkReject[], lineCount: number): ChunkResult {
    return {
      text: new Uint8Array(this.text.buffer, 0, this.used),
      ends: Int32Array.from(this.ends),
      lines: Int32Array.from(this.lines),
      rejects,
      lineCount,
    };
  }

  private reserve(bytes: number): void {
    const needed = this.used + bytes;
    if (needed <= this.text.byteLength) return;
    const bigger = Buffer.from(new ArrayBuffer(Math.max(needed, this.text.byteLength * 2)));
    this.text.copy(bigger, 0, 0, this.used);
    this.text = bigger;
  }
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
