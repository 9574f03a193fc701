/**
 * The Redshift engine's own session code: where a redshift:// URL points, the load
 * lock held by a second session, and closing. The lock runs against the run's
 * embedded PostgreSQL (the same statements work on both; see table-lock.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, ConnectionError, LoadError } from '../../src/errors.js';
import { openEngine } from '../../src/engines/open-engine.js';
import { redshiftTarget } from '../../src/engines/redshift/session.js';
import { takeTableLock } from '../../src/engines/redshift/table-lock.js';
import type pg from 'pg';
import { postgresTestServer } from '../support/postgres-warehouse.js';
import { openRedshiftOnPostgres } from '../support/redshift-on-postgres.js';

const server = postgresTestServer('rs_session');
afterAll(() => server.close());

describe('redshift:// URLs', () => {
  it('default to port 5439, database dev and TLS, and never show the password', () => {
    const target = redshiftTarget(new URL('redshift://awsuser:s3cr%40t@cluster.abc.us-west-2.redshift.amazonaws.com'), {}, {});
    expect(target.connection).toMatchObject({ port: 5439, database: 'dev', user: 'awsuser', password: 's3cr@t', sslMode: 'require' });
    expect(target.context.where).toBe('redshift://awsuser@cluster.abc.us-west-2.redshift.amazonaws.com:5439/dev?sslmode=require');
    expect(target.context.secrets).toContain('s3cr@t');
  });

  it('keep an explicit sslmode, and take [CLUSTER] settings for what the URL leaves out', () => {
    const target = redshiftTarget(new URL('redshift://10.0.0.5?sslmode=disable'), { cluster: { dbUser: 'etl', dbName: 'sparkify', dbPort: 5440 } }, {});
    expect(target.connection).toMatchObject({ host: '10.0.0.5', port: 5440, user: 'etl', database: 'sparkify', sslMode: 'disable' });
  });

  it('refuse a malformed IAM role or staging bucket before connecting', async () => {
    const url = 'redshift://awsuser@127.0.0.1:1/dev';
    await expect(openEngine(url, { objectStore: { iamRoleArn: 'arn:aws:iam::123:role/x' } })).rejects.toThrow(ConfigError);
    await expect(openEngine(url, { objectStore: { bucket: "bad'bucket" } })).rejects.toThrow(/not a valid S3 bucket name/);
  });

  it('fail to open with a connection error naming Redshift, not a crash, when nothing listens', async () => {
    const opening = openEngine('redshift://awsuser:pw@127.0.0.1:1/dev?sslmode=disable');
    await expect(opening).rejects.toThrow(ConnectionError);
    await expect(opening).rejects.toThrow(/^cannot connect to Redshift at redshift:\/\/awsuser@127\.0\.0\.1:1\/dev: connection refused/);
  });
});

describe('the load lock', () => {
  it('makes a second load wait, then fail naming the lock; it is free again once released', async () => {
    const warehouse = await server.freshWarehouse();
    const url = warehouse.url.replace(/^postgres:/, 'redshift-on-postgres:');
    const first = await openRedshiftOnPostgres(url, {});
    const second = await openRedshiftOnPostgres(url, {});
    try {
      const release = await first.lock(1_000);
      const started = Date.now();
      await expect(second.lock(300)).rejects.toThrow(LoadError);
      await expect(second.lock(300)).rejects.toThrow(/holds the load lock \(table sparkify_load_lock\) after waiting 0\.3 s/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      await release();
      const again = await second.lock(1_000);
      await again();
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('bounds the wait itself, even on a server where statement_timeout does not end a waiting LOCK', async () => {
    // A session whose LOCK never returns until the session is ended, whatever it was SET to.
    const sent: string[] = [];
    let endWait: ((error: Error) => void) | undefined;
    const client = {
      query: (sql: string) => {
        sent.push(sql);
        if (sql.startsWith('LOCK')) return new Promise((_resolve, reject) => (endWait = reject));
        return Promise.resolve({ rows: [] });
      },
      end: () => Promise.resolve(),
      on: () => client,
    } as unknown as pg.Client;
    const ended: number[] = [];
    const context = { where: 'redshift://etl@cluster:5439/dev', user: 'etl', database: 'dev', secrets: [] };
    const started = Date.now();

    const taking = takeTableLock({ client, sessionId: 777 }, context, 200, async (pid) => {
      ended.push(pid);
      endWait?.(new Error('terminating connection due to administrator command'));
    });

    await expect(taking).rejects.toThrow(
      'another sparkify load into redshift://etl@cluster:5439/dev holds the load lock (table sparkify_load_lock) after waiting 0.2 s',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(ended).toEqual([777]);
    expect(sent.filter((sql) => /statement_timeout/i.test(sql))).toEqual([]);
  });

  it('leaves no waiting LOCK behind on the server once the wait ran out', async () => {
    const warehouse = await server.freshWarehouse();
    const url = warehouse.url.replace(/^postgres:/, 'redshift-on-postgres:');
    const first = await openRedshiftOnPostgres(url, {});
    const second = await openRedshiftOnPostgres(url, {});
    try {
      const release = await first.lock(1_000);
      await expect(second.lock(200)).rejects.toThrow(/holds the load lock/);
      const waiting = await first.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE query LIKE 'LOCK sparkify_load_lock%' AND wait_event_type = 'Lock'",
      );
      expect(Number(waiting[0]?.n)).toBe(0);
      await release();
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('goes with the engine when it closes without releasing', async () => {
    const warehouse = await server.freshWarehouse();
    const url = warehouse.url.replace(/^postgres:/, 'redshift-on-postgres:');
    const first = await openRedshiftOnPostgres(url, {});
    await first.lock(1_000);
    await first.close();
    const second = await openRedshiftOnPostgres(url, {});
    try {
      const release = await second.lock(1_000);
      await release();
    } finally {
      await second.close();
    }
  });
});
