/**
 * Turns input files into validated staging batches: cut each file into records (a log's
 * lines, a song file's objects), skip blanks, accept or reject each record (bytes that
 * are not UTF-8 included). Rejections go to `onReject`, which decides whether the load
 * can go on (the pipeline owns the maximum-errors budget).
 */
import type { Readable } from 'node:stream';
import { LoadError, SparkifyError } from '../errors.js';
import type { InputFile, ReadOptions } from './read-options.js';
import { InThreadValidator } from './chunk-validator.js';
import { readInChunks } from './read-in-chunks.js';
import { ValidatePool } from './validate-pool.js';
import { LineSplitter, splitLines, splitWhole, type NumberedLine, type TextSplitter } from './split-lines.js';
import { ObjectSplitter } from './split-objects.js';
import type { EventFields, SongFields, StagingBatch, StagingKind, StagingRecord, TextRecord } from './staging-record.js';
import { judgeLine } from './validate-chunk.js';

export type { InputFile, ReadOptions } from './read-options.js';

/** Small enough that V8 frees batches promptly (peak RSS), large enough to amortise the per-batch cost. */
const DEFAULT_BATCH_SIZE = 500;
/** Bytes inspected for NUL, the mark of a binary file. */
const BINARY_PROBE_BYTES = 8_192;

/** Validated records with their typed fields, for a stager that writes the values itself. */
export function readStagingBatches<F extends InputFile>(options: ReadOptions<F>): AsyncGenerator<StagingBatch> {
  return readBatches(options, (fileId, line, raw, fields): StagingRecord => ({ fileId, line, raw, fields }));
}

/**
 * Validated records as text only, for a stager whose warehouse parses them again. The
 * same checks run; no typed fields are kept. Event logs split at any line end, so they
 * are read in chunks of bytes, where most lines are vouched for without being decoded
 * or parsed (validate-chunk.ts), on this thread or on worker threads; a song file's
 * objects cannot be cut so, and go line by line.
 */
export function readTextBatches<F extends InputFile>(options: ReadOptions<F>): AsyncGenerator<StagingBatch<TextRecord>> {
  if (options.kind === 'events') {
    const workers = options.workers ?? 0;
    const startValidator = () => (workers > 0 ? new ValidatePool(workers, options.workerFault) : new InThreadValidator());
    return readInChunks(options, { refuseBinary, asReadError }, startValidator);
  }
  return readBatches(options, (fileId, line, raw): TextRecord => ({ fileId, line, raw }));
}

type MakeRecord<R> = (fileId: number, line: number, raw: string, fields: EventFields | SongFields) => R;

async function* readBatches<F extends InputFile, R extends TextRecord>(options: ReadOptions<F>, makeRecord: MakeRecord<R>): AsyncGenerator<StagingBatch<R>> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let records: R[] = [];
  let bytes = 0;
  let files = 0;

  for (const file of options.files) {
    let accepted = 0;
    let rejected = 0;
    const take = (lines: readonly NumberedLine[]) => {
      for (const { number, text, invalidUtf8 } of lines) {
        const result = judgeLine(options.kind, text, invalidUtf8);
        if (result === undefined) continue;
        if (result.ok) {
          records.push(makeRecord(file.fileId, number, result.text ?? text, result.fields as EventFields | SongFields));
          accepted++;
        } else {
          rejected++;
          options.onReject({ file: file.uri, line: number, raw: text, reason: result.reason });
        }
      }
    };

    try {
      const whole = await options.readWhole?.(file);
      if (whole) {
        refuseBinary(whole, file.uri);
        take(splitWhole(whole, splitterFor(options.kind)));
      } else {
        for await (const lines of splitLines(textChunks(options.open(file), file.uri), splitterFor(options.kind))) {
          take(lines);
          if (records.length >= batchSize) {
            yield { records, bytes, files };
            [records, bytes, files] = [[], 0, 0];
          }
        }
      }
    } catch (error) {
      throw asReadError(error, file.uri);
    }
    bytes += file.size;
    files++;
    options.onFileDone?.(file, accepted, rejected);
    if (records.length >= batchSize) {
      yield { records, bytes, files };
      [records, bytes, files] = [[], 0, 0];
    }
  }
  if (records.length > 0 || files > 0) yield { records, bytes, files };
}

/** An event log holds a record a line; a song file, JSON objects one after another (SPEC.md). */
function splitterFor(kind: StagingKind): TextSplitter {
  return kind === 'songs' ? new ObjectSplitter() : new LineSplitter();
}

/** Passes chunks through, refusing a binary file (a NUL byte near its start). */
async function* textChunks(stream: Readable, uri: string): AsyncGenerator<Buffer> {
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        refuseBinary(chunk, uri);
        first = false;
      }
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
}

function refuseBinary(bytes: Buffer, uri: string): void {
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    throw new LoadError(`${uri}: this is not a text file (it holds NUL bytes); remove it from the source tree`);
  }
}

function asReadError(error: unknown, uri: string): unknown {
  if (error instanceof SparkifyError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return new LoadError(`${uri}: is a directory where a file was expected`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new LoadError(`${uri}: permission denied; check the file's permissions`, { cause: error });
  if (code === 'ENOENT') return new LoadError(`${uri}: the file disappeared while loading; run the load again`, { cause: error });
  if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError)) {
    return new LoadError(`${uri}: could not be read: ${error.message}`, { cause: error });
  }
  return error;
}
