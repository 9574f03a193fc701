/**
 * Keeps a long load's Node heap near its live size. Staging allocates hundreds of
 * megabytes a second that die young, but when the warehouse is slow to take rows, each
 * minor collection finds a few megabytes of records in flight and moves them to the old
 * generation, which V8 only collects once it has grown to several times its live size:
 * 150 MB of garbage, and peak RSS with it, in some runs and not others.
 *
 * V8 offers no limit that can be set once the process runs (--max-old-space-size is a
 * start-up flag, and a hard cap that would fail a load with a big listing), so the guard
 * asks for a full collection itself when the heap has grown 48 MB past its size after
 * the last one: about once a load, some 30-40 ms, at 1 M events into PostgreSQL,
 * where peak RSS had ranged up to 330 MB. It reads the cheap heap statistics between
 * batches and does nothing while the heap is under its floor.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Growth of the heap over its size after the last collection that triggers the next. */
const GROWTH_BYTES = 48 * 1024 * 1024;
/** A heap this small is left alone. */
const FLOOR_BYTES = 96 * 1024 * 1024;

type Collect = () => void;

let collect: Collect | null | undefined;

/**
 * `gc` from a context of its own: exposing it is a flag V8 accepts at run time. Should a
 * runtime refuse it, the guard does nothing rather than fail a load.
 */
function collector(): Collect | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
      collect = typeof gc === 'function' ? (gc as Collect) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * One full collection now, where a load has just let go of a large structure (its file
 * list, 1 M objects at XL): V8 collects its old generation only as the heap grows again,
 * which a load waiting on the warehouse's transform does not do, so the dead list was
 * held to the end.
 */
export function collectNow(): void {
  collector()?.();
}

export class HeapGuard {
  /**
   * From the heap as it is when the load starts: a process that already holds a big heap
   * (a long-lived caller, a test worker) is not made to collect at once on every load.
   */
  private threshold = Math.max(FLOOR_BYTES, v8.getHeapStatistics().used_heap_size + GROWTH_BYTES);
  collections = 0;

  /** Call between batches: collects when the heap has outgrown its last live size by GROWTH_BYTES. */
  check(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used < this.threshold) return;
    const collectNow = collector();
    if (!collectNow) return;
    collectNow();
    this.collections++;
    this.threshold = Math.max(FLOOR_BYTES, v8.getHeapStatistics().used_heap_size + GROWTH_BYTES);
  }
}
