/**
 * Ids past 32 and 53 bits through the whole CLI, as a user meets them: `run` loads them
 * and its quality checks pass, `query --format json` prints them as exact JSON numbers,
 * `report` draws from them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'lossless-json';
import { afterAll, describe, expect, it } from 'vitest';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('cli-ids');
afterAll(() => temp.remove());
const cwd = temp.path;
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '' };
const ts = Date.UTC(2018, 10, 1, 8, 0, 0, 123);

describe('sparkify CLI with 64-bit ids', () => {
  it('runs, checks, queries and reports ids of 2^31, 2^53 + 1 and 2^63 - 1 exactly', async () => {
    const warehouse = `duckdb:${path.join(temp.path, 'ids.duckdb')}`;
    const input = writeFixtureTree(path.join(temp.path, 'data'), {
      songs: { 'A/TR1.json': [song()] },
      events: {
        'e1.json': [
          stringify(event({ ts, sessionId: 3_000_000_000, userId: '2147483648' })) as string,
          stringify(event({ ts: ts + 1, sessionId: 2n ** 53n + 1n, itemInSession: 2n ** 63n - 1n, userId: '9223372036854775807' })) as string,
          // The same user upgrades: the report's table of level changes names them.
          stringify(event({ ts: ts + 2, sessionId: 2n ** 53n + 1n, itemInSession: 1, userId: '9223372036854775807', level: 'paid' })) as string,
        ],
      },
    });
    const run = await runCli(['run', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData], { cwd, env });
    expect(run.stderr).toMatch(/quality checks: \d+ passed, 0 failed/);
    expect(run.code).toBe(0);

    const query = await runCli(['query', 'SELECT user_id, session_id, item_in_session FROM songplays ORDER BY start_time', '--format', 'json', '--warehouse', warehouse], { cwd, env });
    expect(query.code).toBe(0);
    expect(query.stdout).toBe(
      '[{"user_id":2147483648,"session_id":3000000000,"item_in_session":0},' +
        '{"user_id":9223372036854775807,"session_id":9007199254740993,"item_in_session":9223372036854775807},' +
        '{"user_id":9223372036854775807,"session_id":9007199254740993,"item_in_session":1}]\n',
    );

    const report = await runCli(['report', '--warehouse', warehouse, '--out', path.join(temp.path, 'report.html'), '--quiet'], { cwd, env });
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(readFileSync(path.join(temp.path, 'report.html'), 'utf8')).toContain('>9223372036854775807<');
  });
});
