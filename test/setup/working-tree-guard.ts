/**
 * Vitest global set-up: the test run must leave the repository's working tree as it
 * found it. Tests write only in their own temporary folders; one that writes a
 * report.html, a DuckDB file or anything else into the repository (by a default output
 * path, or a CLI spawned in the repository) fails the run here, naming the paths.
 *
 * It compares `git status` before and after the whole run, ignored files included (a
 * user's ./report.html or sparkify.duckdb is ignored by git, and must not be touched
 * either), with each listed file's size and modification time. Files already changed
 * or untracked before the run are the user's work and only have to stay as they were.
 * One snapshot before every test and one after all of them: nothing depends on the
 * order in which parallel workers run.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `git status` line -> what the file looks like now; undefined outside a git checkout. */
export function workingTreeSnapshot(root: string): Map<string, string> | undefined {
  let status: string;
  try {
    // Every ignored file listed one by one, except node_modules (vitest keeps its cache there).
    const args = ['status', '--porcelain=v1', '-z', '--ignored=traditional', '--untracked-files=all', '--', '.', ':(exclude)node_modules'];
    status = execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
  const snapshot = new Map<string, string>();
  const entries = status.split('\0').filter(Boolean);
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] ?? '';
    const code = entry.slice(0, 2);
    const file = entry.slice(3);
    // A rename is followed by its source path.
    if (code.startsWith('R') || code.startsWith('C')) i += 1;
    snapshot.set(file, `${code} ${describe(path.join(root, file))}`);
  }
  return snapshot;
}

function describe(file: string): string {
  try {
    const stat = lstatSync(file);
    return `${stat.size} bytes, modified ${stat.mtime.toISOString()}`;
  } catch {
    return 'absent';
  }
}

/** What changed between two snapshots, one line per path. */
export function changesBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [file, now] of after) {
    const then = before.get(file);
    if (then !== now) changes.push(`${file}: ${then ?? 'clean'} -> ${now}`);
  }
  for (const [file, then] of before) if (!after.has(file)) changes.push(`${file}: ${then} -> clean`);
  return changes.sort();
}

export default function setup(): () => void {
  const before = workingTreeSnapshot(repo);
  if (!before) {
    console.warn(`not checking that the tests leave the working tree alone: ${repo} is not a git checkout`);
    return () => {};
  }
  return () => {
    const after = workingTreeSnapshot(repo) ?? new Map<string, string>();
    const changes = changesBetween(before, after);
    if (changes.length > 0) {
      // vitest reports an error thrown at teardown but still exits 0; the exit status must say it.
      process.exitCode = 1;
      throw new Error(`the tests changed the repository's working tree (tests must write only in their own temporary folders):\n  ${changes.join('\n  ')}`);
    }
  };
}
