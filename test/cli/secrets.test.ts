/**
 * Secrets given on the command line stay secret: the warehouse password is not in the
 * process's command line (`ps`, /proc/PID/cmdline) while it runs, and credentials in
 * --s3-endpoint are neither printed nor stored in etl_runs.error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { finished, runCli, spawnCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TEST_PASSWORD } from '../setup/postgres-server.js';

const server = postgresTestServer('cli_secrets');
const temp = makeTempDir('cli-secrets');
afterAll(async () => {
  await server.close();
  temp.remove();
});
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '', SPARKIFY_SCHEMA: '' };

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(process.platform !== 'linux')('the process command line', () => {
  it('does not show the --warehouse password while a command runs (and --schema is a flag)', async () => {
    const { url } = await server.freshWarehouse();
    const encoded = encodeURIComponent(TEST_PASSWORD);
    expect(url).toContain(encoded);
    const marker = `secrets_${process.pid}`;
    const child = spawnCli(['query', `SELECT pg_sleep(3) AS ${marker}, current_schema() AS s`, '--format', 'csv', '--schema', 'cli_flag_schema', '--warehouse', url], { env });
    const done = finished(child);
    // While the statement runs on the server, the CLI is connected and fully started.
    const admin = await server.admin();
    await until(async () => {
      const { rows } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1", [`%AS ${marker},%`]);
      return rows.length > 0 ? true : undefined;
    }, 'the query to run');
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replace(/\0+/g, ' ').trim();
    const result = await done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${marker},s\r\n,cli_flag_schema\n`);

    expect(cmdline).not.toContain(encoded);
    expect(cmdline).not.toContain(TEST_PASSWORD);
    expect(cmdline).not.toContain('w%2Frd');
    expect(cmdline).toMatch(/^sparkify query .* --warehouse postgres:\/\/[^:]+:\*\*\*@127\.0\.0\.1:\d+\/cli_secrets_/);
  });
});

describe('--s3-endpoint with credentials', () => {
  it('is redacted in the error printed and in the one stored in etl_runs', async () => {
    const warehouse = `duckdb:${path.join(temp.path, 's3.duckdb')}`;
    const secret = 'wJalrXUtnFEMIsecret';
    const s3env = { ...env, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' };
    // Nothing listens on port 1: the listing fails with ECONNREFUSED, naming the endpoint.
    const endpoint = `http://AKIAEXAMPLE:${secret}@127.0.0.1:1`;
    const load = await runCli(['etl', '--source', 's3://bucket/prefix', '--s3-endpoint', endpoint, '--region', 'us-east-1', '--warehouse', warehouse], { env: s3env });
    expect(load.code).toBe(2);
    expect(load.stderr).toContain('cannot reach http://AKIAEXAMPLE:***@127.0.0.1:1 (ECONNREFUSED)');
    expect(load.stderr).not.toContain(secret);

    const history = await runCli(['history', '--json', '--warehouse', warehouse], { env });
    const runs = JSON.parse(history.stdout) as { status: string; error: string | null }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('failed');
    expect(runs[0]?.error).toContain('cannot reach http://AKIAEXAMPLE:***@127.0.0.1:1 (ECONNREFUSED)');
    expect(history.stdout).not.toContain(secret);
  });
});
