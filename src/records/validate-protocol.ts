/** The messages between validate-pool.ts and its workers (validate-worker.ts). */
import type { ChunkResult } from './validate-chunk.js';

/** A test hook (pipeline/fault-injection.ts): the worker throws, or its thread exits, at its first chunk. */
export type WorkerFault = 'throw' | 'exit';

export interface WorkerSetup {
  readonly fault?: WorkerFault;
}

export interface ChunkRequest {
  readonly seq: number;
  /** Whole lines of one file, its buffer transferred. */
  readonly bytes: Uint8Array;
  readonly atFileStart: boolean;
  /** A buffer for the packed records, used again (see ValidatePool.recycle); none: the worker allocates one. */
  readonly output?: ArrayBuffer;
}

export interface ChunkReply {
  readonly seq: number;
  readonly result: ChunkResult;
  /** The request's buffer, sent back to be filled again. */
  readonly input: ArrayBuffer;
}
