import { describe, it, expect } from 'vitest';
import type { ConfigError } from '../../src/errors.js';
import { catchConfigError } from './catch-config-error.js';
import { parseIni, type IniDocument } from '../../src/config/ini-reader.js';

/** section → key → value, for readable assertions. */
function valuesOf(doc: IniDocument): Record<string, Record<string, string>> {
  return Object.fromEntries(
    doc.sections.map((s) => [s.name, Object.fromEntries(s.entries.map((e) => [e.key, e.value]))]),
  );
}

function errorOf(text: string): ConfigError {
  return catchConfigError(() => parseIni(text, 'dwh.cfg'));
}

describe('parseIni (configparser semantics)', () => {
  it('keeps ; # and % inside values: there are no inline comments and no interpolation', () => {
    const doc = parseIni('[CLUSTER]\nDB_PASSWORD = pa;ss#word ; not a comment 100%\n', 'dwh.cfg');
    expect(valuesOf(doc)).toEqual({ CLUSTER: { db_password: 'pa;ss#word ; not a comment 100%' } });
  });

  it('keeps quotes: interpretation, not the reader, strips them', () => {
    const doc = parseIni(`[CLUSTER]\nHOST=''\nDB_NAME = "dwh"\nDB_USER = 'it''s'\n`, 'dwh.cfg');
    expect(valuesOf(doc)).toEqual({ CLUSTER: { host: "''", db_name: '"dwh"', db_user: "'it''s'" } });
  });

  it('lower-cases keys, keeps the key as written, and keeps section names case-sensitive', () => {
    const doc = parseIni('[Cluster]\nDb_User = x\n[CLUSTER]\ndb_user = y\n', 'dwh.cfg');
    expect(doc.sections.map((s) => s.name)).toEqual(['Cluster', 'CLUSTER']);
    expect(doc.sections[0]?.entries[0]).toEqual({ key: 'db_user', writtenKey: 'Db_User', value: 'x', line: 2, lastLine: 2 });
  });

  it('splits on the first = or :, and strips whitespace around key and value', () => {
    const doc = parseIni('[A]\n  Key1 :  a=b  \nkey2=c:d\nkey3 =\n', 'dwh.cfg');
    expect(valuesOf(doc)).toEqual({ A: { key1: 'a=b', key2: 'c:d', key3: '' } });
  });

  it('joins continuation lines with \\n; comments inside do not end the value; a blank line does', () => {
    const text = [
      '[A]',
      'multi =',
      '   one',
      '  # a comment inside the value',
      '   two',
      'k2=v',
      '    cont',
      '  [not a section: indented under k2]',
      '',
      'k3 = after blank',
    ].join('\n');
    expect(valuesOf(parseIni(text, 'dwh.cfg'))).toEqual({
      A: { multi: '\none\ntwo', k2: 'v\ncont\n[not a section: indented under k2]', k3: 'after blank' },
    });
    // Where each value ends, continuation lines included, for in-place edits (infra/write-config.ts).
    const lines = parseIni(text, 'dwh.cfg').sections[0]?.entries.map((e) => [e.key, e.line, e.lastLine]);
    expect(lines).toEqual([['multi', 2, 5], ['k2', 6, 8], ['k3', 10, 10]]);
  });

  it('skips full-line comments, indented or not, with # or ;', () => {
    const text = '# top\n; top too\n[A]\n   # indented\n\t; tabbed\nk = v\n';
    const doc = parseIni(text, 'dwh.cfg');
    expect(valuesOf(doc)).toEqual({ A: { k: 'v' } });
    expect(doc.sections[0]?.line).toBe(3);
    expect(doc.sections[0]?.entries[0]?.line).toBe(6);
  });

  it('reads a section header followed by text, as configparser does', () => {
    expect(valuesOf(parseIni('[S3] ; the data\nk = v\n', 'dwh.cfg'))).toEqual({ S3: { k: 'v' } });
  });

  it('ignores a UTF-8 BOM and accepts CRLF line ends, keeping line numbers', () => {
    const doc = parseIni('\uFEFF[A]\r\nk = v\r\n\r\nm = w\r\n', 'dwh.cfg');
    expect(valuesOf(doc)).toEqual({ A: { k: 'v', m: 'w' } });
    expect(doc.sections[0]?.entries.map((e) => e.line)).toEqual([2, 4]);
  });

  it('refuses a duplicate key, case-insensitively, naming file and both lines', () => {
    const error = errorOf('[CLUSTER]\nDB_USER = a\nHOST = h\ndb_user = b\n');
    expect(error.message).toBe('dwh.cfg:4: [CLUSTER] db_user appears twice (first at line 2); keep one');
    expect(error.exitCode).toBe(2);
  });

  it('refuses a duplicate section', () => {
    expect(errorOf('[A]\nk = v\n[B]\n[A]\n').message).toBe(
      'dwh.cfg:4: section [A] appears twice (first at line 1); merge the two',
    );
  });

  it('refuses a key before any section', () => {
    expect(errorOf('# header\nk = v\n').message).toMatch(/^dwh\.cfg:2: a key before any \[SECTION\] header/);
  });

  it('refuses a line that is not a key, without echoing it', () => {
    const error = errorOf('[CLUSTER]\nDB_PASSWORD = x\nhunter2\n');
    expect(error.message).toMatch(/^dwh\.cfg:3: expected KEY = VALUE/);
    expect(error.message).not.toContain('hunter2');
    expect(errorOf('[A]\n= value\n').message).toMatch(/^dwh\.cfg:2: expected KEY = VALUE/);
  });
});
