/**
 * Which warehouse a course dwh.cfg selects, and what is said about it: [CLUSTER] HOST
 * alone means that Redshift cluster; a warehouse given anywhere wins; the reason is
 * kept for the first line of output; a DB_PASSWORD is used or warned about.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings, type LoadSettingsInput } from '../../src/config/load-settings.js';
import { catchConfigError } from './catch-config-error.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('warehouse-choice');
afterAll(() => temp.remove());
let n = 0;

/** The course's dwh.cfg, as the original project shipped it once the cluster was up. */
const courseFile = (cluster: string) => `[CLUSTER]
${cluster}

[IAM_ROLE]
ARN='arn:aws:iam::123456789012:role/dwhRole'

[S3]
LOG_DATA='s3://udacity-dend/log_data'
LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
SONG_DATA='s3://udacity-dend/song_data'
`;

function load(text: string, input: Partial<LoadSettingsInput> = {}) {
  const configPath = path.join(temp.path, `dwh-${++n}.cfg`);
  writeFileSync(configPath, text);
  return loadSettings({ configPath, flags: {}, env: {}, cwd: temp.path, ...input });
}

const cluster = "HOST=dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com\nDB_NAME=dwh\nDB_USER=dwhuser\nDB_PASSWORD=Passw0rd\nDB_PORT=5439";

describe('the warehouse a course dwh.cfg selects', () => {
  it('is the cluster of [CLUSTER] HOST when no warehouse is given anywhere, with no password in the URL', () => {
    const settings = load(courseFile(cluster));
    expect(settings.warehouse).toBe('redshift://dwhuser@dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com:5439/dwh');
    expect(settings.warehouseReason).toBe('[CLUSTER] HOST in dwh.cfg, no warehouse given');
    expect(settings.cluster.dbPassword).toBe('Passw0rd');
    expect(settings.notices).toEqual([]);
  });

  it('takes Redshift\'s defaults for what [CLUSTER] leaves out', () => {
    expect(load(courseFile('HOST=10.0.0.5')).warehouse).toBe('redshift://awsuser@10.0.0.5:5439/dev');
  });

  it('gives way to a warehouse given by flag, environment or [SPARKIFY] WAREHOUSE, and says the HOST is not used', () => {
    const flag = load(courseFile(cluster), { flags: { warehouse: 'duckdb:local.duckdb' } });
    expect(flag.warehouse).toBe(`duckdb:${path.join(temp.path, 'local.duckdb')}`);
    expect(flag.warehouseReason).toBe('--warehouse ([CLUSTER] HOST dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com is not used)');
    const env = load(courseFile(cluster), { env: { SPARKIFY_WAREHOUSE: 'postgres://me@db/x' } });
    expect(env.warehouseReason).toMatch(/^environment variable SPARKIFY_WAREHOUSE \(\[CLUSTER\] HOST/);
    const file = load(`${courseFile(cluster)}\n[SPARKIFY]\nWAREHOUSE = redshift://etl@other.example:5439/dev\n`);
    expect(file.warehouse).toBe('redshift://etl@other.example:5439/dev');
    expect(file.warehouseReason).toMatch(/^\S+dwh-\d+\.cfg:\d+: \[SPARKIFY\] WAREHOUSE \(\[CLUSTER\] HOST/);
  });

  it('is the local DuckDB file otherwise, and says so', () => {
    const settings = load(courseFile("HOST=''"));
    expect(settings.warehouse).toBe(`duckdb:${path.join(temp.path, 'sparkify.duckdb')}`);
    expect(settings.warehouseReason).toBe('the default: no warehouse given and no [CLUSTER] HOST');
  });

  it('refuses a HOST that is not a host name alone', () => {
    expect(catchConfigError(() => load(courseFile('HOST=https://dwhcluster.example:5439/dev'))).message).toMatch(
      /dwh-\d+\.cfg:2: \[CLUSTER\] HOST: "https:\/\/dwhcluster\.example:5439\/dev" is not valid; expected a host name/,
    );
  });
});

describe('a DB_PASSWORD in dwh.cfg is used or warned about, never silently ignored', () => {
  it('warns when SPARKIFY_DB_PASSWORD overrides it', () => {
    const settings = load(courseFile(cluster), { env: { SPARKIFY_DB_PASSWORD: 'from-env' } });
    expect(settings.cluster.dbPassword).toBe('from-env');
    expect(settings.notices).toEqual([expect.stringMatching(/dwh-\d+\.cfg:5: \[CLUSTER\] DB_PASSWORD is not used: SPARKIFY_DB_PASSWORD is set and wins/)]);
  });

  it('warns when the warehouse is DuckDB, or its URL holds a password', () => {
    expect(load(courseFile(cluster), { flags: { warehouse: 'duckdb:x.duckdb' } }).notices).toEqual([
      expect.stringMatching(/DB_PASSWORD is not used: the warehouse is not a server/),
    ]);
    expect(load(courseFile(cluster), { flags: { warehouse: 'redshift://u:pw@h:5439/dev' } }).notices).toEqual([
      expect.stringMatching(/DB_PASSWORD is not used: the warehouse URL holds a password/),
    ]);
    for (const notice of load(courseFile(cluster), { env: { SPARKIFY_DB_PASSWORD: 'x' } }).notices ?? []) {
      expect(notice).not.toContain('Passw0rd');
    }
  });
});
