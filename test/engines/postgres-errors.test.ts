/** PostgreSQL and network errors sorted into sparkify's, by code; messages one line, secrets scrubbed. */
import { describe, expect, it } from 'vitest';
import { connectionError, loadError, redact, sqlStateOf, type ErrorContext } from '../../src/engines/postgres/errors.js';
import { ConnectionError, DataError, LoadError } from '../../src/errors.js';

const context: ErrorContext = { where: 'postgres://ada@db.example:5432/dwh', user: 'ada', database: 'dwh', secrets: ['s3cr:t@', 's3cr%3At%40'] };

/** What pg throws for a server error: an Error with the SQLSTATE in `code` and a severity. */
function serverError(code: string, message: string, extra: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL', ...extra });
}
function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
}

describe('postgres connection errors', () => {
  it.each([
    [networkError('ECONNREFUSED'), /: connection refused; is the server running, and are the host and port right\?$/],
    [new AggregateError([networkError('ECONNREFUSED'), networkError('ECONNREFUSED')]), /connection refused/],
    [networkError('ENOTFOUND'), /the host name does not resolve; check the host in the URL, \[CLUSTER\] HOST or PGHOST$/],
    [networkError('ETIMEDOUT'), /did not answer \(ETIMEDOUT\)/],
    [serverError('28P01', 'password authentication failed for user "ada"'), /password authentication failed for user "ada"; check the password/],
    [serverError('28000', 'no pg_hba.conf entry for host "10.0.0.2", user "ada", database "dwh", no encryption'), /refused user "ada" \(no pg_hba\.conf entry .*\); if it requires TLS, add \?sslmode=require/],
    [serverError('3D000', 'database "dwh" does not exist'), /database "dwh" does not exist; create it/],
    [serverError('53300', 'sorry, too many clients already'), /too many connections; try again later/],
    [new Error('The server does not support SSL connections'), /: The server does not support SSL connections$/],
  ])('%s', (error, message) => {
    const mapped = connectionError(error, context);
    expect(mapped).toBeInstanceOf(ConnectionError);
    expect(mapped.exitCode).toBe(2);
    expect(mapped.message).toMatch(/^cannot (connect to|prepare) PostgreSQL at postgres:\/\/ada@db\.example:5432\/dwh: /);
    expect(mapped.message).toMatch(message);
    expect(mapped.cause).toBe(error);
  });

  it('scrubs a secret a server or driver might echo back, raw or URL-encoded', () => {
    const mapped = connectionError(serverError('XX000', 'odd: s3cr:t@ and s3cr%3At%40\nsecond line'), context);
    expect(mapped.message).toBe('cannot connect to PostgreSQL at postgres://ada@db.example:5432/dwh: odd: *** and *** (SQLSTATE XX000)');
  });
});

describe('postgres load errors', () => {
  it('pass sparkify errors through untouched', () => {
    const data = new DataError('f.json', 3, 'bad');
    expect(loadError(data, context, false)).toBe(data);
  });

  it('say a lost connection is lost, whatever the driver said', () => {
    const lost = loadError(new Error('write EPIPE'), context, true);
    expect(lost).toBeInstanceOf(LoadError);
    expect(lost.exitCode).toBe(1);
    expect(lost.message).toMatch(/was lost during the load \(write EPIPE\); nothing was committed, run the load again$/);
    expect(loadError(serverError('57P01', 'terminating connection due to administrator command'), context, false).message).toMatch(/was lost/);
  });

  it('keep the server message, SQLSTATE, DETAIL and the COPY line it broke on', () => {
    const error = serverError('22P02', 'invalid input syntax for type integer: "x"', { where: 'COPY staging_events, line 7, column status: "x"' });
    expect(loadError(error, context, false).message).toBe(
      'PostgreSQL at postgres://ada@db.example:5432/dwh: invalid input syntax for type integer: "x" (SQLSTATE 22P02): COPY staging_events, line 7, column status: "x"',
    );
  });

  it('name lock and timeout problems', () => {
    expect(loadError(serverError('55P03', 'could not obtain lock'), context, false).message).toMatch(/raise LOCK_TIMEOUT$/);
    expect(loadError(serverError('57014', 'canceling statement due to statement timeout'), context, false).message).toMatch(/check statement_timeout$/);
  });

  it('read the SQLSTATE only from server errors', () => {
    expect(sqlStateOf(serverError('42P01', 'no table'))).toBe('42P01');
    expect(sqlStateOf(networkError('ECONNREFUSED'))).toBeUndefined();
    expect(redact('a s3cr:t@ b', context.secrets)).toBe('a *** b');
  });
});
