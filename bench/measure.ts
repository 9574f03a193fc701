/** Runs one benchmarked child process and reads back its timing, phases, counts and peak RSS. */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sampleTreeMemory } from './process-memory.js';

export interface Measured {
  readonly seconds: number;
  /** The child's own peak RSS (getrusage), in MB. */
  readonly maxRssMb: number;
  /** The child's CPU time, user and system: less sensitive to a busy machine than the wall time. */
  readonly cpuSeconds: number;
  /** A server's peak summed PSS while the child ran (PostgreSQL), in MB; absent when not sampled. */
  readonly serverPeakMb?: number;
  readonly phases: Record<string, number>;
  readonly counts: Record<string, number>;
  /** The machine's one-minute load average when the run ended: how busy it was meanwhile. */
  readonly loadAverage: number;
}

export interface ChildRun {
  readonly command: readonly string[];
  /** Reads phases and counts from the child's stdout. */
  readonly parse: (stdout: string) => { phases: Record<string, number>; counts: Record<string, number> };
  /** Untimed set-up (a fresh database, tables made, a snapshot restored). */
  readonly prepare?: () => Promise<void>;
}

export interface MeasureOptions {
  /** A server process whose tree's memory is sampled while the child runs. */
  readonly serverPid?: number;
}

export async function runMeasured(run: ChildRun, options: MeasureOptions = {}): Promise<Measured> {
  await run.prepare?.();
  const [program, ...args] = run.command;
  const server = options.serverPid === undefined ? undefined : sampleTreeMemory(options.serverPid);
  const started = performance.now();
  const child = spawn(program ?? process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const serverPeakMb = server?.stop();
  if (code !== 0) throw new Error(`benchmarked command failed (${code}): ${run.command.join(' ')}\n${stderr}`);
  const usage = /__rusage__(\{.*\})/.exec(stderr)?.[1];
  const resources = usage ? (JSON.parse(usage) as { maxRssMb: number; userSeconds: number; systemSeconds: number }) : undefined;
  const maxRssMb = resources?.maxRssMb ?? Number.NaN;
  const cpuSeconds = resources ? resources.userSeconds + resources.systemSeconds : Number.NaN;
  return {
    seconds,
    maxRssMb,
    cpuSeconds,
    ...(serverPeakMb === undefined ? {} : { serverPeakMb }),
    ...run.parse(stdout),
    loadAverage: os.loadavg()[0] ?? Number.NaN,
  };
}

export async function treeBytes(root: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
