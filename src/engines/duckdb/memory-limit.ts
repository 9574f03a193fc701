/**
 * DuckDB's memory_limit when the user sets none: a flat cap, DEFAULT_CAP_BYTES, the
 * same for every input size, so DuckDB's share of peak RSS does not follow the input
 * (with the machine's 80 % it did: 0.9 GB at 1 M events, 1.8 GB at 5 M, 5 GB at 20 M:
 * DuckDB keeps staged data and hash tables in memory up to its limit). Past the cap it
 * spills to its temp folder; at 1 M events that cost no CPU time measurably, at 5 M about
 * 3 s of the transform. Staged rows no longer pile up against it: they are written into the
 * database file as they come (duckdb-engine.ts, write_buffer_row_group_count), where they
 * used to fill it and spill (docs/benchmarks.md). A smaller machine gets less: 80 % of the memory the
 * process may use (a container's limit when there is one), no more than is available
 * when the warehouse opens, less a reserve for Node itself, and never under
 * MIN_LIMIT_BYTES. A user's MEMORY_LIMIT (flag, environment, dwh.cfg) replaces this as
 * given.
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
/**
 * The default's ceiling on any machine. Peak RSS at 5 M events (L) on the 2-core machine:
 * 1,269 MB with 512 MiB, 1,505 MB with 1 GiB, 1,810 MB with the old machine-sized 18 GiB;
 * at 1 M events (M) 611-700 MB with 512 MiB against 844-919 MB, at about the same CPU
 * time. 256 MiB, the default before issue 10, ran out of memory at L (an operator that
 * cannot spill); 512 MiB loads it. docs/benchmarks.md has the runs.
 */
export const DEFAULT_CAP_BYTES = 512 * MiB;

/**
 * DuckDB's memory_limit while it stages, when the user set none. Staged rows go to the
 * database file as they come (duckdb-engine.ts, write_buffer_row_group_count), so what the
 * buffer pool gathers beyond the row group being built is blocks already written, which
 * nothing reads before the transform: at XL they grew to 410 MB and held peak RSS up while
 * Node also held its file list. Staging at 256 MiB, XL's peak RSS went from 1,237 to 1,126 MB
 * (docs/benchmarks.md, session 9). The transform gets the whole limit back.
 */
export const STAGING_MEMORY_LIMIT = '256MiB';

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
  const bytes = Math.min(DEFAULT_CAP_BYTES, Math.max(MIN_LIMIT_BYTES, usable));
  return `${Math.floor(bytes / MiB)}MiB`;
}
