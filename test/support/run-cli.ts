/** Runs the real CLI in a child process, from the TypeScript sources, as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx's loader by absolute URL, so the child can run from any working directory. */
const tsxLoader = import.meta.resolve('tsx');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Without a `cwd`, the child runs in a fresh empty folder, removed when it exits: never
 * in the repository, where a default output (./report.html, ./sparkify.duckdb) would
 * overwrite a user's file and a user's ./dwh.cfg would change what the test runs.
 */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  const ownFolder = options.cwd === undefined ? mkdtempSync(path.join(os.tmpdir(), 'sparkify-cli-cwd-')) : undefined;
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(repo, 'src/cli/run.ts'), ...args], {
    cwd: options.cwd ?? ownFolder,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (ownFolder) child.on('close', () => rmSync(ownFolder, { recursive: true, force: true }));
  return child;
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return finished(spawnCli(args, options));
}
