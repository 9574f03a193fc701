/**
 * Bytes to text for a TextSplitter, refusing to hide invalid UTF-8: a record holding
 * bytes that are not UTF-8 is not valid JSON text (SPEC.md), where a plain decoder
 * would load it with U+FFFD in their place. A genuine U+FFFD in the input is valid.
 *
 * The common case costs one native validation of each slice (`isUtf8`) before the
 * usual decode. Only a slice that fails is walked byte by byte, to tell the splitter
 * which record the bad bytes fall in. A character cut by the end of a slice is held
 * back and joined to the next one, as a streaming decoder does.
 */
import { isUtf8 } from 'node:buffer';
import type { NumberedLine, TextSplitter } from './text-splitter.js';

export class Utf8Feeder {
  private carry: Buffer | undefined;

  constructor(private readonly splitter: TextSplitter) {}

  write(bytes: Buffer): NumberedLine[] {
    let input = bytes;
    if (this.carry !== undefined) {
      input = Buffer.concat([this.carry, bytes]);
      this.carry = undefined;
    }
    const end = completeEnd(input);
    if (end < input.length) {
      this.carry = Buffer.from(input.subarray(end));
      input = input.subarray(0, end);
    }
    if (input.length === 0) return [];
    if (isUtf8(input)) return this.splitter.push(input.toString('utf8'));
    return this.decodeMarkingInvalid(input);
  }

  /** A character still cut at the end of the input is invalid. */
  end(): NumberedLine[] {
    const lines = this.carry === undefined ? [] : this.decodeMarkingInvalid(this.carry);
    this.carry = undefined;
    const rest = this.splitter.end();
    return lines.length === 0 ? rest : [...lines, ...rest];
  }

  /**
   * The slow path: valid runs decoded as they are; each run of bad bytes handed over as
   * the U+FFFD a decoder makes of it (one per maximal bad sequence), so a rejected
   * record's raw text reads as any decoder would show it.
   */
  private decodeMarkingInvalid(bytes: Buffer): NumberedLine[] {
    const lines: NumberedLine[] = [];
    const take = (more: readonly NumberedLine[]) => {
      for (const line of more) lines.push(line);
    };
    let runStart = 0;
    let badStart = -1;
    let i = 0;
    const endBadRun = () => {
      if (badStart < 0) return;
      take(this.splitter.pushInvalid(bytes.toString('utf8', badStart, i)));
      badStart = -1;
      runStart = i;
    };
    while (i < bytes.length) {
      const byte = bytes[i] as number;
      const length = byte < 0x80 ? 1 : sequenceLength(byte);
      if (byte < 0x80 || (length > 1 && i + length <= bytes.length && isUtf8(bytes.subarray(i, i + length)))) {
        endBadRun();
        i += length;
        continue;
      }
      if (badStart < 0) {
        if (runStart < i) take(this.splitter.push(bytes.toString('utf8', runStart, i)));
        badStart = i;
      }
      i++;
    }
    endBadRun();
    if (runStart < bytes.length) take(this.splitter.push(bytes.toString('utf8', runStart)));
    return lines;
  }
}

/** The length a lead byte announces; 1 for a byte that cannot start a sequence. */
function sequenceLength(byte: number): number {
  if (byte >= 0xf0) return 4;
  if (byte >= 0xe0) return 3;
  if (byte >= 0xc0) return 2;
  return 1;
}

/** Where the last complete character ends: a sequence cut short at the end waits for more bytes. */
function completeEnd(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const byte = bytes[i] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (byte < 0x80) return bytes.length;
    return bytes.length - i < sequenceLength(byte) ? i : bytes.length;
  }
  return bytes.length;
}
