/**
 * The PostgreSQL side of the benchmark: sparkify's CLI against bench/postgres-baseline.ts,
 * each into its own fresh database. With SPARKIFY_BENCH_POSTGRES_URL (a server URL whose
 * user may create databases) it uses that server; else it starts an embedded one,
 * durable (fsync on), as a real server would be.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../test/support/embedded-postgres.js';
import type { ChildRun } from '../measure.js';
import { parentPid } from '../process-memory.js';
import { baselineParse, sparkifyEtlParse, type BenchTarget, type SourceTrees } from './target.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rusage = path.join(repo, 'bench/report-rusage.mjs');

async function server(): Promise<{ url: URL; stop(): Promise<void> }> {
  const given = process.env.SPARKIFY_BENCH_POSTGRES_URL;
  if (given) return { url: new URL(given), stop: async () => undefined };
  const running = await startEmbeddedPostgres({ password: 'bench', durable: true });
  const url = new URL(`postgres://${running.user}:${running.password}@${running.host}:${running.port}/postgres`);
  return { url, stop: () => running.stop() };
}

export async function createTarget(): Promise<BenchTarget> {
  const { url, stop } = await server();
  const databaseUrl = (name: string) => Object.assign(new URL(url.href), { pathname: `/${name}` }).href;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const recreate = (name: string, template?: string) => admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
  // The postmaster is a backend's parent: its process tree is the server, sampled for memory.
  const serverPid = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
    ? await admin(async (client) => parentPid(Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid)))
    : undefined;

  const etl = (source: SourceTrees): readonly string[] => [
    process.execPath, '--import', rusage, path.join(repo, 'bin/sparkify.js'), 'etl', '--song-data', source.songData, '--log-data', source.logData,
    '--warehouse', databaseUrl('bench_sparkify'), '--quiet', '--json',
  ];
  const sparkifyFirstLoad = (source: SourceTrees): ChildRun => ({
    prepare: async () => {
      await recreate('bench_sparkify');
      execFileSync(process.execPath, [path.join(repo, 'bin/sparkify.js'), 'create-tables', '--warehouse', databaseUrl('bench_sparkify'), '--quiet']);
    },
    command: etl(source),
    parse: sparkifyEtlParse,
  });
  const baselineLoad = (dataDir: string): ChildRun => ({
    prepare: () => recreate('bench_baseline'),
    command: [process.execPath, '--import', rusage, '--import', 'tsx', path.join(repo, 'bench/postgres-baseline.ts'), dataDir, databaseUrl('bench_baseline')],
    parse: baselineParse,
  });
  return {
    description: `PostgreSQL (${url.host})`,
    ...(serverPid === undefined ? {} : { serverPid }),
    sparkifyFirstLoad,
    sparkifyEtl: (source) => ({ command: etl(source), parse: sparkifyEtlParse }),
    // A database copied as a template: the incremental mode's starting point, kept aside.
    saveSparkify: () => recreate('bench_sparkify_saved', 'bench_sparkify'),
    restoreSparkify: () => recreate('bench_sparkify', 'bench_sparkify_saved'),
    baselineLoad,
    cleanUp: stop,
  };
}
