/**
 * readTextBatches for event logs, in chunks: each file is cut into chunks of whole lines
 * as bytes, each chunk validated as a whole (validate-chunk.ts), on this thread or on
 * worker threads (validate-pool.ts), and the results put back in file and chunk order,
 * so rejects reach `onReject`, files reach `onFileDone` and errors surface exactly as on
 * the line-by-line path (read-records.ts), and a maximum-errors stop names the same file
 * and line. Accepted records travel packed as bytes, never as a string each.
 */
import type { InputFile, ReadOptions } from './read-options.js';
import type { ChunkResult } from './validate-chunk.js';
import type { ChunkValidator } from './chunk-validator.js';
import type { StagingBatch, TextRecord } from './staging-record.js';

/** A few MB: a chunk's work (some 15 ms) dwarfs its handover, and a file of 10 MB still spreads over the pool. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** The in-thread path's rules for a file, so both say the same. */
export interface FileReading {
  readonly refuseBinary: (bytes: Buffer, uri: string) => void;
  readonly asReadError: (error: unknown, uri: string) => unknown;
}

/** What is waiting to be delivered, in order: a chunk's result, a file's end, a read failure. */
type Pending<F> =
  | { readonly type: 'chunk'; readonly file: F; readonly result: Promise<ChunkResult> }
  | { readonly type: 'file-done'; readonly file: F }
  | { readonly type: 'failed'; readonly error: unknown };

export async function* readInChunks<F extends InputFile>(
  options: ReadOptions<F>,
  reading: FileReading,
  startValidator: () => ChunkValidator,
): AsyncGenerator<StagingBatch<TextRecord>> {
  // Started here, when reading starts, so a reader never iterated holds no thread.
  const pool = startValidator();
  // Enough chunks out that no thread waits while this one delivers; few enough to bound memory.
  const inFlight = pool.chunksInFlight;
  const pending: Pending<F>[] = [];
  let chunksOut = 0;
  /** The file being delivered: its counts, and the lines of its chunks delivered so far. */
  const counts = { accepted: 0, rejected: 0, lines: 0 };

  /** Delivers the oldest pending entry: a batch to yield, or nothing. */
  const deliver = async (): Promise<StagingBatch<TextRecord> | undefined> => {
    const next = pending.shift() as Pending<F>;
    if (next.type === 'failed') throw next.error;
    if (next.type === 'file-done') {
      options.onFileDone?.(next.file, counts.accepted, counts.rejected);
      counts.accepted = 0;
      counts.rejected = 0;
      counts.lines = 0;
      return { records: [], bytes: next.file.size, files: 1 };
    }
    chunksOut--;
    let result: ChunkResult;
    try {
      result = await next.result;
    } catch (error) {
      throw pool.failure(next.file.uri, error);
    }
    // The worker numbers from its chunk's start; chunks arrive in order, so the file's line is known here.
    const before = counts.lines;
    counts.lines += result.lineCount;
    for (const reject of result.rejects) {
      counts.rejected++;
      options.onReject({ file: next.file.uri, line: before + reject.line, raw: reject.raw, reason: reject.reason });
    }
    const lines = result.lines;
    for (let i = 0; i < lines.length; i++) lines[i] = (lines[i] as number) + before;
    counts.accepted += lines.length;
    return { records: [], packed: { fileId: next.file.fileId, text: result.text, ends: result.ends, lines }, bytes: 0, files: 0 };
  };

  /** The oldest entry's batch; once the consumer asks for more, it has copied the packed text, which goes back to the pool. */
  async function* delivered(): AsyncGenerator<StagingBatch<TextRecord>> {
    const batch = await deliver();
    if (batch === undefined) return;
    yield batch;
    if (batch.packed !== undefined) pool.recycle(batch.packed.text);
  }

  try {
    reading: for (const file of options.files) {
      const chunks = wholeLineChunks(file, options, reading, pool);
      try {
        for (;;) {
          let step: IteratorResult<WholeLines>;
          try {
            step = await chunks.next();
          } catch (error) {
            // Thrown after what the file's earlier chunks and the files before it reject, as in-thread.
            pending.push({ type: 'failed', error: reading.asReadError(error, file.uri) });
            break reading;
          }
          if (step.done === true) break;
          pending.push({ type: 'chunk', file, result: pool.run(step.value.bytes, step.value.atFileStart) });
          chunksOut++;
          // A reject over the budget or a failed worker throws here, and nothing after it is delivered.
          while (chunksOut >= inFlight) yield* delivered();
        }
      } finally {
        // Closes the file's stream when delivery stopped the reading.
        await chunks.return(undefined);
      }
      pending.push({ type: 'file-done', file });
    }
    while (pending.length > 0) yield* delivered();
  } finally {
    await pool.terminate();
  }
}

interface WholeLines {
  /** Its own buffer, to be transferred. */
  readonly bytes: Uint8Array;
  readonly atFileStart: boolean;
}

const NEWLINE = 0x0a;

/**
 * A file's bytes as chunks of some CHUNK_BYTES ending at a '\n' (the last one at the
 * file's end); a line longer than a chunk makes its chunk longer. A binary file is
 * refused at its first bytes, as in-thread.
 */
async function* wholeLineChunks<F extends InputFile>(file: F, options: ReadOptions<F>, reading: FileReading, pool: ChunkValidator): AsyncGenerator<WholeLines> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  // A small file needs no chunk-sized buffer; one that grew since it was listed fills this and goes on.
  let buffer = pool.inputBuffer(Math.max(1, Math.min(chunkBytes, file.size)));
  let used = 0;
  let atFileStart = true;
  let first = true;
  for await (const piece of pieces(file, options)) {
    if (first) {
      reading.refuseBinary(piece, file.uri);
      first = false;
    }
    let offset = 0;
    while (offset < piece.length) {
      const n = Math.min(piece.length - offset, buffer.length - used);
      buffer.set(piece.subarray(offset, offset + n), used);
      used += n;
      offset += n;
      if (used < buffer.length) continue;
      const cut = buffer.lastIndexOf(NEWLINE, used - 1);
      if (cut === -1) {
        // One line fills the chunk: let it grow.
        const bigger = new Uint8Array(buffer.length * 2);
        bigger.set(buffer.subarray(0, used));
        buffer = bigger;
        continue;
      }
      const rest = pool.inputBuffer(Math.max(chunkBytes, (used - cut - 1) * 2));
      rest.set(buffer.subarray(cut + 1, used));
      const chunk = buffer.subarray(0, cut + 1);
      yield { bytes: chunk, atFileStart };
      atFileStart = false;
      used = used - cut - 1;
      buffer = rest;
    }
  }
  if (used > 0) {
    const chunk = buffer.subarray(0, used);
    yield { bytes: chunk, atFileStart };
  }
}

async function* pieces<F extends InputFile>(file: F, options: ReadOptions<F>): AsyncGenerator<Buffer> {
  const whole = await options.readWhole?.(file);
  if (whole) {
    yield whole;
    return;
  }
  const stream = options.open(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } finally {
    stream.destroy();
  }
}
