/**
 * One chunk of an event log (whole lines, cut at a '\n' by validate-pool.ts), split and
 * validated by the same rules as the in-thread path (read-records.ts), its accepted
 * records packed as bytes. Runs on a worker thread; a plain function, so the rules can
 * be tested and compared without one.
 */
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
 */
export function validateChunk(bytes: Uint8Array, atFileStart: boolean, output?: ArrayBuffer): ChunkResult {
  const splitter = new LineSplitter(atFileStart);
  const feeder = new Utf8Feeder(splitter);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The packed text is at most the input's bytes, unless ids were rewritten longer.
  const size = Math.max(64, bytes.byteLength);
  let text: Buffer = Buffer.from(output !== undefined && output.byteLength >= size ? output : new ArrayBuffer(size));
  let used = 0;
  const ends: number[] = [];
  const lines: number[] = [];
  const rejects: ChunkReject[] = [];
  const take = (numbered: readonly NumberedLine[]) => {
    for (const { number, text: line, invalidUtf8 } of numbered) {
      const verdict = judgeLine('events', line, invalidUtf8);
      if (verdict === undefined) continue;
      if (!verdict.ok) {
        rejects.push({ line: number, raw: line, reason: verdict.reason });
        continue;
      }
      const record = verdict.text ?? line;
      // Three bytes a UTF-16 unit at most; only near the end is the exact length worth its cost.
      if (used + record.length * 3 > text.byteLength) {
        const needed = used + Buffer.byteLength(record, 'utf8');
        if (needed > text.byteLength) text = grown(text, used, needed);
      }
      used += text.write(record, used, 'utf8');
      ends.push(used);
      lines.push(number);
    }
  };
  // Decoded in slices, as in-thread (split-lines.ts): a chunk's text whole would be one of
  // V8's large objects, freed only by a full collection.
  for (let start = 0; start < input.length; start += DECODE_BYTES) take(feeder.write(input.subarray(start, start + DECODE_BYTES)));
  take(feeder.end());
  return {
    text: new Uint8Array(text.buffer, 0, used),
    ends: Int32Array.from(ends),
    lines: Int32Array.from(lines),
    rejects,
    lineCount: splitter.linesSeen,
  };
}

function grown(text: Buffer, used: number, needed: number): Buffer {
  const bigger = Buffer.from(new ArrayBuffer(Math.max(needed, text.byteLength * 2)));
  text.copy(bigger, 0, 0, used);
  return bigger;
}
