/**
 * The Redshift engine through the COPY emulator, on what only COPY decides: rows it
 * refuses (a value longer than its VARCHAR), MAXERROR's boundary through the pipeline's
 * --max-errors, a COPY that fails mid-load (nothing changes, staged parts stay for the
 * retry), and the statement forms the emulator accepts.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { copyStatement } from '../../src/engines/redshift/copy-statements.js';
import { redshiftDialect } from '../../src/engines/redshift/dialect.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { parseCopy } from '../support/redshift-copy-emulator.js';
import { redshiftShapeProblem } from '../support/redshift-shape-guard.js';
import { checkDefinitions, checkStatement } from '../../src/checks/definitions.js';
import { sqlOf } from '../../src/sql/statement.js';
import { bookkeepingStatements } from '../../src/sql/bookkeeping.js';
import { createTableStatements } from '../../src/sql/schema.js';
import { mostPlayedSongs, tableRowCounts } from '../../src/sql/summary.js';
import { sqlFor, transformStatements, type SqlStepName } from '../../src/sql/steps.js';
import { namedQueries, queryStatement } from '../../src/report/queries/index.js';
import { mergeStatements } from '../../src/sql/merge.js';
import { starTables } from '../../src/sql/star-tables.js';
import { EMULATED_STAGING_BUCKET, emulators, redshiftEmulatedEngine, useEmulatorS3 } from '../support/redshift-emulated.js';
import { startS3Server, type S3TestServer } from '../support/s3-server.js';
import { makeTempDir } from '../support/temp-dir.js';
import { useEngine } from '../support/use-engine.js';

useEngine(redshiftEmulatedEngine);

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server([EMULATED_STAGING_BUCKET]);
  useEmulatorS3(s3);
});
const server = postgresTestServer('rs_copy_emu');
const temp = makeTempDir('redshift-copy-emulator');
afterAll(async () => {
  await server.close();
  await s3?.stop();
  temp.remove();
});
let n = 0;
const fresh = async () => {
  const warehouse = await server.freshWarehouse();
  return { ...warehouse, url: warehouse.url.replace(/^postgres:/, 'redshift-emulated:') };
};
/** A level longer than Redshift's VARCHAR(256): only COPY refuses it (records/ accepts any string). */
const tooLong = 'p'.repeat(300);
const tree = (levels: readonly string[]) =>
  writeFixtureTree(path.join(temp.path, `case-${++n}`), {
    songs: { 'A/TRA.json': [song()] },
    events: { 'day.json': levels.map((level, i) => event({ itemInSession: i, level, userId: String(10 + i) })) },
  });
const stagedKeys = async (database: string) =>
  (await s3.client.send(new ListObjectsV2Command({ Bucket: EMULATED_STAGING_BUCKET, Prefix: `staging/${database}/` }))).KeyCount ?? 0;

describe('Redshift COPY, emulated', () => {
  it('runs the exact COPY text the engine sends, and keeps a refused row in load_errors with its input file and line', async () => {
    const input = tree(['free', tooLong, 'paid']);
    await withEngine(await fresh(), async (engine) => {
      const report = await createAndLoad(engine, input, { maxErrors: 1 });
      expect(report.rejected.count).toBe(1);
      expect(report.rejected.examples[0]).toMatchObject({
        file: path.join(input.logData, 'day.json'),
        line: 2,
        reason: 'column user_level: String length exceeds DDL length (Redshift load error 1204)',
      });
      const kept = await engine.query<{ file: string; line: number }>('SELECT file, line FROM load_errors');
      expect(kept).toEqual([{ file: path.join(input.logData, 'day.json'), line: 2 }]);
      expect(await engine.query('SELECT user_id FROM users ORDER BY user_id')).toEqual([{ user_id: 10 }, { user_id: 12 }]);
    });
    const copies = emulators.at(-1)?.copies ?? [];
    expect(copies).toHaveLength(2);
    expect(copies.find((sql) => sql.startsWith('COPY "staging_events"'))).toContain('\nMAXERROR 2\n');
  });

  it('with --max-errors 1, tolerates exactly one refused row and fails on two, naming the second', async () => {
    await withEngine(await fresh(), async (engine) => {
      await expect(createAndLoad(engine, tree(['free', tooLong, tooLong]), { maxErrors: 1 })).rejects.toThrow(DataError);
    });
    const input = tree(['free', tooLong, tooLong]);
    await withEngine(await fresh(), async (engine) => {
      await expect(createAndLoad(engine, input, { maxErrors: 1 })).rejects.toThrow(`${path.join(input.logData, 'day.json')}:3: column user_level:`);
    });
  });

  it('a COPY failing mid-load changes nothing, keeps its staged parts for the retry, and the committed retry removes them', async () => {
    const warehouse = await fresh();
    const database = new URL(warehouse.url).pathname.slice(1);
    const first = tree(['free', 'paid']);
    await withEngine(warehouse, async (engine) => {
      await createAndLoad(engine, first);
      expect(await stagedKeys(database)).toBe(0);
      const before = await starSnapshot(engine);
      const bad = tree(['free', tooLong]);
      await expect(load(engine, bad)).rejects.toThrow(/column user_level: String length exceeds DDL length/);
      expect(await starSnapshot(engine)).toEqual(before);
      expect(await stagedKeys(database)).toBeGreaterThan(0);
      const retry = await load(engine, bad, { maxErrors: 1 });
      expect(retry.rejected.count).toBe(1);
      expect(await stagedKeys(database)).toBe(0);
    });
  });

  it('accepts the COPY form sparkify emits and refuses any other option', () => {
    const sql = copyStatement(redshiftDialect, {
      kind: 'songs', manifestUri: 's3://bkt/p/manifests/songs-1.json', jsonPathsUri: 's3://bkt/p/jsonpaths/songs-1.json',
      iamRole: 'arn:aws:iam::123456789012:role/r', region: 'us-west-2', errorsTolerated: 4,
    });
    expect(parseCopy(sql)).toMatchObject({ table: 'staging_songs', manifest: 's3://bkt/p/manifests/songs-1.json', maxError: 5, epochMillis: true });
    expect(() => parseCopy(sql.replace('GZIP', 'BZIP2'))).toThrow(/does not reproduce COPY option "BZIP2"/);
    expect(() => parseCopy(sql.replace('\nMANIFEST', ''))).toThrow(/only COPY \.\.\. MANIFEST/);
  });
});

describe('the emulated session is stricter than PostgreSQL on statement shapes', () => {
  it('refuses the shapes sparkify once sent (bound LIMIT, SELECT without FROM around a table), and passes today\'s', () => {
    expect(redshiftShapeProblem('SELECT title FROM songs ORDER BY title LIMIT $limit')).toMatch(/LIMIT takes a bound parameter/);
    expect(redshiftShapeProblem(`SELECT COUNT(*) AS n FROM (SELECT 'songs' AS empty_table WHERE NOT EXISTS (SELECT 1 FROM "songs")) offending`)).toMatch(
      /SELECT without FROM around a subquery/,
    );
    expect(redshiftShapeProblem('SELECT pg_last_copy_count() AS loaded')).toBeUndefined();
    expect(redshiftShapeProblem("SELECT set_config($name, $value, false)")).toBeUndefined();
    expect(redshiftShapeProblem(mostPlayedSongs(10))).toBeUndefined();
    const songs = starTables.find((table) => table.name === 'songs');
    expect(songs).toBeDefined();
    if (songs) expect(redshiftShapeProblem(mergeStatements(redshiftDialect, songs, 'SELECT 1').count)).toBeUndefined();
    for (const check of checkDefinitions) {
      expect(redshiftShapeProblem(`SELECT COUNT(*) AS n FROM (${sqlOf(redshiftDialect, checkStatement(check))}) offending`), check.name).toBeUndefined();
    }
  });

  it('finds nothing in any statement sparkify sends to Redshift: tables, steps, merges, bookkeeping, checks, report queries', () => {
    const statements: [string, string][] = [
      ...(Object.keys(transformStatements) as SqlStepName[]).map((step): [string, string] => [step, sqlFor(redshiftDialect, step)]),
      ...starTables.flatMap((table) => {
        const merge = mergeStatements(redshiftDialect, table, sqlFor(redshiftDialect, table.select));
        return [merge.createNext, ...merge.diff, merge.count, ...merge.apply, merge.fillEmpty].map((sql): [string, string] => [table.name, sql]);
      }),
      ['tableRowCounts', tableRowCounts],
      ...namedQueries.map((query): [string, string] => [query.name, sqlOf(redshiftDialect, queryStatement(query))]),
      ...checkDefinitions.map((check): [string, string] => [check.name, sqlOf(redshiftDialect, checkStatement(check))]),
      ...bookkeepingStatements.map((statement): [string, string] => [statement.name, sqlOf(redshiftDialect, statement, { fileIds: '1, 2', limit: 5 })]),
      ...createTableStatements(redshiftDialect, { enforcesPrimaryKeys: false }).map((sql): [string, string] => ['table', sql]),
    ];
    for (const [name, sql] of statements) expect(redshiftShapeProblem(sql), name).toBeUndefined();
  });
});
