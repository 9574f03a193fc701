/**
 * Worker threads that validate event-log chunks (validate-worker.ts). Only bytes cross
 * threads, their buffers transferred: a chunk of whole lines one way, its accepted
 * records packed the other. An earlier pool that sent strings spent on cloning them
 * what it saved on parsing (docs/design.md).
 *
 * A worker that throws or stops fails every chunk it holds, and the pool with them;
 * `terminate` ends every thread and is always called by the reader.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LoadError } from '../errors.js';
import type { ChunkValidator } from './chunk-validator.js';
import type { ChunkResult } from './validate-chunk.js';
import type { ChunkReply, ChunkRequest, WorkerFault, WorkerSetup } from './validate-protocol.js';

/**
 * Threads for event logs: none unless `override` (SPARKIFY_VALIDATE_WORKERS, a tuning
 * and test knob) asks for some. On the 2-core machine, with the whole load quiet, a
 * worker made the event stage slower, not faster (docs/design.md: 7.7-7.9 s against
 * 7.2 s at M, whole etl 18.6 s against 15.0-15.7 s): DuckDB's staging thread and the
 * worker contend for the core the main thread leaves. It is not measured on larger
 * machines, so it is not a default anywhere.
 */
export function validateWorkersFor(override?: string): number {
  if (override === undefined || override.trim() === '') return 0;
  const wanted = Number(override);
  return Number.isInteger(wanted) && wanted >= 0 && wanted <= 64 ? wanted : 0;
}

let liveThreads = 0;

/** Validation threads started and not yet exited, in this process: none once every reader is done (tests check). */
export function liveValidationThreads(): number {
  return liveThreads;
}

interface Job {
  readonly resolve: (result: ChunkResult) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly thread: Worker;
  readonly jobs: Map<number, Job>;
}

export class ValidatePool implements ChunkValidator {
  readonly chunksInFlight: number;
  private readonly workers: PoolWorker[] = [];
  private broken: Error | undefined;
  private nextSeq = 0;
  private terminated = false;
  /**
   * Buffers sent to the workers and back, used again: a new ArrayBuffer for every chunk
   * counts as external memory, and V8 answered some 1 GB of them at M with 50 full
   * collections of the main thread's heap.
   */
  private readonly freeInputs: ArrayBuffer[] = [];
  private readonly freeOutputs: ArrayBuffer[] = [];

  constructor(size: number, fault?: WorkerFault) {
    this.chunksInFlight = size * 2;
    const setup: WorkerSetup = fault === undefined ? {} : { fault };
    for (let i = 0; i < size; i++) this.workers.push(this.start(setup));
  }

  /** A buffer of at least `bytes` to fill with a chunk: one sent back by a worker when there is one. */
  inputBuffer(bytes: number): Uint8Array {
    const index = this.freeInputs.findIndex((buffer) => buffer.byteLength >= bytes);
    if (index === -1) return new Uint8Array(bytes);
    const [buffer] = this.freeInputs.splice(index, 1);
    return new Uint8Array(buffer as ArrayBuffer);
  }

  /** A result's packed text, done with (the stager copied it): a worker fills it again. */
  recycle(text: Uint8Array): void {
    if (this.freeOutputs.length < this.workers.length * 4) this.freeOutputs.push(text.buffer as ArrayBuffer);
  }

  /** Validates one chunk of whole lines; its buffer is transferred (unusable here afterwards). */
  run(bytes: Uint8Array, atFileStart: boolean): Promise<ChunkResult> {
    const promise = new Promise<ChunkResult>((resolve, reject) => {
      if (this.broken !== undefined || this.terminated) {
        reject(this.broken ?? new Error('the validation pool was stopped'));
        return;
      }
      const worker = this.leastBusy();
      const seq = this.nextSeq++;
      worker.jobs.set(seq, { resolve, reject });
      const output = this.freeOutputs.pop();
      const request: ChunkRequest = output === undefined ? { seq, bytes, atFileStart } : { seq, bytes, atFileStart, output };
      worker.thread.postMessage(request, output === undefined ? [bytes.buffer as ArrayBuffer] : [bytes.buffer as ArrayBuffer, output]);
    });
    // The reader may stop before awaiting every chunk: a failure then is no unhandled rejection.
    promise.catch(() => undefined);
    return promise;
  }

  failure(uri: string, error: unknown): LoadError {
    return new LoadError(`${uri}: validating on a worker thread failed: ${(error as Error).message}`, { cause: error });
  }

  /** Ends every thread; chunks still out fail. */
  async terminate(): Promise<void> {
    this.terminated = true;
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }

  private leastBusy(): PoolWorker {
    let best = this.workers[0] as PoolWorker;
    for (const worker of this.workers) if (worker.jobs.size < best.jobs.size) best = worker;
    return best;
  }

  private start(setup: WorkerSetup): PoolWorker {
    const worker: PoolWorker = { thread: startThread(setup), jobs: new Map() };
    liveThreads++;
    worker.thread.on('message', (reply: ChunkReply) => {
      if (this.freeInputs.length < this.workers.length * 4) this.freeInputs.push(reply.input);
      const job = worker.jobs.get(reply.seq);
      worker.jobs.delete(reply.seq);
      job?.resolve(reply.result);
    });
    worker.thread.on('error', (error) => this.fail(worker, error));
    worker.thread.on('exit', (code) => {
      liveThreads--;
      this.fail(worker, new Error(this.terminated ? 'the validation pool was stopped' : `a validation thread stopped (exit code ${code})`));
    });
    return worker;
  }

  private fail(worker: PoolWorker, error: Error): void {
    if (!this.terminated) this.broken ??= error;
    for (const job of worker.jobs.values()) job.reject(this.broken ?? error);
    worker.jobs.clear();
  }
}

/**
 * From dist/ the worker is plain JavaScript. From the TypeScript sources (the tests, tsx)
 * it is TypeScript, which a worker's own module loader cannot read: tsx's API loads it.
 */
function startThread(setup: WorkerSetup): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./validate-worker.js', here), { workerData: setup });
  // tsx's ES module API, found from here (its CommonJS build cannot load ES modules).
  const tsxPackage = createRequire(here).resolve('tsx/package.json');
  const tsx = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const target = new URL('./validate-worker.ts', here).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(target)}, ${JSON.stringify(here)}));`;
  return new Worker(code, { eval: true, workerData: setup });
}
