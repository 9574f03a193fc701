/**
 * DuckDB's memory_limit when none is set: a flat cap on any machine large enough
 * (so peak RSS does not follow the input), less on a smaller one (80 % of what the
 * process may use, no more than is available, less Node's reserve, never under 256 MiB),
 * and a temp folder to spill to, so a load larger than memory spills rather than fails.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { DEFAULT_CAP_BYTES, defaultMemoryLimit, machineMemory } from '../../src/engines/duckdb/memory-limit.js';
import { makeTempDir } from '../support/temp-dir.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const temp = makeTempDir('duckdb-memory');
afterAll(() => temp.remove());

describe('DuckDB default memory limit', () => {
  it('is the same flat cap on every machine with room for it, however large', () => {
    expect(DEFAULT_CAP_BYTES).toBe(512 * MiB);
    for (const total of [2, 8, 24, 256]) {
      expect(defaultMemoryLimit({ total: total * GiB, available: total * GiB })).toBe('512MiB');
    }
    expect(defaultMemoryLimit({ total: 24 * GiB, available: 5 * GiB })).toBe('512MiB');
  });

  it('is less on a smaller machine: 80 % of it less 1 GiB for Node', () => {
    expect(defaultMemoryLimit({ total: 1.75 * GiB, available: 1.7 * GiB })).toBe(`${Math.floor((1.75 * 0.8 - 1) * 1024)}MiB`);
  });

  it('takes no more than is available now, less the reserve', () => {
    expect(defaultMemoryLimit({ total: 24 * GiB, available: 1.4 * GiB })).toBe(`${Math.floor((1.4 - 1) * 1024)}MiB`);
  });

  it('never goes below 256 MiB on a small or busy machine', () => {
    expect(defaultMemoryLimit({ total: 1 * GiB, available: 0.5 * GiB })).toBe('256MiB');
  });

  it('reads the machine: a container limit under physical memory counts as the total', () => {
    const memory = machineMemory();
    expect(memory.total).toBeGreaterThan(0);
    expect(memory.available).toBeLessThanOrEqual(memory.total);
  });

  it('is what an engine opened without MEMORY_LIMIT uses, and a user limit replaces it; DuckDB spills next to the warehouse', async () => {
    const file = path.join(temp.path, 'memory.duckdb');
    const setting = async (options: { memoryLimit?: string }) => {
      const engine = await DuckDbEngine.open(file, options);
      try {
        const [row] = await engine.query<{ limit: string; spill: string }>(
          "SELECT current_setting('memory_limit') AS \"limit\", current_setting('temp_directory') AS spill",
        );
        return row;
      } finally {
        await engine.close();
      }
    };
    const byDefault = await setting({});
    // DuckDB shows the limit as "512.0 MiB" or "1.5 GiB"; the default is read again, so within 50 MiB of it.
    const shownMiB = (shown: string) => Number.parseFloat(shown) * (shown.endsWith('GiB') ? 1024 : 1);
    expect(shownMiB(byDefault?.limit ?? '')).toBeCloseTo(Number.parseInt(defaultMemoryLimit(), 10), -2);
    expect(byDefault?.spill).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.sparkify-tmp/sparkify-\\d+-\\w+/duckdb$`));
    expect((await setting({ memoryLimit: '300MB' }))?.limit).toBe('286.1 MiB');
  });
});
