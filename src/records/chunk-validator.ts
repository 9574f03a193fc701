/**
 * Who validates the chunks read-in-chunks.ts cuts: this thread (InThreadValidator, the
 * default) or worker threads (validate-pool.ts). Both run validate-chunk.ts on the same
 * bytes, so they give the same results; they differ in where and in how buffers travel.
 */
import { validateChunk, type ChunkResult } from './validate-chunk.js';

export interface ChunkValidator {
  /** Chunks handed out before the oldest is awaited. */
  readonly chunksInFlight: number;
  /** A buffer of at least `bytes` to fill with a chunk; one done with when there is one. */
  inputBuffer(bytes: number): Uint8Array;
  /** Validates one chunk of whole lines; its buffer is the validator's afterwards. */
  run(bytes: Uint8Array, atFileStart: boolean): Promise<ChunkResult>;
  /** A result's packed text, done with (the stager copied it). */
  recycle(text: Uint8Array): void;
  /** The error a load fails with when validating `uri`'s chunk failed. */
  failure(uri: string, error: unknown): unknown;
  /** Ends whatever runs the chunks; always called by the reader. */
  terminate(): Promise<void>;
}

/**
 * Chunks validated here, one at a time, as they are read. Buffers are used again, one
 * for input and one for output, so reading a file allocates nothing per chunk.
 */
export class InThreadValidator implements ChunkValidator {
  readonly chunksInFlight = 1;
  private freeInput: ArrayBuffer | undefined;
  private freeOutput: ArrayBuffer | undefined;

  inputBuffer(bytes: number): Uint8Array {
    const free = this.freeInput;
    if (free !== undefined && free.byteLength >= bytes) {
      this.freeInput = undefined;
      return new Uint8Array(free);
    }
    return new Uint8Array(bytes);
  }

  run(bytes: Uint8Array, atFileStart: boolean): Promise<ChunkResult> {
    try {
      const output = this.freeOutput;
      this.freeOutput = undefined;
      const result = validateChunk(bytes, atFileStart, output);
      // The accepted records were copied out of the input: its buffer can hold the next chunk.
      this.freeInput = bytes.buffer as ArrayBuffer;
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  recycle(text: Uint8Array): void {
    this.freeOutput = text.buffer as ArrayBuffer;
  }

  failure(_uri: string, error: unknown): unknown {
    return error;
  }

  terminate(): Promise<void> {
    return Promise.resolve();
  }
}
