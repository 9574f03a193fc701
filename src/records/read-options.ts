/** What a reader of input files is given (read-records.ts, read-in-chunks.ts). */
import type { Readable } from 'node:stream';
import type { RejectedRecord, StagingKind } from './staging-record.js';
import type { WorkerFault } from './validate-protocol.js';

export interface InputFile {
  readonly uri: string;
  readonly fileId: number;
  readonly size: number;
}

export interface ReadOptions<F extends InputFile = InputFile> {
  readonly kind: StagingKind;
  readonly files: readonly F[];
  readonly open: (file: F) => Readable;
  /**
   * The whole file, when the source holds it cheaply (a small local file, a prefetched
   * object); undefined to stream it. Streams cost ~100 µs a file, which 100 k one-song
   * files cannot afford.
   */
  readonly readWhole?: (file: F) => Buffer | Promise<Buffer> | undefined;
  readonly onReject: (rejected: RejectedRecord) => void;
  /** Called after each file with its accepted and rejected record counts. */
  readonly onFileDone?: (file: F, accepted: number, rejected: number) => void;
  readonly batchSize?: number;
  /**
   * Worker threads to validate event logs on, text-only reading (readTextBatches) only;
   * 0 or absent: this thread (validate-pool.ts chooses, validateWorkersFor).
   */
  readonly workers?: number;
  /** Bytes a worker's chunk holds (read-in-chunks.ts's CHUNK_BYTES); tests make it small to cut lines often. */
  readonly chunkBytes?: number;
  /** A test hook (pipeline/fault-injection.ts): make the workers fail. */
  readonly workerFault?: WorkerFault;
}
