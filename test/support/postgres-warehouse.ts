/**
 * Fresh PostgreSQL warehouses on the one embedded server of the test run
 * (test/setup/postgres-server.ts): each call creates a new, empty database and
 * returns its URL, the password percent-encoded as a URL requires.
 */
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { Warehouse } from '../engine-suite/harness.js';
import { event, song, writeFixtureTree } from './fixture-tree.js';
import { makeTempDir } from './temp-dir.js';

export interface PostgresTestServer {
  /** A new, empty database that no other test uses. */
  freshWarehouse(options?: Warehouse['options']): Promise<Warehouse>;
  /** A client on the server's `postgres` database, for set-up and inspection. */
  admin(): Promise<pg.Client>;
  /** The URL of a database on the server, with whatever password is given. */
  urlFor(database: string, password?: string): string;
  close(): Promise<void>;
}

let counter = 0;

export function postgresTestServer(prefix: string): PostgresTestServer {
  const server = inject('postgres');
  let adminClient: pg.Client | undefined;
  const urlFor = (database: string, password = server.password) =>
    `postgres://${server.user}:${encodeURIComponent(password)}@${server.host}:${server.port}/${database}`;
  const admin = async () => {
    if (!adminClient) {
      adminClient = new pg.Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: 'postgres' });
      await adminClient.connect();
    }
    return adminClient;
  };
  return {
    urlFor,
    admin,
    async freshWarehouse(options = {}) {
      // Unique across the test files that run in parallel processes on the same server.
      const database = `${prefix}_${process.pid}_${++counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      await (await admin()).query(`CREATE DATABASE "${database}"`);
      return { url: urlFor(database), options };
    },
    async close() {
      await adminClient?.end();
      adminClient = undefined;
    },
  };
}

/**
 * What a PostgreSQL-only test file needs: the server, a fresh folder per case, and
 * a tiny valid tree (one song, two plays by two users). Cleaned up after the file.
 */
export function postgresTestFile(prefix: string) {
  const server = postgresTestServer(prefix);
  const temp = makeTempDir(`postgres-${prefix}`);
  afterAll(async () => {
    await server.close();
    temp.remove();
  });
  let n = 0;
  const freshDir = () => path.join(temp.path, `case-${++n}`);
  const smallTree = () =>
    writeFixtureTree(freshDir(), {
      songs: { 'A/A/TRA.json': [song()] },
      events: { '2018/11/2018-11-01-events.json': [event(), event({ ts: Date.UTC(2018, 10, 1, 13), itemInSession: 1, userId: '8' })] },
    });
  return { server, freshDir, smallTree };
}
