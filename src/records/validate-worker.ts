/**
 * A worker thread of validate-pool.ts: validates the chunks it is sent and sends the
 * packed results back, their buffers transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { validateChunk } from './validate-chunk.js';
import type { ChunkReply, ChunkRequest, WorkerSetup } from './validate-protocol.js';

const port = parentPort;
if (port === null) throw new Error('validate-worker.ts runs on a worker thread only');
const setup = workerData as WorkerSetup;

port.on('message', (request: ChunkRequest) => {
  if (setup.fault === 'throw') throw new Error('injected fault in a validation worker (SPARKIFY_FAULT, a test hook)');
  if (setup.fault === 'exit') process.exit(3);
  const result = validateChunk(request.bytes, request.atFileStart, request.output);
  const input = request.bytes.buffer as ArrayBuffer;
  const reply: ChunkReply = { seq: request.seq, result, input };
  // Our own buffers (validate-chunk.ts, the pool's), never shared ones.
  const transfer = [result.text.buffer, result.ends.buffer, result.lines.buffer, input] as ArrayBuffer[];
  port.postMessage(reply, [...new Set(transfer)]);
});
