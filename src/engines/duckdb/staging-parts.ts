/**
 * Writes validated records into temporary newline-delimited parts, each record tagged
 * with its file id and line, and has DuckDB insert each finished part while Node
 * validates the next, so the two parsers overlap instead of taking turns. Kinds take
 * turns through the same queue of INSERTs, and Node reads the next kind ahead whenever a
 * part waits for DuckDB, and on while DuckDB inserts the last parts of the one before
 * (the event logs go first, the song files are read meanwhile: pipeline/stage-files.ts).
 *
 * Lifecycle, the part that used to crash a load: parts are written through a FileHandle,
 * whose every write is a promise that is always awaited (or caught) before the stage
 * returns, so a failure on either side (a rejected record, an unreadable input, a full
 * disk, a failed INSERT) ends in one rejected promise, never an 'error' event nobody
 * listens to. Nothing returns before DuckDB is idle and every part file is closed and
 * removed, so the caller can roll back and clean up.
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { recordCount, type PackedRecords, type StagingBatch, type StagingKind, type TextRecord } from '../../records/staging-record.js';

export const FILE_ID = '__sparkify_file_id';
export const LINE = '__sparkify_line';

/** A finished part, for DuckDB to insert: its longest line sizes read_json's buffer. */
export interface FinishedPart {
  readonly file: string;
  readonly lines: number;
  readonly longestLineBytes: number;
}

export type InsertPart = (part: FinishedPart) => Promise<number>;

/** Tagged lines are encoded straight into buffers of this size, then written. */
const WRITE_BYTES = 1024 * 1024;

/**
 * A part is cut at PART_ROWS records, or at PART_BYTES for long records. DuckDB writes
 * the complete row groups (122,880 rows) of an INSERT straight into the database file;
 * an INSERT of fewer rows (the 32 MB parts of before: some 70 k events) leaves them in
 * the transaction's memory until COMMIT, and past the memory limit they spill to the
 * temp folder and are read back by the transform. At 5 M events that was 1.25 GB spilled
 * and 440 MB held: the event stage took 79.8 s and the transform 68.5 s, against 48.9 s
 * and 31.1 s with parts of two row groups, which hold 12 MB (docs/benchmarks.md).
 */
export const PART_ROWS = 2 * 122_880;
/** Bounds the scratch disk (two parts at a time) and a part's parse when records are long. */
export const PART_BYTES = 256 * 1024 * 1024;

/** Where parts are cut; tests cut them smaller. */
export interface PartLimits {
  readonly rows: number;
  readonly bytes: number;
}

const PART_LIMITS: PartLimits = { rows: PART_ROWS, bytes: PART_BYTES };

/** One kind's records, and how DuckDB inserts a finished part of them (into which table). */
export interface PartStream {
  readonly kind: StagingKind;
  readonly batches: AsyncIterable<StagingBatch<TextRecord>>;
  readonly insertPart: InsertPart;
}

/**
 * Stages each stream in turn through parts in a folder of their own under `scratch`;
 * returns the rows inserted of each kind. A finished part waits for the INSERTs queued
 * before it, so a kind has two parts at a time (one being inserted, one being written):
 * the scratch disk holds some 250 MB of events (512 MB at most) however large the input.
 * While it waits, Node reads ahead in the next kind, whose finished parts are queued at
 * once (four parts at most, 1 GB for long records); and a kind's last part is queued
 * without waiting, so DuckDB inserts it while Node reads on.
 */
export async function stageInParts(
  scratch: string,
  streams: readonly PartStream[],
  limits: PartLimits = PART_LIMITS,
): Promise<Record<StagingKind, number>> {
  const folder = await mkdtemp(path.join(scratch, 'stage-'));
  const inserts = new InsertQueue();
  const kinds = streams.map((stream) => new KindInParts(stream, folder, inserts, limits));
  try {
    for (const [index, kind] of kinds.entries()) {
      const next = kinds[index + 1];
      while (await kind.step(() => readAheadUntil(inserts.idle(), next)));
      await kind.finish();
    }
    await inserts.idle();
    return inserts.inserted;
  } finally {
    for (const kind of kinds) await kind.abandon();
    await inserts.settled();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Reads batches of `next` (when there is a next kind) until `waiting` settles; then settles as it did. */
async function readAheadUntil(waiting: Promise<void>, next: KindInParts | undefined): Promise<void> {
  let settled = false;
  const done = waiting.finally(() => (settled = true));
  // Handled here and rethrown below: a failed INSERT while a batch is read is no unhandled rejection.
  done.catch(() => undefined);
  while (!settled && next !== undefined && (await next.readAhead()));
  await done;
}

/**
 * One kind on its way into parts: read in its turn, or ahead of it while an earlier kind
 * waits for DuckDB. Its batches are taken one at a time, so reading ahead stops within a
 * batch of the INSERT it waited for.
 */
class KindInParts {
  private readonly batches: AsyncIterator<StagingBatch<TextRecord>>;
  private readonly buffer = new TaggedLineBuffer();
  private part: PartWriter | undefined;
  private partsOpened = 0;
  private exhausted = false;
  private heldFailure: { error: unknown } | undefined;

  constructor(
    private readonly stream: PartStream,
    private readonly folder: string,
    private readonly inserts: InsertQueue,
    private readonly limits: PartLimits,
  ) {
    this.batches = stream.batches[Symbol.asyncIterator]();
  }

  /**
   * Reads and writes one batch; false once the kind has none left. A part it fills is
   * closed and queued after `beforeQueueing`.
   */
  async step(beforeQueueing: () => Promise<void>): Promise<boolean> {
    if (this.heldFailure !== undefined) throw this.heldFailure.error;
    if (this.exhausted) return false;
    const next = await this.batches.next();
    if (next.done === true) {
      this.exhausted = true;
      return false;
    }
    this.inserts.throwIfFailed();
    const batch = next.value;
    const part = (this.part ??= await PartWriter.open(path.join(this.folder, `${this.stream.kind}-${this.partsOpened++}.ndjson`)));
    for (const record of batch.records) {
      if (!this.buffer.add(record)) {
        await part.write(this.buffer.take());
        this.buffer.add(record);
      }
    }
    if (batch.packed !== undefined) {
      const packed = batch.packed;
      for (let i = 0; i < packed.lines.length; i++) {
        if (!this.buffer.addPacked(packed, i)) {
          await part.write(this.buffer.take());
          this.buffer.addPacked(packed, i);
        }
      }
    }
    part.lines += recordCount(batch);
    if (part.lines >= this.limits.rows || part.bytes + this.buffer.size() >= this.limits.bytes) {
      await part.write(this.buffer.take());
      const finished = await part.close();
      this.part = undefined;
      await beforeQueueing();
      this.inserts.add(this.stream.kind, finished, this.stream.insertPart);
    }
    return true;
  }

  /**
   * One batch read ahead of the kind's turn, a part it fills queued at once; false when
   * there is nothing to read now. A failure (a reject over the budget, an unreadable file)
   * is held and thrown in the kind's turn, so a load fails as it would reading the kinds
   * one after another.
   */
  async readAhead(): Promise<boolean> {
    if (this.heldFailure !== undefined || this.exhausted) return false;
    try {
      return await this.step(async () => undefined);
    } catch (error) {
      this.heldFailure = { error };
      return false;
    }
  }

  /** Queues the kind's last part without waiting: DuckDB inserts it while Node reads on. */
  async finish(): Promise<void> {
    const part = this.part;
    if (part === undefined) return;
    if (!this.buffer.isEmpty()) await part.write(this.buffer.take());
    const last = await part.close();
    this.part = undefined;
    if (last.lines > 0) this.inserts.add(this.stream.kind, last, this.stream.insertPart);
  }

  /** After a failure: the part being written closed and removed, the reader stopped (its files and threads closed). */
  async abandon(): Promise<void> {
    await this.part?.abandon();
    if (!this.exhausted) {
      this.exhausted = true;
      await this.batches.return?.(undefined).catch(() => undefined);
    }
  }
}

/** One INSERT at a time (one connection), in the order queued; the first failure is kept and rethrown. */
class InsertQueue {
  readonly inserted: Record<StagingKind, number> = { songs: 0, events: 0 };
  private failure: { error: unknown } | undefined;
  private running: Promise<void> = Promise.resolve();

  add(kind: StagingKind, part: FinishedPart, insertPart: InsertPart): void {
    this.running = this.running.then(async () => {
      try {
        if (this.failure === undefined) this.inserted[kind] += await insertPart(part);
      } catch (error) {
        this.failure = { error };
      } finally {
        await rm(part.file, { force: true });
      }
    });
  }

  throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }

  /** Waits for the INSERTs queued so far; throws the first failure. */
  async idle(): Promise<void> {
    await this.running;
    this.throwIfFailed();
  }

  /** Waits for the INSERTs queued so far without throwing: the stage is failing already. */
  settled(): Promise<void> {
    return this.running;
  }
}

/**
 * One part file. A write is started, not awaited, so Node goes on encoding while the
 * kernel copies; the next write or the close waits for it. Its failure is caught at
 * once (no unhandled rejection) and thrown by the next call.
 */
class PartWriter {
  lines = 0;
  bytes = 0;
  private longestLineBytes = 0;
  private pending: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(file: string): Promise<PartWriter> {
    return new PartWriter(file, await open(file, 'w'));
  }

  async write(chunk: TakenBytes): Promise<void> {
    await this.pending;
    if (this.failure !== undefined) throw this.failure.error;
    this.bytes += chunk.bytes.byteLength;
    this.longestLineBytes = Math.max(this.longestLineBytes, chunk.longestLineBytes);
    this.pending = writeAll(this.handle, chunk.bytes).catch((error: unknown) => {
      this.failure ??= { error };
    });
  }

  async close(): Promise<FinishedPart> {
    await this.pending;
    this.closed = true;
    await this.handle.close();
    if (this.failure !== undefined) throw this.failure.error;
    return { file: this.file, lines: this.lines, longestLineBytes: this.longestLineBytes };
  }

  /** After a failure: waits for the write in flight, closes the file and removes it. */
  async abandon(): Promise<void> {
    await this.pending;
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
      await rm(this.file, { force: true });
    }
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset);
    offset += bytesWritten;
  }
}

interface TakenBytes {
  readonly bytes: Buffer;
  readonly longestLineBytes: number;
}

/**
 * Tagged lines encoded straight into a buffer: each validated record is one JSON
 * object, so our two keys are spliced in after its "{". Encoding into bytes here, rather
 * than concatenating strings for the stream to encode, saves a copy of every line.
 */
export class TaggedLineBuffer {
  private bytes = Buffer.allocUnsafe(WRITE_BYTES);
  private used = 0;
  private longestLineBytes = 0;
  private prefixFileId = -1;
  /** `{"<file id key>":<id>,"<line key>":` as bytes, copied per line: cheaper than encoding it again. */
  private prefix = Buffer.alloc(0);

  /** False when the record does not fit: take() the buffer, then add it again. */
  add(record: TextRecord): boolean {
    const body = record.raw.slice(record.raw.indexOf('{') + 1);
    // Worst case: three bytes a UTF-16 unit.
    if (!this.startLine(record.fileId, record.line, body.length * 3)) return false;
    this.used += this.bytes.write(body, this.used, 'utf8');
    this.endLine();
    return true;
  }

  /**
   * Record `index` of a packed batch (validated on a worker thread): its bytes copied,
   * never decoded into a string and encoded again. False as for add().
   */
  addPacked(packed: PackedRecords, index: number): boolean {
    if (packed !== this.packedSource) {
      this.packedSource = packed;
      this.packedText = Buffer.from(packed.text.buffer, packed.text.byteOffset, packed.text.byteLength);
    }
    const text = this.packedText;
    const start = index === 0 ? 0 : (packed.ends[index - 1] as number);
    const end = packed.ends[index] as number;
    // A validated record is one JSON object: only ASCII blanks come before its "{".
    const body = text.indexOf(OPEN_BRACE, start) + 1;
    if (!this.startLine(packed.fileId, packed.lines[index] as number, end - body)) return false;
    this.used += text.copy(this.bytes, this.used, body, end);
    this.endLine();
    return true;
  }

  private packedSource: PackedRecords | undefined;
  private packedText: Buffer = Buffer.alloc(0);
  private lineStart = 0;

  /** Writes the line's tags when `bodyBytes` more fit; false when they do not (and the buffer is not empty). */
  private startLine(fileId: number, line: number, bodyBytes: number): boolean {
    if (fileId !== this.prefixFileId) {
      this.prefix = Buffer.from(`{"${FILE_ID}":${fileId.toFixed(0)},"${LINE}":`, 'latin1');
      this.prefixFileId = fileId;
    }
    // The prefix, the line number, ",", the body, "\n".
    const needed = this.prefix.length + 12 + bodyBytes;
    if (this.used + needed > this.bytes.byteLength) {
      if (this.used > 0) return false;
      this.bytes = Buffer.allocUnsafe(needed);
    }
    this.lineStart = this.used;
    this.prefix.copy(this.bytes, this.used);
    this.used = writeDigits(this.bytes, this.used + this.prefix.length, line);
    this.bytes[this.used++] = COMMA;
    return true;
  }

  private endLine(): void {
    this.bytes[this.used++] = NEWLINE;
    this.longestLineBytes = Math.max(this.longestLineBytes, this.used - this.lineStart);
  }

  size(): number {
    return this.used;
  }

  isEmpty(): boolean {
    return this.used === 0;
  }

  /** The filled bytes, handed over (the write keeps them until done); a fresh buffer follows. */
  take(): TakenBytes {
    const taken = { bytes: this.bytes.subarray(0, this.used), longestLineBytes: this.longestLineBytes };
    this.bytes = Buffer.allocUnsafe(WRITE_BYTES);
    this.used = 0;
    this.longestLineBytes = 0;
    return taken;
  }
}

/**
 * A line number (a non-negative integer under 2^31, MAX_LINES_PER_FILE) as ASCII digits at
 * `at`, without making a string; returns the offset after them.
 */
function writeDigits(bytes: Buffer, at: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let position = at + digits;
  for (let rest = value; position > at; rest = Math.floor(rest / 10)) bytes[--position] = ZERO + (rest % 10);
  return at + digits;
}

const ZERO = 0x30;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
