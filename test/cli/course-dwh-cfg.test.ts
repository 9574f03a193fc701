/**
 * A course dwh.cfg through the real CLI: [CLUSTER] HOST selects that Redshift cluster,
 * the first line says so and why, and a connection failure names Redshift.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('course-dwh-cfg');
afterAll(() => temp.remove());
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_DB_PASSWORD: '', PGPASSWORD: '', PGSSLMODE: 'disable' };

describe('a course dwh.cfg through the CLI', () => {
  it('loads into the [CLUSTER] HOST, says so first, and names Redshift when it cannot connect', async () => {
    writeFileSync(path.join(temp.path, 'dwh.cfg'), [
      '[CLUSTER]', 'HOST=127.0.0.1', 'DB_NAME=dwh', 'DB_USER=dwhuser', "DB_PASSWORD=''", 'DB_PORT=1', '',
      '[IAM_ROLE]', "ARN='arn:aws:iam::123456789012:role/dwhRole'", '',
      '[S3]', "LOG_DATA='s3://udacity-dend/log_data'", "LOG_JSONPATH='s3://udacity-dend/log_json_path.json'",
      "SONG_DATA='s3://udacity-dend/song_data'", '',
    ].join('\n'));

    const result = await runCli(['create-tables'], { cwd: temp.path, env });

    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('warehouse: redshift://dwhuser@127.0.0.1:1/dwh ([CLUSTER] HOST in dwh.cfg, no warehouse given)');
    expect(lines.at(-1)).toMatch(/^sparkify: cannot connect to Redshift at redshift:\/\/dwhuser@127\.0\.0\.1:1\/dwh: connection refused/);
    expect(result.stderr).not.toContain('PostgreSQL');
  });
});

describe('etl --dry-run through the CLI', () => {
  it('lists the files and statements, and does not even create the DuckDB file', async () => {
    const input = writeFixtureTree(path.join(temp.path, 'tree'), { songs: { 'A/TRA.json': [song()] }, events: { 'a.json': [event()] } });
    const warehouse = path.join(temp.path, 'never.duckdb');
    // From the tree's folder: no dwh.cfg there.
    const result = await runCli(['etl', '--dry-run', '--warehouse', `duckdb:${warehouse}`, '--song-data', input.songData, '--log-data', input.logData], { cwd: input.songData, env });
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(`warehouse: duckdb:${warehouse} (--warehouse)`);
    expect(result.stdout).toContain(`dry run: nothing was changed in duckdb:${warehouse}`);
    expect(result.stdout).toMatch(/files: 2 new \(\d+ bytes\), 0 changed \(0 bytes\), 0 unchanged \(0 bytes, skipped\)/);
    expect(result.stdout).toContain(`  new       events `);
    expect(result.stdout).toContain('CREATE TABLE IF NOT EXISTS songplays (');
    expect(existsSync(warehouse)).toBe(false);
  });
});
