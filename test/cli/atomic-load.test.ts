/**
 * `run` and `etl` are all or nothing: a failure injected at every step of the load
 * (SPARKIFY_FAULT, pipeline/fault-injection.ts), a rejected record and a missing source
 * each leave every table (star, staging, ledger, load errors, earlier run history)
 * exactly as it was, exit 1 with one `sparkify:` line, record the run as failed with the
 * reason, and the next load completes with the reference figures; `create-tables` is one
 * transaction too. Through the CLI's `main`, in process, on DuckDB and PostgreSQL; `run`'s
 * pipeline also on the Redshift engine and dialect on PostgreSQL (its DDL and transaction
 * handling; staging through S3 is tested apart).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generate/index.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { exitCodeOf } from '../../src/errors.js';
import { runEtl } from '../../src/pipeline/etl.js';
import { faultPoints, injectFault, type FaultPoint } from '../../src/pipeline/fault-injection.js';
import { openSource } from '../../src/sources/open-source.js';
import { writeFixtureTree } from '../support/fixture-tree.js';
import { runMain } from '../support/main-in-process.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';
import { snapshotWarehouse, type WarehouseSnapshot } from '../support/warehouse-snapshot.js';
import { redshiftOnPostgresEngine } from '../support/redshift-on-postgres.js';
import { useEngine } from '../support/use-engine.js';

useEngine(redshiftOnPostgresEngine);

const temp = makeTempDir('atomic-load');
const server = postgresTestServer('atomic');
afterAll(async () => {
  await server.close();
  temp.remove();
});

const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '', SPARKIFY_SONG_DATA: '', SPARKIFY_LOG_DATA: '' };

/** SPEC.md's reference figures for the sample (101 files in the ledger). */
const sampleCounts = {
  songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813, staging_events: 8056, staging_songs: 71, load_files: 101,
};

let n = 0;

/** `sparkify run` through the CLI's main. */
function runCommand(warehouse: string, source: string, fault?: FaultPoint, report?: string) {
  const reportFlags = report === undefined ? ['--no-report'] : ['--report', report];
  return cli(['run', '--source', source, '--warehouse', warehouse, '--quiet', ...reportFlags], fault);
}

/**
 * What `run` does, through the pipeline API, so the statements it sends can be recorded.
 * Errors come back as main would print them.
 */
async function runPipeline(warehouse: string, source: string, fault?: FaultPoint, _report?: string, statements?: string[]): Promise<{ code: number; stderr: string }> {
  const saved = process.env.SPARKIFY_FAULT;
  process.env.SPARKIFY_FAULT = fault ?? '';
  const engine = await openEngine(warehouse);
  if (statements) {
    const [exec, query] = [engine.exec.bind(engine), engine.query.bind(engine)];
    engine.exec = (sql, params) => (statements.push(sql), exec(sql, params));
    engine.query = (sql, params) => (statements.push(sql), query(sql, params));
  }
  try {
    const sources = {
      songs: await openSource(path.join(source, 'song_data')),
      events: await openSource(path.join(source, 'log_data')),
    };
    const beforeCommit = async () => {
      await runChecks(engine);
      injectFault('checks');
      injectFault('report');
    };
    await runEtl({ engine, sources, maxErrors: 0, rebuild: true, beforeCommit });
    return { code: 0, stderr: '' };
  } catch (error) {
    return { code: exitCodeOf(error), stderr: `sparkify: ${error instanceof Error ? error.message : String(error)}\n` };
  } finally {
    await engine.close();
    process.env.SPARKIFY_FAULT = saved;
  }
}

const engines = [
  { name: 'duckdb', run: runCommand, etl: true, fresh: async () => `duckdb:${path.join(temp.path, `warehouse-${++n}.duckdb`)}` },
  { name: 'postgres', run: runCommand, etl: true, fresh: async () => (await server.freshWarehouse()).url },
  {
    // Item 1 is about DDL inside the load's transaction; etl sends no DDL the other engines do not.
    name: 'redshift engine and dialect on postgres',
    run: runPipeline,
    etl: false,
    fresh: async () => (await server.freshWarehouse()).url.replace(/^postgres:/, 'redshift-on-postgres:'),
  },
] as const;

/** A small generated dataset: what the failing runs try to load (quick, and different from what is there). */
const small = path.join(temp.path, 'small');
const sampleDays = () => readdirSync(path.join(sampleRoot, 'log_data/2018/11')).sort();
/** Copies some of the sample's days of logs into a tree that grows, one per test. */
const copyDays = (growing: string, days: readonly string[]) => {
  mkdirSync(path.join(growing, 'log_data/2018/11'), { recursive: true });
  for (const day of days) cpSync(path.join(sampleRoot, 'log_data/2018/11', day), path.join(growing, 'log_data/2018/11', day));
};
/** The sample with one invalid line appended in a log file of its own. */
const withBadRecord = path.join(temp.path, 'bad-record');

beforeAll(async () => {
  if (!sampleAvailable) return;
  await generateDataset({ outDir: small, songs: 20, events: 300, days: 2, seed: 5 });
  cpSync(sampleRoot, withBadRecord, { recursive: true });
  writeFixtureTree(withBadRecord, { events: { 'extra/late.json': ['{"ts": not json'] } });
});

function cli(args: readonly string[], fault?: FaultPoint) {
  return runMain(args, { ...env, SPARKIFY_FAULT: fault });
}

/** The warehouse after a failed load equals the one before, but for the failed run's own history rows. */
function expectUnchanged(before: WarehouseSnapshot, after: WarehouseSnapshot, reason: string | RegExp): void {
  const lastRun = Math.max(0, ...before.etlRuns.map((row) => Number(row.run_id)));
  expect(after.counts).toEqual(before.counts);
  expect(after.tables).toEqual(before.tables);
  expect(after.etlRuns.slice(0, before.etlRuns.length)).toEqual(before.etlRuns);
  const added = after.etlRuns.slice(before.etlRuns.length);
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ run_id: lastRun + 1, status: 'failed', files_loaded: 0 });
  expect(String(added[0]?.error)).toMatch(reason);
  // Rejected records of the failed run are kept for diagnosis; nothing else in load_errors moves.
  expect(after.loadErrors.filter((row) => Number(row.run_id) <= lastRun)).toEqual(before.loadErrors);
  expect(after.loadErrors.every((row) => Number(row.run_id) <= lastRun + 1)).toBe(true);
}

function expectOneErrorLine(result: { code: number | null; stderr: string }, text: string | RegExp): void {
  expect(result.code, `${String(text)}: ${result.stderr}`).toBe(1);
  expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^sparkify: /)]);
  expect(result.stderr).toMatch(text);
}

describe.skipIf(!sampleAvailable)('a failed load changes nothing', () => {
  if (!sampleAvailable) console.warn(`skipping: ${sampleSkipReason}`);

  for (const engine of engines) {
    describe(engine.name, () => {
      it('run: a failure at every step, a rejected record or a missing source leaves every table as it was; the next run completes', async () => {
        const warehouse = await engine.fresh();
        const report = path.join(temp.path, `report-${++n}.html`);
        const run = (source: string, fault?: FaultPoint) =>
          engine.run(warehouse, source, fault, fault === 'report' ? report : undefined);
        const first = await run(sampleRoot);
        expect(first.code, first.stderr).toBe(0);
        const loaded = await snapshotWarehouse(warehouse);
        expect(loaded.counts).toEqual(sampleCounts);

        let before = loaded;
        for (const point of faultPoints) {
          const result = await run(small, point);
          expectOneErrorLine(result, `injected fault at "${point}"`);
          const after = await snapshotWarehouse(warehouse);
          expectUnchanged(before, after, `injected fault at "${point}"`);
          before = after;
        }
        // The report built inside the failed run's transaction was never put in place.
        expect(readdirSync(temp.path).filter((name) => name.startsWith(path.basename(report)))).toEqual([]);

        const bad = await run(withBadRecord);
        expectOneErrorLine(bad, `${path.join(withBadRecord, 'log_data/extra/late.json')}:1: not valid JSON`);
        let after = await snapshotWarehouse(warehouse);
        expectUnchanged(before, after, /late\.json:1: not valid JSON/);
        before = after;

        const missing = await run(path.join(temp.path, 'no-such-folder'));
        expectOneErrorLine(missing, /no-such-folder.*no such file or folder/);
        after = await snapshotWarehouse(warehouse);
        expectUnchanged(before, after, /no such file or folder/);

        if (engine.run === runCommand) {
          // create-tables drops and creates in one transaction too.
          const dropped = await cli(['create-tables', '--warehouse', warehouse, '--quiet'], 'tables');
          expectOneErrorLine(dropped, 'injected fault at "tables"');
          expect(await snapshotWarehouse(warehouse)).toEqual(after);
        }

        expect((await run(sampleRoot)).code).toBe(0);
        const rebuilt = await snapshotWarehouse(warehouse);
        expect(rebuilt.counts).toEqual(sampleCounts);
        // The same rows as the first load (the ledger differs only in its run ids and times).
        expect({ ...rebuilt.tables, load_files: '' }).toEqual({ ...loaded.tables, load_files: '' });
        expect(existsSync(report)).toBe(false);
      });

      it.skipIf(!engine.etl)('etl: a failure at every step leaves every table as it was; the next etl completes the sample', async () => {
        const warehouse = await engine.fresh();
        // The sample's songs but one and its first 15 days of logs, then the whole sample, at one path.
        const growing = path.join(temp.path, `growing-${++n}`);
        cpSync(path.join(sampleRoot, 'song_data'), path.join(growing, 'song_data'), { recursive: true });
        const aSong = path.join(growing, 'song_data/A/A/A/TRAAAAW128F429D538.json');
        rmSync(aSong);
        copyDays(growing, sampleDays().slice(0, 15));
        const first = await cli(['run', '--source', growing, '--warehouse', warehouse, '--quiet', '--no-report']);
        expect(first.code, first.stderr).toBe(0);
        copyDays(growing, sampleDays());
        cpSync(path.join(sampleRoot, path.relative(growing, aSong)), aSong);
        const etl = (fault?: FaultPoint) => cli(['etl', '--source', growing, '--warehouse', warehouse, '--quiet'], fault);

        let before = await snapshotWarehouse(warehouse);
        expect(before.counts.staging_events).toBeLessThan(sampleCounts.staging_events);
        for (const point of faultPoints.filter((p) => p !== 'checks' && p !== 'report')) {
          const result = await etl(point);
          expectOneErrorLine(result, `injected fault at "${point}"`);
          const after = await snapshotWarehouse(warehouse);
          expectUnchanged(before, after, `injected fault at "${point}"`);
          before = after;
        }

        expect((await etl()).code).toBe(0);
        expect((await snapshotWarehouse(warehouse)).counts).toEqual(sampleCounts);
      });
    });
  }
});

describe('the Redshift engine\'s rebuild', () => {
  it('sends only statements Redshift runs inside a transaction block, so DDL and all roll back together', async () => {
    const statements: string[] = [];
    const warehouse = (await server.freshWarehouse()).url.replace(/^postgres:/, 'redshift-on-postgres:');
    expect((await runPipeline(warehouse, small, undefined, undefined, statements)).code).toBe(0);
    expect(statements).toContain('DROP TABLE IF EXISTS "songplays"');
    expect(statements.filter((sql) => /CREATE TABLE IF NOT EXISTS staging_events/.test(sql))).toHaveLength(2);
    // TRUNCATE commits the open transaction on Redshift; the others are refused inside one
    // (docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html, r_SVL_MULTI_STATEMENT_VIOLATIONS.html).
    const outsideTransactions = /^\s*(TRUNCATE|VACUUM|ANALYZE\s+COMPRESSION|ALTER\s+TABLE\s+\S+\s+(APPEND|ALTER\s+COLUMN)|(CREATE|DROP)\s+(DATABASE|TABLESPACE|EXTERNAL)|(ALTER|RENAME)\s+EXTERNAL|REINDEX|COMMIT|END)\b/i;
    expect(statements.filter((sql) => outsideTransactions.test(sql))).toEqual([]);
  });
});
