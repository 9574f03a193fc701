/**
 * The statement catalogue: every statement has one name, every override an engine
 * declares names a real statement, and an override or a fragment reaches every
 * statement that uses it (the time check uses the transform's week).
 */
import { describe, expect, it } from 'vitest';
import { checkDefinitions, checkStatement } from '../../src/checks/definitions.js';
import { duckdbDialect } from '../../src/engines/duckdb/dialect.js';
import { postgresDialect } from '../../src/engines/postgres/dialect.js';
import { redshiftDialect } from '../../src/engines/redshift/dialect.js';
import { statementCatalogue } from '../../src/report/statement-catalogue.js';
import { portableDialect, type Dialect } from '../../src/sql/dialect.js';
import { ledgerStatements, runStatements } from '../../src/sql/bookkeeping.js';
import { mergeStatements } from '../../src/sql/merge.js';
import { starTables } from '../../src/sql/star-tables.js';
import { sqlOf } from '../../src/sql/statement.js';
import { sqlFor } from '../../src/sql/steps.js';
import { redshiftEmulatedDialect } from '../support/redshift-emulated-sql.js';
import { redshiftOnPostgresDialect } from '../support/redshift-on-postgres.js';

const names = statementCatalogue().map((entry) => entry.name);
const timeCheck = checkDefinitions.find((check) => check.name === 'time-parts-agree');

describe('the statement catalogue', () => {
  it('names every statement once, by group', () => {
    expect(new Set(names).size).toBe(names.length);
    const groups = new Set(names.map((name) => name.split(':')[0]));
    expect([...groups].sort()).toEqual(['check', 'checks', 'create-table', 'ledger', 'merge', 'query', 'runs', 'scoped', 'summary', 'table', 'transform']);
    expect(names.filter((name) => name.startsWith('check:'))).toHaveLength(22);
    expect(names).toEqual(expect.arrayContaining(['create-table:time', 'transform:time', 'merge:songs:diff-1', 'ledger:known-files', 'runs:recent', 'check:time-parts-agree', 'query:session-lengths']));
  });

  it.each([duckdbDialect, postgresDialect, redshiftDialect, redshiftEmulatedDialect, redshiftOnPostgresDialect])(
    'has every statement the $name dialect overrides',
    (dialect: Dialect) => {
      for (const name of Object.keys(dialect.overrides)) expect(names, name).toContain(name);
    },
  );

  it('computes the time check\'s week and weekday with the fragments the transform used, on every dialect', () => {
    if (timeCheck === undefined) throw new Error('no time-parts-agree check');
    for (const dialect of [portableDialect, duckdbDialect, postgresDialect, redshiftDialect]) {
      const transform = sqlFor(dialect, 'selectTime');
      const check = sqlOf(dialect, checkStatement(timeCheck));
      const week = /^\s+(.+) AS week,$/m.exec(transform)?.[1];
      const weekday = /^\s+(.+) AS weekday$/m.exec(transform)?.[1];
      expect(check, dialect.name).toContain(`OR week <> ${week}`);
      expect(check, dialect.name).toContain(`OR weekday <> ${weekday}`);
    }
    expect(sqlFor(redshiftDialect, 'selectTime')).toContain(`CAST(TO_CHAR(start_time, 'IW') AS INTEGER) AS week`);
    expect(sqlFor(duckdbDialect, 'selectTime')).toContain('CAST(EXTRACT(WEEK FROM start_time) AS INTEGER) AS week');
  });

  it('applies an override by name wherever the statement runs, with the values it is given', () => {
    const dialect: Dialect = {
      ...portableDialect,
      overrides: {
        'runs:recent': (_f, values) => `SELECT * FROM etl_runs ORDER BY run_id DESC LIMIT ${values.limit} -- mine`,
        'merge:songs:apply-1': 'DELETE FROM songs WHERE song_id IN (SELECT song_id FROM removed_songs) -- mine',
        'merge:songs:createNext': (_f, values) => `CREATE TEMP TABLE next_songs AS ${values.select} -- mine`,
      },
    };
    expect(sqlOf(dialect, runStatements.recent, { limit: 3 })).toBe('SELECT * FROM etl_runs ORDER BY run_id DESC LIMIT 3 -- mine');
    expect(sqlOf(portableDialect, runStatements.recent, { limit: 3 })).toMatch(/ORDER BY run_id DESC LIMIT 3$/);
    expect(sqlOf(portableDialect, ledgerStatements.forget[0] ?? ledgerStatements.knownFiles, { fileIds: '4, 7' })).toBe(
      'DELETE FROM staging_events WHERE source_file_id IN (4, 7)',
    );
    const songs = starTables.find((table) => table.name === 'songs');
    if (songs === undefined) throw new Error('no songs table');
    const merge = mergeStatements(dialect, songs, 'SELECT 1');
    expect(merge.apply[0]).toBe('DELETE FROM songs WHERE song_id IN (SELECT song_id FROM removed_songs) -- mine');
    expect(merge.createNext).toBe('CREATE TEMP TABLE next_songs AS SELECT 1 -- mine');
    expect(merge.apply[1]).toBe(mergeStatements(portableDialect, songs, 'SELECT 1').apply[1]);
  });
});
