/**
 * How the CLI fails, as a user sees it: one `sparkify: …` line on stderr and exit 1 or 2,
 * whatever went wrong; with --json a report on stdout too; read commands never create a
 * warehouse; and the smaller flags (--version, check --quiet).
 */
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { finished, runCli, spawnCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('cli-failures');
afterAll(() => temp.remove());
const cwd = temp.path;
const env = { SPARKIFY_WAREHOUSE: '', SPARKIFY_SOURCE: '', SPARKIFY_DEBUG: '' };
const ts = Date.UTC(2018, 10, 1, 8, 0, 0);

/** The one line a failure must print, and nothing else on stderr. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^sparkify: /);
  expect(stderr).toMatch(pattern);
}

describe('usage errors', () => {
  it('are one line with the sparkify: prefix and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['etl', '--no-such-flag'], /^sparkify: unknown option '--no-such-flag' \(run with --help for usage\)\n$/],
      [['etl', '--quite'], /^sparkify: unknown option '--quite' \(Did you mean --quiet\?\) \(run with --help for usage\)\n$/],
      [['no-such-command'], /^sparkify: unknown command 'no-such-command'/],
      [['query', '--format'], /^sparkify: option '-f, --format <format>' argument missing/],
      [['generate'], /^sparkify: required option '-o, --out <dir>' not specified/],
      [['history', '--limit', 'ten'], /^sparkify: --limit takes a whole number, not "ten"/],
    ];
    for (const [args, pattern] of cases) {
      const result = await runCli(args, { cwd, env });
      expect(result.code, args.join(' ')).toBe(2);
      expectOneLine(result.stderr, pattern);
      expect(result.stdout, args.join(' ')).toBe('');
    }
  });

  it('without a command print the help, then the one failure line, exit 2', async () => {
    const result = await runCli([], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: sparkify \[options\] \[command\]\n/);
    expect(result.stderr).toMatch(/\n {2}query \[options\] \[sql\] /);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('sparkify: no command given: choose one of the commands listed above');
  });

  it('--version prints the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag], { cwd, env });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
      expect(result.stderr).toBe('');
    }
  });
});

describe('--json when a command fails', () => {
  let input: { songData: string; logData: string };
  beforeAll(() => {
    input = writeFixtureTree(path.join(temp.path, 'json-data'), {
      songs: { 'A/TR1.json': [song()] },
      events: { 'e1.json': [event({ ts }), '{ not json'] },
    });
  });

  it('prints a JSON report with the error and exit status on stdout, and the one line on stderr', async () => {
    const warehouse = `duckdb:${path.join(temp.path, 'json.duckdb')}`;
    const run = await runCli(['run', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData, '--json', '--quiet', '--no-report'], { cwd, env });
    expect(run.code).toBe(1);
    const where = `${path.join(input.logData, 'e1.json')}:2`;
    expectOneLine(run.stderr, new RegExp(`^sparkify: ${where.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not valid JSON`));
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ status: 'failed', exitCode: 1, file: path.join(input.logData, 'e1.json'), line: 2 });
    expect(report.error).toBe(run.stderr.slice('sparkify: '.length).trimEnd());

    const missing = path.join(temp.path, 'none.duckdb');
    for (const command of ['check', 'history']) {
      const result = await runCli([command, '--warehouse', `duckdb:${missing}`, '--json'], { cwd, env });
      expect(result.code, command).toBe(2);
      expect(JSON.parse(result.stdout), command).toEqual({
        status: 'failed',
        error: `no warehouse at ${missing}; load one with \`sparkify run\``,
        exitCode: 2,
      });
    }
    const usage = await runCli(['etl', '--json', '--max-errors', 'many'], { cwd, env });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({ status: 'failed', error: '--max-errors: "many" is not valid; expected a whole number, 0 or more', exitCode: 2 });
    // A command without --json is not answered in JSON because the flag was typed.
    const noJson = await runCli(['query', 'SELECT 1', '--json'], { cwd, env });
    expect(noJson.code).toBe(2);
    expect(noJson.stdout).toBe('');
  });
});

describe('read commands', () => {
  it('query, check, history and report never create a warehouse: exit 2 naming the path', async () => {
    const missing = path.join(temp.path, 'typo', 'warehuose.duckdb');
    const commands = [['query', 'SELECT 1'], ['check'], ['history'], ['report', '--out', path.join(temp.path, 'r.html')]];
    for (const command of commands) {
      const result = await runCli([...command, '--warehouse', `duckdb:${missing}`], { cwd, env });
      expect(result.code, command[0]).toBe(2);
      expectOneLine(result.stderr, new RegExp(`^sparkify: no warehouse at ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}; load one with \`sparkify run\`\n$`));
      expect(existsSync(missing), command[0]).toBe(false);
      expect(existsSync(path.dirname(missing)), command[0]).toBe(false);
    }
    // duckdb::memory: is always there.
    expect((await runCli(['query', 'SELECT 42 AS n', '--format', 'csv', '--warehouse', 'duckdb::memory:'], { cwd, env })).stdout).toBe('n\r\n42\n');
  });
});

describe('query', () => {
  it('refuses more than one statement with exit 2, and accepts ; inside quotes and comments', async () => {
    const two = await runCli(['query', 'SELECT 1 AS a; SELECT 2 AS b', '--warehouse', 'duckdb::memory:'], { cwd, env });
    expect(two.code).toBe(2);
    expectOneLine(two.stderr, /^sparkify: query runs one statement; this text holds 2 \(separated by ;\): run them one at a time\n$/);
    expect(two.stdout).toBe('');
    const one = `SELECT 1 AS n, ';' AS "a;b" /* ; */; -- one; statement`;
    const rows = await runCli(['query', one, '--format', 'csv', '--warehouse', 'duckdb::memory:'], { cwd, env });
    expect(rows.code).toBe(0);
    expect(rows.stdout).toBe('n,a;b\r\n1,;\n');
  });

  it('prints a large result as a table (Math.max over a spread overflowed the stack at 300 k rows)', async () => {
    const result = await runCli(['query', 'SELECT range AS n FROM range(300000)', '--warehouse', 'duckdb::memory:'], { cwd, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual(['299999', '(300000 rows)']);
  });

  it('ends with one line, not a stack trace, when the reader of its output goes away', async () => {
    const child = spawnCli(['query', 'SELECT range AS n FROM range(200000)', '--format', 'csv', '--warehouse', 'duckdb::memory:'], { cwd, env });
    child.stdout?.once('data', () => child.stdout?.destroy());
    const result = await finished(child);
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /^sparkify: standard output was closed before everything was written \(EPIPE\)\n$/);
  });
});

describe('check --quiet', () => {
  const warehouse = `duckdb:${path.join(temp.path, 'quiet.duckdb')}`;
  beforeAll(async () => {
    const input = writeFixtureTree(path.join(temp.path, 'quiet-data'), {
      songs: { 'A/TR1.json': [song()] },
      events: { 'e1.json': [event({ ts }), event({ ts: ts + 1000, itemInSession: 1 })] },
    });
    const load = await runCli(['run', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData, '--quiet', '--no-report'], { cwd, env });
    expect(load.code).toBe(0);
  });

  it('prints nothing when every check passes, and only the failures otherwise', async () => {
    const passing = await runCli(['check', '--quiet', '--warehouse', warehouse], { cwd, env });
    expect(passing.code).toBe(0);
    expect(passing.stderr).toBe('');
    expect(passing.stdout).toBe('');
    const loud = await runCli(['check', '--warehouse', warehouse], { cwd, env });
    expect(loud.stderr).toMatch(/ {2}pass {2}time-not-empty/);

    await runCli(['query', 'DELETE FROM "time"', '--warehouse', warehouse], { cwd, env });
    const failing = await runCli(['check', '--quiet', '--warehouse', warehouse], { cwd, env });
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/FAIL {2}time-not-empty/);
    expect(failing.stderr).not.toMatch(/ pass /);
    expect(failing.stderr).toMatch(/\nsparkify: \d+ quality check\(s\) failed\n$/);
    // With --json the check results are the report: the failure adds no second document.
    const json = await runCli(['check', '--json', '--warehouse', warehouse], { cwd, env });
    expect(json.code).toBe(1);
    const results = JSON.parse(json.stdout) as { name: string; passed: boolean }[];
    expect(results.find((r) => r.name === 'time-not-empty')?.passed).toBe(false);
  });
});

describe('symbolic links in a local source', () => {
  it('are followed (a linked day folder loads), and a loop fails naming it, exit 1', async () => {
    const root = path.join(temp.path, 'linked');
    const input = writeFixtureTree(path.join(root, 'data'), {
      songs: { 'A/TR1.json': [song()] },
      events: { '2018/10/e1.json': [event({ ts })] },
    });
    writeFixtureTree(path.join(root, 'elsewhere'), { events: { 'e2.json': [event({ ts: ts + 1000, itemInSession: 1 })] } });
    symlinkSync(path.join(root, 'elsewhere', 'log_data'), path.join(input.logData, '2018', '11'));
    const warehouse = `duckdb:${path.join(temp.path, 'linked.duckdb')}`;
    const load = await runCli(['etl', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData, '--json', '--quiet'], { cwd, env });
    expect(load.stderr).toBe('');
    expect(load.code).toBe(0);
    expect(JSON.parse(load.stdout).summary.tables).toMatchObject({ staging_events: 2, songplays: 2 });

    symlinkSync(input.logData, path.join(root, 'elsewhere', 'log_data', 'back'));
    const loop = await runCli(['etl', '--warehouse', warehouse, '--song-data', input.songData, '--log-data', input.logData], { cwd, env });
    expect(loop.code).toBe(1);
    const link = path.join(input.logData, '2018', '11', 'back');
    expect(loop.stderr.trimEnd().split('\n').at(-1)).toBe(
      `sparkify: ${link}: a symbolic link loop: this leads back to ${input.logData}, which holds it; remove or fix the link`,
    );
  });
});
