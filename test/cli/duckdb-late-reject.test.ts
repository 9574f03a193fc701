/**
 * The reproduction of issue 10, item 3, through the real CLI: the reference sample with
 * one line of invalid JSON appended to its last log file. It used to crash with an
 * unhandled ERR_STREAM_DESTROYED and a stack trace, leave the run `running` and a part
 * file behind. Now: one `sparkify: file:line: reason` line, exit 1, the run `failed`,
 * and no scratch folder left next to the warehouse.
 */
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { runCli } from '../support/run-cli.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('late-reject');
afterAll(() => temp.remove());

describe.skipIf(!sampleAvailable)(`a rejected record late in the input, on DuckDB${sampleAvailable ? '' : ` (skipped: ${sampleSkipReason})`}`, () => {
  it('prints one sparkify: file:line line, exits 1, records the run failed and leaves no scratch files', async () => {
    const source = path.join(temp.path, 'sample');
    cpSync(sampleRoot, source, { recursive: true });
    const logs = readdirSync(path.join(source, 'log_data'), { recursive: true }).map(String).filter((name) => name.endsWith('.json')).sort();
    const last = path.join(source, 'log_data', logs.at(-1) as string);
    const text = readFileSync(last, 'utf8');
    const badLine = text.split('\n').length + (text.endsWith('\n') ? 0 : 1);
    appendFileSync(last, `${text.endsWith('\n') ? '' : '\n'}{"ts": 1543622400000, "page": "NextSong",\n`);
    const database = path.join(temp.path, 'w.duckdb');

    const result = await runCli(['run', '--source', source, '--warehouse', `duckdb:${database}`, '--quiet'], {
      env: { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '' },
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^sparkify: .*${path.basename(last)}:${badLine}: not valid JSON`))]);
    expect(result.stderr).not.toMatch(/ERR_STREAM_DESTROYED|\n\s+at /);
    expect(existsSync(`${database}.sparkify-tmp`)).toBe(false);

    const engine = await openEngine(`duckdb:${database}`, { memoryLimit: '256MB' });
    try {
      expect(await engine.query('SELECT status FROM etl_runs')).toEqual([{ status: 'failed' }]);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
