/** The heap guard: a full collection once the heap has outgrown its last live size, and not before. */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HeapGuard } from '../../src/pipeline/heap-guard.js';

const MB = 1024 * 1024;
const heapUsed = () => v8.getHeapStatistics().used_heap_size;

describe('HeapGuard', () => {
  it('leaves a small heap alone, collects a grown one, then waits for more growth', () => {
    const guard = new HeapGuard();
    guard.check();
    expect(guard.collections).toBe(0);

    // About 150 MB that stay reachable while they are made, then become garbage at once.
    const garbage: { n: number; text: string }[] = [];
    for (let n = 0; n < 2_000_000; n++) garbage.push({ n, text: `record ${n}` });
    garbage.length = 0;
    const before = heapUsed();
    expect(before).toBeGreaterThan(96 * MB);

    guard.check();
    expect(guard.collections).toBe(1);
    expect(heapUsed()).toBeLessThan(before - 80 * MB);

    guard.check();
    expect(guard.collections).toBe(1);
  });

  it('counts growth from the heap a load starts with: a process already holding a big heap is not collected at once', () => {
    // About 150 MB kept reachable for the whole test, as a long-lived caller's own data.
    const held: { n: number; text: string }[] = [];
    for (let n = 0; n < 2_000_000; n++) held.push({ n, text: `kept ${n}` });
    expect(heapUsed()).toBeGreaterThan(96 * MB);

    const guard = new HeapGuard();
    guard.check();
    expect(guard.collections).toBe(0);
    expect(held).toHaveLength(2_000_000);
  });
});
