/**
 * Peak memory of a server we do not spawn (PostgreSQL): its processes are sampled from
 * /proc while a benchmarked command runs. Each process's PSS (proportional set size)
 * counts a shared page once in total, split among the processes that map it, so the
 * sum is the server's real footprint; summing RSS would count shared_buffers once per
 * backend. Linux only; elsewhere (or for a server on another host) nothing is sampled.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Samples a process tree's summed PSS every `intervalMs`; `stop()` returns the peak in MB. */
export function sampleTreeMemory(rootPid: number, intervalMs = 200): { stop(): number } {
  let peakKb = 0;
  const sample = () => {
    const kb = treePids(rootPid).reduce((sum, pid) => sum + pssKb(pid), 0);
    peakKb = Math.max(peakKb, kb);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peakKb / 1024;
    },
  };
}

/** The parent of `pid`, from /proc/PID/stat (the field after the parenthesised name). */
export function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function treePids(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentPid(Number(name));
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(Number(name));
    children.set(parent, list);
  }
  const tree: number[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function pssKb(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // gone between the listing and the read
  }
}
