/**
 * Event logs read in chunks (records/read-in-chunks.ts), validated on this thread or on
 * worker threads, give what the line-by-line path gives (readStagingBatches, which
 * decodes and judges every line): the same records with the same text and lines, the
 * same rejects in the same order, the same per-file counts, whatever the chunking. And
 * the pool is ended however reading ends.
 */
import { Readable } from 'node:stream';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { readStagingBatches, readTextBatches, type InputFile, type ReadOptions } from '../../src/records/read-records.js';
import type { RejectedRecord, StagingBatch, TextRecord } from '../../src/records/staging-record.js';
import { liveValidationThreads, validateWorkersFor } from '../../src/records/validate-pool.js';
import type { WorkerFault } from '../../src/records/validate-protocol.js';
import { eventLog } from '../support/event-log-arbitrary.js';

interface Read {
  readonly records: { fileId: number; line: number; raw: string }[];
  readonly rejects: RejectedRecord[];
  readonly files: string[];
  readonly failure?: string;
}

/** Reads `logs` as files 1..n, each streamed in `pieces`-sized reads, or whole. */
interface ReadAllOptions {
  /** 'line by line': the reference, readStagingBatches; a number: readTextBatches in chunks on that many workers (0: this thread). */
  readonly workers: number | 'line by line';
  readonly chunkBytes?: number;
  readonly pieceBytes?: number;
  readonly whole?: boolean;
  readonly maxRejects?: number;
  readonly workerFault?: WorkerFault;
}

async function readAll(logs: readonly Buffer[], options: ReadAllOptions): Promise<Read> {
  const files: InputFile[] = logs.map((bytes, index) => ({ uri: `/logs/day-${index + 1}.json`, fileId: index + 1, size: bytes.length }));
  const read: Read = { records: [], rejects: [], files: [] };
  const reading: ReadOptions = {
    kind: 'events',
    files,
    open: (file) => Readable.from(piecesOf(logs[file.fileId - 1] as Buffer, options.pieceBytes ?? 1 << 20)),
    readWhole: options.whole ? (file) => logs[file.fileId - 1] : undefined,
    onReject: (rejected) => {
      read.rejects.push(rejected);
      if (read.rejects.length > (options.maxRejects ?? Infinity)) throw new DataError(rejected.file, rejected.line, rejected.reason);
    },
    onFileDone: (file, accepted, rejected) => read.files.push(`${file.uri} ${accepted}/${rejected}`),
    workers: options.workers === 'line by line' ? undefined : options.workers,
    chunkBytes: options.chunkBytes,
    workerFault: options.workerFault,
  };
  try {
    const batches = options.workers === 'line by line' ? readStagingBatches(reading) : readTextBatches(reading);
    for await (const batch of batches) read.records.push(...recordsOf(batch));
  } catch (error) {
    return { ...read, failure: (error as Error).message };
  }
  return read;
}

/** A failed read's outcome; which records were yielded before the failure depends on batching, and the load rolls back. */
function outcome({ rejects, files, failure }: Read): Omit<Read, 'records'> {
  return { rejects, files, failure };
}

function piecesOf(bytes: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}

function recordsOf(batch: StagingBatch<TextRecord>): { fileId: number; line: number; raw: string }[] {
  const records = batch.records.map(({ fileId, line, raw }) => ({ fileId, line, raw }));
  const packed = batch.packed;
  if (packed === undefined) return records;
  const text = Buffer.from(packed.text.buffer, packed.text.byteOffset, packed.text.byteLength);
  packed.lines.forEach((line, i) => {
    const start = i === 0 ? 0 : (packed.ends[i - 1] as number);
    records.push({ fileId: packed.fileId, line, raw: text.toString('utf8', start, packed.ends[i]) });
  });
  return records;
}

describe('event logs read in chunks, on this thread or on worker threads', () => {
  test.prop(
    [
      fc.array(eventLog, { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 16, max: 4_000 }),
      fc.integer({ min: 1, max: 3_000 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 2 }),
      fc.option(fc.nat({ max: 6 }), { nil: undefined }),
    ],
    { numRuns: 10 },
  )('read what the line-by-line path reads: records, rejects in order, per-file counts, the same stop', async (logs, chunkBytes, pieceBytes, whole, workers, maxRejects) => {
    const inThread = await readAll(logs, { workers: 'line by line', pieceBytes, whole, maxRejects });
    const onWorkers = await readAll(logs, { workers, chunkBytes, pieceBytes, whole, maxRejects });
    if (inThread.failure === undefined) expect(onWorkers).toEqual(inThread);
    else expect(outcome(onWorkers)).toEqual(outcome(inThread));
  });

  it('stop at the same reject when rejects run out, naming the same file and line', async () => {
    const good = '{"ts":1,"userId":"1","page":"NextSong"}';
    const logs = [Buffer.from(`${good}\nnot json\n${good}\n`), Buffer.from(`${good}\n[1]\n${good}\n{"ts":"x"}\n${good}\n`)];
    const inThread = await readAll(logs, { workers: 'line by line', maxRejects: 2 });
    const onWorkers = await readAll(logs, { workers: 2, chunkBytes: 16, maxRejects: 2 });
    expect(inThread.failure).toBe('/logs/day-2.json:4: "ts" must be an integer number of epoch milliseconds, not the string "x"');
    expect(outcome(onWorkers)).toEqual(outcome(inThread));
  });

  it('stop at the first reject over the budget while later chunks are still being validated', async () => {
    const logs = [Buffer.from(Array.from({ length: 40 }, (_, i) => `bad ${i + 1}`).join('\n'))];
    const inThread = await readAll(logs, { workers: 'line by line', maxRejects: 2 });
    const onWorkers = await readAll(logs, { workers: 1, chunkBytes: 16, maxRejects: 2 });
    expect(inThread.failure).toMatch(/^\/logs\/day-1\.json:3: not valid JSON/);
    expect(outcome(onWorkers)).toEqual(outcome(inThread));
    expect(liveValidationThreads()).toBe(0);
  });

  it('refuse a binary file by name after what the files before it rejected', async () => {
    const logs = [Buffer.from('oops\n{"ts":1,"userId":"1"}\n'), Buffer.from('{"ts":1}\n\u0000\u0001binary')];
    const inThread = await readAll(logs, { workers: 'line by line' });
    const onWorkers = await readAll(logs, { workers: 1, chunkBytes: 32 });
    expect(inThread.failure).toBe('/logs/day-2.json: this is not a text file (it holds NUL bytes); remove it from the source tree');
    expect(outcome(onWorkers)).toEqual(outcome(inThread));
    expect(onWorkers.rejects.map((r) => `${r.file}:${r.line}`)).toEqual(['/logs/day-1.json:1']);
  });

  const good = (line: number) => `{"ts":${line},"userId":"1","page":"NextSong"}`;
  const bigLog = Buffer.from(Array.from({ length: 2_000 }, (_, i) => good(i + 1)).join('\n'));

  it('end every thread when the reader is stopped early', async () => {
    const reading = readTextBatches({
      kind: 'events',
      files: [{ uri: '/logs/big.json', fileId: 1, size: bigLog.length }],
      open: () => Readable.from([bigLog]),
      onReject: () => undefined,
      workers: 2,
      chunkBytes: 1_024,
    });
    const first = await reading.next();
    expect(first.done).toBe(false);
    expect(liveValidationThreads()).toBe(2);
    await reading.return(undefined);
    expect(liveValidationThreads()).toBe(0);
  });

  it.each<[WorkerFault, RegExp]>([
    ['throw', /^\/logs\/day-1\.json: validating on a worker thread failed: injected fault in a validation worker/],
    ['exit', /^\/logs\/day-1\.json: validating on a worker thread failed: a validation thread stopped \(exit code 3\)$/],
  ])('fail with one clear error when a worker %ss, and end every thread', async (workerFault, message) => {
    const read = await readAll([bigLog, bigLog], { workers: 2, chunkBytes: 1_024, workerFault });
    expect(read.failure).toMatch(message);
    expect(read.files).toEqual([]);
    expect(liveValidationThreads()).toBe(0);
  });
});

describe('how many validation threads', () => {
  it('none by default: a worker did not pay on the machine it was measured on', () => {
    expect(validateWorkersFor(undefined)).toBe(0);
    expect(validateWorkersFor('')).toBe(0);
  });

  it('as many as SPARKIFY_VALIDATE_WORKERS says, when it is a whole number', () => {
    expect(validateWorkersFor('2')).toBe(2);
    expect(validateWorkersFor('1')).toBe(1);
    expect(validateWorkersFor('0')).toBe(0);
    expect(validateWorkersFor(' ')).toBe(0);
    expect(validateWorkersFor('many')).toBe(0);
  });
});
