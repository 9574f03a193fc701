/** `sparkify generate` as a user runs it: summary on stderr, JSON on stdout, exit 2 on bad flags. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const temp = makeTempDir('generate-cli');
afterAll(() => temp.remove());

describe('sparkify generate', () => {
  it('prints help with an example', async () => {
    const result = await runCli(['generate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Example/);
    expect(result.stdout).toContain('--start-date');
  });

  it('writes a dataset, talks on stderr and prints the summary as JSON on stdout', async () => {
    const out = path.join(temp.path, 'data');
    const result = await runCli(['generate', '--out', out, '--songs', '40', '--events', '600', '--days', '2', '--seed', '9', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/wrote 40 song files and 2 log files \(600 events/);
    const summary = JSON.parse(result.stdout) as { events: number; songFiles: number; expected: { events: number; songplays: number } };
    expect(summary).toMatchObject({ events: 600, songFiles: 40, expected: { events: 600 } });
    expect(summary.expected.songplays).toBeGreaterThan(0);
    expect(readdirSync(path.join(out, 'log_data/2018/11'))).toEqual(['2018-11-01-events.json', '2018-11-02-events.json']);
  });

  it('is silent with --quiet', async () => {
    const result = await runCli(['generate', '--out', path.join(temp.path, 'quiet'), '--songs', '5', '--events', '50', '--days', '1', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
  });

  it('exits 2 on bad values, naming the flag', async () => {
    const out = path.join(temp.path, 'bad');
    const cases = [['--songs', 'many'], ['--events', '-1'], ['--days', '0'], ['--seed', '1.5'], ['--start-date', '2018-11-31']] as const;
    const results = await Promise.all(cases.map(([flag, value]) => runCli(['generate', '--out', out, flag, value])));
    for (const [k, [flag, value]] of cases.entries()) {
      expect(results[k]?.code, `${flag} ${value}`).toBe(2);
      expect(results[k]?.stderr).toContain(flag);
    }
    const missingOut = await runCli(['generate']);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toContain('--out');
  });
});
