/** The CLI as a user runs it: exit statuses, output formats, quiet and JSON modes. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('cli');
afterAll(() => temp.remove());
const ts = Date.UTC(2018, 10, 1, 8, 0, 0, 123);
const cwd = temp.path;
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '' };

describe('sparkify CLI', () => {
  const warehouse = `duckdb:${path.join(temp.path, 'cli.duckdb')}`;
  let input: { songData: string; logData: string };

  beforeAll(async () => {
    input = writeFixtureTree(path.join(temp.path, 'data'), {
      songs: { 'A/TR1.json': [song()], 'A/TR2.json': [song({ song_id: 'SO2', title: 'Two' })] },
      events: {
        'e1.json': [event({ ts }), event({ ts: ts + 1000, itemInSession: 1, song: 'Two', userId: '8', level: 'paid' })],
        'e2.json': ['{ not json', event({ ts: ts + 2000, itemInSession: 2 })],
      },
    });
  });

  it('prints help with an example for every command, exit 0', async () => {
    for (const command of ['create-tables', 'etl', 'run', 'query', 'check', 'history']) {
      const result = await runCli([command, '--help'], { cwd, env });
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(/Example/);
    }
  });

  it('exits 2 on a usage error and on a configuration error', async () => {
    expect((await runCli(['etl', '--no-such-flag'], { cwd, env })).code).toBe(2);
    const badCount = await runCli(['etl', '--max-errors', 'many', '--warehouse', warehouse], { cwd, env });
    expect(badCount.code).toBe(2);
    const planned = await runCli(['check', '--warehouse', 'mysql://x/y'], { cwd, env });
    expect(planned.code).toBe(2);
    expect(planned.stderr).toMatch(/--warehouse: "mysql:\/\/x\/y" is not valid; expected duckdb:PATH/);
  });

  it('exits 1 on a rejected record, naming file and line', async () => {
    const result = await runCli(['run', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(input.logData, 'e2.json')}:1: not valid JSON`);
  });

  it('loads with --max-errors, quietly, and prints a JSON run report', async () => {
    const result = await runCli(
      ['run', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData, '--max-errors', '1', '--quiet', '--json'],
      { cwd, env },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.report.rejected.count).toBe(1);
    expect(report.report.tables.songplays.rows).toBe(3);
    expect(report.summary.tables).toMatchObject({ songplays: 3, users: 2, songs: 2, artists: 1 });
    expect(report.checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
  });

  it('query --format json gives row objects with ISO timestamps and numbers', async () => {
    const result = await runCli(['query', 'SELECT start_time, user_id, COUNT(*) AS n FROM songplays GROUP BY 1, 2 ORDER BY 1 LIMIT 1', '--format', 'json', '--warehouse', warehouse], { cwd, env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ start_time: '2018-11-01T08:00:00.123Z', user_id: 7, n: 1 }]);
  });

  it('reports a bad statement in one line with exit 1, and runs a named query', async () => {
    const bad = await runCli(['query', 'SELEC 1', '--warehouse', warehouse], { cwd, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('sparkify: DuckDB: Parser Error: syntax error at or near "SELEC"\n');
    const named = await runCli(['query', '--name', 'plays-by-level', '--format', 'json', '--warehouse', warehouse], { cwd, env });
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'paid' })]));
    const unknown = await runCli(['query', '--name', 'no-such-query', '--warehouse', warehouse], { cwd, env });
    expect(unknown.code).toBe(2);
  });

  it('query --list --all lists every statement of the catalogue; a named query runs in the warehouse\'s dialect', async () => {
    const all = await runCli(['query', '--list', '--all', '--format', 'json'], { cwd, env });
    expect(all.code).toBe(0);
    const names = (JSON.parse(all.stdout) as { name: string }[]).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['create-table:songplays', 'transform:time', 'merge:users:fillEmpty', 'ledger:known-files', 'check:time-parts-agree', 'query:session-median']));
    const median = await runCli(['query', '--name', 'session-median', '--format', 'json', '--warehouse', warehouse], { cwd, env });
    expect(median.code).toBe(0);
    // User 7's session spans 2 s (two plays), user 8's one play 0 s: the lower middle is 0.
    expect(JSON.parse(median.stdout)).toEqual([{ sessions: 2, median_seconds: 0 }]);
  });

  it('query --format csv quotes what needs quoting', async () => {
    const result = await runCli(['query', `SELECT 'a,b' AS x, 'say "hi"' AS y, NULL AS z`, '--format', 'csv', '--warehouse', warehouse], { cwd, env });
    expect(result.stdout).toBe('x,y,z\r\n"a,b","say ""hi""",\n');
  });

  it('history lists the runs, newest first', async () => {
    const result = await runCli(['history', '--json', '--warehouse', warehouse], { cwd, env });
    const runs = JSON.parse(result.stdout) as { run_id: number; status: string }[];
    expect(runs.map((r) => [r.run_id, r.status])).toEqual([[2, 'success'], [1, 'failed']]);
  });

  it('logs progress as plain lines when stderr is not a terminal', async () => {
    const result = await runCli(['etl', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData, '--full-refresh', '--max-errors', '1'], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/staging events: 2 files/);
    expect(result.stderr).toMatch(/building star schema: done in/);
    expect(result.stderr).toMatch(/rows per table:/);
    expect(result.stderr).toMatch(/most-played songs:\n {3}1\. .+ \(\d+ plays\)/);
  });

  it('says the most-played songs are as the last load left them when nothing new came', async () => {
    const result = await runCli(['etl', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData, '--max-errors', '1'], { cwd, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/loaded 0 files \(4 unchanged, skipped\)/);
    expect(result.stderr).toMatch(/most-played songs:\n {2}\(as after the last load: this one changed no row of the star schema\)/);
  });

  it('check exits 1 when a check fails', async () => {
    await runCli(['query', 'DELETE FROM "time"', '--warehouse', warehouse], { cwd, env });
    const result = await runCli(['check', '--warehouse', warehouse], { cwd, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FAIL {2}time-not-empty/);
  });
});
