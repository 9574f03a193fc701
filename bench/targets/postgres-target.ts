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

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rusage = path.join(repo, 'bench/report-rusage.mjs');

async function server(): Promise<{ url: URL; stop(): Promise<void> }> {
  const given = process.env.SPARKIFY_BENCH_POSTGRES_URL;
  if (given) return { url: new URL(given), stop: async () => undefined };
  const running = await startEmbeddedPostgres({ password: 'bench', durable: true });
  const url = new URL(`postgres://${running.user}:${running.password}@${running.host}:${running.port}/postgres`);
  return { url, stop: () => running.stop() };
}

export async function createTarget(_root: string, dataDir: string) {
  const { url, stop } = await server();
  const databaseUrl = (name: string) => Object.assign(new URL(url.href), { pathname: `/${name}` }).href;
  const recreate = async (name: string) => {
    const admin = new pg.Client({ connectionString: url.href });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
  };

  const sparkifyRun = (): ChildRun => ({
    prepare: async () => {
      await recreate('bench_sparkify');
      execFileSync(process.execPath, [path.join(repo, 'bin/sparkify.js'), 'create-tables', '--warehouse', databaseUrl('bench_sparkify'), '--quiet']);
    },
    command: [process.execPath, '--import', rusage, path.join(repo, 'bin/sparkify.js'), 'etl', '--source', dataDir,
      '--warehouse', databaseUrl('bench_sparkify'), '--quiet', '--json'],
    parse: (stdout) => {
      const result = JSON.parse(stdout) as { report: { phases: Record<string, number>; rowsStaged: Record<string, number> }; summary: { tables: Record<string, number> } };
      return { phases: result.report.phases, counts: result.summary.tables };
    },
  });
  const baselineRun = (): ChildRun => ({
    prepare: () => recreate('bench_baseline'),
    command: [process.execPath, '--import', rusage, '--import', 'tsx', path.join(repo, 'bench/postgres-baseline.ts'), dataDir, databaseUrl('bench_baseline')],
    parse: (stdout) => JSON.parse(stdout) as { phases: Record<string, number>; counts: Record<string, number> },
  });
  return { sparkifyRun, baselineRun, describeTarget: `PostgreSQL (${url.host})`, cleanUp: stop };
}
