/**
 * Event logs validated on worker threads, through the real CLI (dist/, plain .js
 * workers): the reference sample loads the same star schema as in-thread; a late
 * rejected record names the same file:line; a worker that throws or stops ends the load
 * with one `sparkify:` line, exit 1, the run recorded failed, no scratch left, and the
 * process exits (a thread left running would keep it alive).
 */
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { runCli } from '../support/run-cli.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('duckdb-workers-cli');
afterAll(() => temp.remove());
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '', SPARKIFY_VALIDATE_WORKERS: '2' };

async function queryOnce<T>(database: string, sql: string): Promise<T[]> {
  const engine = await openEngine(`duckdb:${database}`, { memoryLimit: '256MB' });
  try {
    return (await engine.query(sql)) as T[];
  } finally {
    await engine.close();
  }
}

describe.skipIf(!sampleAvailable)(`event logs validated on worker threads, on DuckDB${sampleAvailable ? '' : ` (skipped: ${sampleSkipReason})`}`, () => {
  const source = path.join(temp.path, 'sample');
  let lastLog = '';
  beforeAll(() => {
    cpSync(sampleRoot, source, { recursive: true });
    const logs = readdirSync(path.join(source, 'log_data'), { recursive: true }).map(String).filter((name) => name.endsWith('.json')).sort();
    lastLog = path.join(source, 'log_data', logs.at(-1) as string);
  });

  it('load the star schema the in-thread path loads', async () => {
    const snapshot = 'SELECT (SELECT count(*) FROM staging_events)::INTEGER AS staged, (SELECT count(*) FROM songplays)::INTEGER AS songplays, (SELECT sum(hash(songplay_id, user_id, start_time, session_id)) FROM songplays)::VARCHAR AS digest';
    const results = [];
    for (const workers of ['0', '2']) {
      const database = path.join(temp.path, `same-${workers}.duckdb`);
      const result = await runCli(['run', '--source', source, '--warehouse', `duckdb:${database}`, '--quiet'], { env: { ...env, SPARKIFY_VALIDATE_WORKERS: workers } });
      expect(result.code).toBe(0);
      results.push(await queryOnce(database, snapshot));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]).toEqual([expect.objectContaining({ staged: 8056 })]);
  }, 120_000);

  it.each([
    ['validate-worker', 'injected fault in a validation worker \\(SPARKIFY_FAULT, a test hook\\)'],
    ['validate-worker:exit', 'a validation thread stopped \\(exit code 3\\)'],
  ])('fail with one sparkify: line when a worker fails (SPARKIFY_FAULT=%s)', async (fault, reason) => {
    const database = path.join(temp.path, `${fault.replace(':', '-')}.duckdb`);
    const result = await runCli(['run', '--source', source, '--warehouse', `duckdb:${database}`, '--quiet'], { env: { ...env, SPARKIFY_FAULT: fault } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^sparkify: .*log_data.*\\.json: validating on a worker thread failed: ${reason}$`))]);
    expect(existsSync(`${database}.sparkify-tmp`)).toBe(false);
    expect(await queryOnce(database, 'SELECT status FROM etl_runs')).toEqual([{ status: 'failed' }]);
  }, 60_000);

  it('name the same file:line for a rejected record late in the input', async () => {
    const text = readFileSync(lastLog, 'utf8');
    const badLine = text.split('\n').length + (text.endsWith('\n') ? 0 : 1);
    appendFileSync(lastLog, `${text.endsWith('\n') ? '' : '\n'}{"ts": 1543622400000, "page": "NextSong",\n`);
    const database = path.join(temp.path, 'late.duckdb');
    const result = await runCli(['run', '--source', source, '--warehouse', `duckdb:${database}`, '--quiet'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^sparkify: .*${path.basename(lastLog)}:${badLine}: not valid JSON`))]);
    expect(existsSync(`${database}.sparkify-tmp`)).toBe(false);
  }, 60_000);
});
