/**
 * The DuckDB engine's scratch space: one folder per open engine, inside a folder per
 * warehouse (`<file>.sparkify-tmp/`, next to the database, so scratch data lands on the
 * disk the user chose for the warehouse). It holds the staging parts and DuckDB's own
 * spill files. A load killed with SIGKILL, or crashing, cannot remove its folder, so
 * each folder carries an owner marker (host, pid, process start time) and every engine
 * that opens the warehouse removes the folders whose owner is gone.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempFolder {
  /** This engine's own folder: staging parts and DuckDB's spill files go inside. */
  readonly path: string;
  /** Removes the folder, and the per-warehouse folder once it is empty. */
  remove(): Promise<void>;
}

interface Owner {
  readonly host: string;
  readonly pid: number;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid. */
  readonly started?: string;
}

const PREFIX = 'sparkify-';
const OWNER_FILE = 'owner.json';
/** A folder without a readable owner marker is another process's only while it is being made. */
const UNMARKED_GRACE_MS = 10 * 60 * 1000;
/** Folders this process made (several engines can be open in one process, as in tests). */
const ownFolders = new Set<string>();

/**
 * The per-warehouse scratch roots, in order of preference: next to the database file,
 * then under the system's temp folder (an in-memory warehouse, or a database whose
 * folder we may not write to).
 */
export function tempRootsFor(databaseFile: string): string[] {
  const systemRoot = path.join(os.tmpdir(), `sparkify-tmp-${userTag()}`);
  if (databaseFile === ':memory:' || databaseFile === '') return [systemRoot];
  return [`${path.resolve(databaseFile)}.sparkify-tmp`, systemRoot];
}

/** Claims a fresh folder under the first root that can be written, first clearing dead owners' folders there. */
export async function claimTempFolder(roots: readonly string[]): Promise<TempFolder> {
  let lastError: unknown;
  for (const root of roots) {
    try {
      await mkdir(root, { recursive: true });
      await removeAbandoned(root);
      const folder = await mkdtemp(path.join(root, `${PREFIX}${process.pid}-`));
      ownFolders.add(folder);
      await writeFile(path.join(folder, OWNER_FILE), JSON.stringify(currentOwner()));
      return { path: folder, remove: () => removeOwn(root, folder) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function removeOwn(root: string, folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  ownFolders.delete(folder);
  // Only when empty: another engine may be using the root.
  await rmdir(root).catch(() => undefined);
}

/** Removes the folders under `root` whose owner process no longer runs. */
export async function removeAbandoned(root: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [])) {
    if (!name.startsWith(PREFIX)) continue;
    const folder = path.join(root, name);
    if (ownFolders.has(folder) || !(await isAbandoned(folder))) continue;
    await rm(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

async function isAbandoned(folder: string): Promise<boolean> {
  const owner = await readFile(path.join(folder, OWNER_FILE), 'utf8')
    .then((text) => JSON.parse(text) as Owner)
    .catch(() => undefined);
  if (!owner || typeof owner.pid !== 'number') {
    const made = await stat(folder).then((s) => s.mtimeMs).catch(() => Date.now());
    return Date.now() - made > UNMARKED_GRACE_MS;
  }
  // Another host's process cannot be checked from here (a shared network folder): leave it.
  if (owner.host !== os.hostname()) return false;
  // Our own pid on a folder we did not make: left by an earlier process that had this pid.
  if (owner.pid === process.pid) return true;
  if (!isRunning(owner.pid)) return true;
  // The pid runs, but a different process may have been given it since.
  const started = startTicks(owner.pid);
  return owner.started !== undefined && started !== undefined && started !== owner.started;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function currentOwner(): Owner {
  return { host: os.hostname(), pid: process.pid, started: startTicks(process.pid) };
}

/** Field 22 of /proc/PID/stat: the process's start time. Undefined off Linux. */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Keeps users apart in a shared /tmp: one user's root is not writable by another. */
function userTag(): string {
  try {
    return String(os.userInfo().uid);
  } catch {
    return 'user';
  }
}
