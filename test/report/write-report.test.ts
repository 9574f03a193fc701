/** writeReport (what `sparkify run` ends with) and the `sparkify report` command. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openEngine } from '../../src/engines/open-engine.js';
import { writeReport } from '../../src/report/write-report.js';
import { createAndLoad } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import { writeReportFixture } from './report-fixture.js';

const temp = makeTempDir('report-write');
const warehouse = `duckdb:${path.join(temp.path, 'warehouse.duckdb')}`;

beforeAll(async () => {
  const engine = await openEngine(warehouse, {});
  try {
    await createAndLoad(engine, writeReportFixture(temp.path));
  } finally {
    await engine.close();
  }
});
afterAll(() => temp.remove());

describe('writeReport', () => {
  it('writes the HTML to the path, creating folders, and says where and how long', async () => {
    const engine = await openEngine(warehouse, {});
    try {
      const target = path.join(temp.path, 'out', 'nested', 'report.html');
      const written = await writeReport(engine, target);
      expect(written.path).toBe(target);
      expect(written.seconds).toBeGreaterThan(0);
      expect(readFileSync(target, 'utf8')).toMatch(/^<!doctype html>[\s\S]*What are users listening to\?[\s\S]*<\/html>\n$/);
      expect(readdirSync(path.dirname(target))).toEqual(['report.html']);
    } finally {
      await engine.close();
    }
  });
});

describe('sparkify report', () => {
  it('writes the report and prints its absolute path on stdout', async () => {
    const { main } = await import('../../src/cli/main.js');
    const out = path.join(temp.path, 'cli', 'listening.html');
    const stdout: string[] = [];
    const stdoutSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    const stderrSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const status = await main(['report', '--warehouse', warehouse, '--out', out, '--quiet']);
      expect(status).toBe(0);
    } finally {
      stdoutSpy.mockRestore();
      stderrSpy.mockRestore();
    }
    expect(stdout.join('')).toBe(`${out}\n`);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('Alpha Song');
  });

  it('explains itself with an example in --help', async () => {
    const { main } = await import('../../src/cli/main.js');
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      chunks.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['report', '--help'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const help = chunks.join('');
    expect(help).toContain('--out <file>');
    expect(help).toContain('--warehouse <url>');
    expect(help).toContain('$ sparkify report --out reports/november.html');
  });
});
