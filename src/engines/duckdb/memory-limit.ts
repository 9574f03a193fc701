/**
 * DuckDB's memory_limit when the user sets none. DuckDB itself defaults to 80 % of the
 * machine's memory; sparkify runs DuckDB inside its own Node process, so the limit is
 * 80 % of the memory the process may use (a container's limit when there is one), no
 * more than what is available when the warehouse opens, less a reserve for Node itself
 * (sparkify's own heap and buffers stay in the hundreds of megabytes). Past the limit
 * DuckDB spills to its temp folder rather than fail, so the limit decides speed, not
 * whether a large load finishes. A user's MEMORY_LIMIT (flag, environment, dwh.cfg)
 * replaces this as given.
 */
import os from 'node:os';

export interface MachineMemory {
  /** Bytes the process may use in all: physical memory, or a container's lower limit. */
  readonly total: number;
  /** Bytes available now (Linux's MemAvailable). */
  readonly available: number;
}

const MiB = 1024 * 1024;
/** What Node needs beside DuckDB: heap, batches in flight, write buffers. */
export const NODE_RESERVE_BYTES = 1024 * MiB;
/** Never below the limit sparkify used to default to, which loads 1 M events. */
export const MIN_LIMIT_BYTES = 256 * MiB;
const SHARE_OF_TOTAL = 0.8;

export function machineMemory(): MachineMemory {
  const physical = os.totalmem();
  // A container's cgroup limit; Node reports a huge number, or 0, when there is none.
  const constrained = process.constrainedMemory?.() ?? 0;
  const total = constrained > 0 && constrained < physical ? constrained : physical;
  return { total, available: Math.min(os.freemem(), total) };
}

/** The default limit, in DuckDB's syntax (whole MiB). */
export function defaultMemoryLimit(memory: MachineMemory = machineMemory()): string {
  const usable = Math.min(memory.total * SHARE_OF_TOTAL, memory.available) - NODE_RESERVE_BYTES;
  const bytes = Math.max(MIN_LIMIT_BYTES, usable);
  return `${Math.floor(bytes / MiB)}MiB`;
}
