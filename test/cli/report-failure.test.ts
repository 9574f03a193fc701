/** What a failure prints: one line, no stack, no password; the same text in the --json report. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failureMessage, failureReport } from '../../src/cli/report-failure.js';
import { redactArgument } from '../../src/cli/process-title.js';
import { DataError, LoadError } from '../../src/errors.js';
import { finished } from '../support/run-cli.js';

describe('failureMessage', () => {
  it('is one line for every error, and says an unexpected one is unexpected', () => {
    const typeError = new TypeError('cannot read properties of undefined\n    (reading "x")');
    expect(failureMessage(typeError)).toBe('unexpected error: TypeError: cannot read properties of undefined (reading "x")');
    expect(failureMessage(new Error('plain'))).toBe('unexpected error: plain');
    expect(failureMessage('a string')).toBe('unexpected error: a string');
    expect(failureMessage(new LoadError('DuckDB: Parser Error\nLINE 1: SELEC\n        ^'))).toBe('DuckDB: Parser Error LINE 1: SELEC ^');
  });

  it('redacts a password in any URL it holds', () => {
    const error = new LoadError('cannot reach http://AKIAKEY:wJalr%2Fsecret@minio.local:9000 (ECONNREFUSED)');
    expect(failureMessage(error)).toBe('cannot reach http://AKIAKEY:***@minio.local:9000 (ECONNREFUSED)');
  });

  it('gives file and line of a rejected record in the JSON report', () => {
    expect(failureReport(new DataError('/data/e.json', 7, 'not valid JSON'))).toEqual({
      status: 'failed',
      error: '/data/e.json:7: not valid JSON',
      exitCode: 1,
      file: '/data/e.json',
      line: 7,
    });
  });
});

describe('the process title', () => {
  it('shows URLs without their password, also in --flag=URL', () => {
    expect(redactArgument('postgres://me:p%40ss@db:5432/dwh')).toBe('postgres://me:***@db:5432/dwh');
    expect(redactArgument('--warehouse=redshift://u:pw@host:5439/dev')).toBe('--warehouse=redshift://u:***@host:5439/dev');
    expect(redactArgument('postgres://db/dwh?user=me&password=pw')).toBe('postgres://db/dwh?user=me&password=***');
    expect(redactArgument('--s3-endpoint=http://key:secret@127.0.0.1:9000')).toBe('--s3-endpoint=http://key:***@127.0.0.1:9000');
    expect(redactArgument('SELECT 1')).toBe('SELECT 1');
  });
});

describe('the crash handlers', () => {
  const tsx = import.meta.resolve('tsx');
  const handlers = fileURLToPath(new URL('../../src/cli/crash-handlers.ts', import.meta.url));

  /** Runs a script with the CLI's crash handlers installed, then `body`. */
  async function crash(body: string) {
    const script = `import { installCrashHandlers } from ${JSON.stringify(handlers)};\ninstallCrashHandlers();\n${body}`;
    const child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      env: { ...process.env, SPARKIFY_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return finished(child);
  }

  it.each([
    ['a stream error nobody listens for', `import { PassThrough } from 'node:stream';
      const s = new PassThrough();
      setTimeout(() => s.destroy(Object.assign(new Error('Cannot call write after a stream was destroyed'), { code: 'ERR_STREAM_DESTROYED' })), 10);`,
      'sparkify: unexpected error: Cannot call write after a stream was destroyed\n'],
    ['a rejected promise nobody awaits', `Promise.reject(new RangeError('out of range'));`, 'sparkify: unexpected error: RangeError: out of range\n'],
    ['a throw in a callback', `setTimeout(() => { throw new LoadError('/x.json: gone'); }, 10);
      import { LoadError } from ${JSON.stringify(fileURLToPath(new URL('../../src/errors.ts', import.meta.url)))};`,
      'sparkify: /x.json: gone\n'],
  ])('turn %s into one line and exit 1', async (_what, body, expected) => {
    const result = await crash(body);
    expect(result.stderr).toBe(expected);
    expect(result.code).toBe(1);
  });

  it('print the stack too with SPARKIFY_DEBUG=1', async () => {
    const script = `import { installCrashHandlers } from ${JSON.stringify(handlers)};\ninstallCrashHandlers();\nPromise.reject(new Error('boom'));`;
    const child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      env: { ...process.env, SPARKIFY_DEBUG: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await finished(child);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sparkify: unexpected error: boom\nError: boom\n {4}at /);
  });
});

