/** Where each PostgreSQL connection setting comes from: URL > sparkify settings > PG* environment > defaults. */
import { describe, expect, it } from 'vitest';
import { describeConnection, resolveConnection } from '../../src/engines/postgres/connection.js';
import { ConfigError } from '../../src/errors.js';

const noEnv = {};
const cluster = { host: 'cluster.example', dbName: 'clusterdb', dbUser: 'clusteruser', dbPassword: 'cluster-secret', dbPort: 5439 };
const env = { PGHOST: 'envhost', PGPORT: '6543', PGUSER: 'envuser', PGPASSWORD: 'env-secret', PGDATABASE: 'envdb', PGSSLMODE: 'require' };

describe('postgres connection settings', () => {
  it('takes everything from the URL, decoding a percent-encoded password', () => {
    const url = new URL(`postgres://ada:${encodeURIComponent(`p@ss:w/rd"';x`)}@db.example:5433/warehouse?schema=Sparkify%20%22Q4%22&sslmode=verify-full`);
    expect(resolveConnection(url, { password: 'ignored', cluster }, env)).toEqual({
      host: 'db.example', port: 5433, user: 'ada', password: `p@ss:w/rd"';x`, database: 'warehouse',
      schema: 'Sparkify "Q4"', sslMode: 'verify-full',
    });
  });

  it('falls back to options.password, then [CLUSTER], for what the URL leaves out', () => {
    const resolved = resolveConnection(new URL('postgres:///'), { password: 'option-secret', cluster, schema: 'analytics' }, env);
    expect(resolved).toEqual({
      host: 'cluster.example', port: 5439, user: 'clusteruser', password: 'option-secret', database: 'clusterdb', schema: 'analytics', sslMode: 'require',
    });
    expect(resolveConnection(new URL('postgres:///'), { cluster }, noEnv).password).toBe('cluster-secret');
  });

  it('falls back to the PG* environment last', () => {
    expect(resolveConnection(new URL('postgresql://'), {}, env)).toEqual({
      host: 'envhost', port: 6543, user: 'envuser', password: 'env-secret', database: 'envdb', schema: undefined, sslMode: 'require',
    });
  });

  it('defaults to localhost:5432, no TLS, and a database named after the user, as libpq does', () => {
    const resolved = resolveConnection(new URL('postgres:///'), {}, { PGUSER: 'bob' });
    expect(resolved).toMatchObject({ host: 'localhost', port: 5432, user: 'bob', database: 'bob', sslMode: 'disable', password: undefined });
  });

  it('takes a URL schema over options.schema, and a socket directory from ?host=', () => {
    const resolved = resolveConnection(new URL('postgres://bob@localhost/db?schema=a&host=%2Fvar%2Frun%2Fpostgresql'), { schema: 'b' }, noEnv);
    expect(resolved).toMatchObject({ schema: 'a', host: '/var/run/postgresql' });
  });

  it('reads an IPv6 host without its brackets', () => {
    expect(resolveConnection(new URL('postgres://bob@[::1]:5432/db'), {}, noEnv).host).toBe('::1');
  });

  it('refuses unknown URL options, a bad port and an unknown sslmode, as configuration errors', () => {
    expect(() => resolveConnection(new URL('postgres://h/db?shcema=x'), {}, noEnv)).toThrow(ConfigError);
    expect(() => resolveConnection(new URL('postgres://h/db?shcema=x'), {}, noEnv)).toThrow(/unknown option "shcema"/);
    expect(() => resolveConnection(new URL('postgres://h/db'), {}, { PGPORT: 'five' })).toThrow(/PGPORT has port "five"/);
    expect(() => resolveConnection(new URL('postgres://h/db?sslmode=sometimes'), {}, noEnv)).toThrow(/sslmode "sometimes"/);
  });

  it('describes the connection without its password', () => {
    const url = new URL(`postgres://ada:${encodeURIComponent('s3cret!')}@db.example:5433/warehouse?schema=Sparkify%20%22Q4%22`);
    const text = describeConnection(resolveConnection(url, {}, noEnv));
    expect(text).toBe('postgres://ada@db.example:5433/warehouse?schema=Sparkify+%22Q4%22');
    expect(text).not.toContain('s3cret');
  });
});
