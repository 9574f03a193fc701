/**
 * A course dwh.cfg through the real CLI: [CLUSTER] HOST selects that Redshift cluster,
 * the first line says so and why, and a connection failure names Redshift.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
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
