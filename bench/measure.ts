/** Runs one benchmarked child process and reads back its timing, phases, counts and peak RSS. */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Measured {
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly phases: Record<string, number>;
  readonly counts: Record<string, number>;
}

export interface ChildRun {
  readonly command: readonly string[];
  /** Reads phases and counts from the child's stdout. */
  readonly parse: (stdout: string) => { phases: Record<string, number>; counts: Record<string, number> };
  readonly prepare?: () => Promise<void>;
}

export async function runMeasured(run: ChildRun): Promise<Measured> {
  await run.prepare?.();
  const [program, ...args] = run.command;
  const started = performance.now();
  const child = spawn(program ?? process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`benchmarked command failed (${code}): ${run.command.join(' ')}\n${stderr}`);
  const usage = /__rusage__(\{.*\})/.exec(stderr)?.[1];
  const maxRssMb = usage ? (JSON.parse(usage) as { maxRssMb: number }).maxRssMb : Number.NaN;
  return { seconds, maxRssMb, ...run.parse(stdout) };
}

export async function treeBytes(root: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
