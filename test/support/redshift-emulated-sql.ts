/**
 * Redshift's own SQL made to run on the test PostgreSQL, as strictly as PostgreSQL
 * allows, for the Redshift emulator. Redshift's table definitions are translated, not
 * replaced by the shared ones:
 *
 * - VARCHAR(n) becomes BPCHAR: PostgreSQL's blank-padded type compares with trailing
 *   blanks insignificant ('x' = 'x ', and so EXCEPT, DISTINCT, GROUP BY, PARTITION BY,
 *   joins and IN), as Redshift's VARCHAR does, and OCTET_LENGTH still counts them, as
 *   on Redshift. So a statement that forgets trailing blanks gives Redshift's answer
 *   here, not PostgreSQL's. (Unlike Redshift, a BPCHAR cast to TEXT drops them;
 *   nothing sparkify writes casts text to text.) The declared length is kept aside for
 *   the COPY emulator, which refuses a longer value as Redshift's COPY does.
 * - PRIMARY KEY and UNIQUE are dropped: Redshift declares them and enforces neither.
 * - DISTSTYLE, DISTKEY and SORTKEY are dropped: they place rows, they change no result.
 *
 * One fragment is PostgreSQL's: PostgreSQL has no DATEDIFF, so `secondsBetween` is the
 * shared epoch difference here (the Redshift text is checked as text in
 * test/engines/redshift-statements.test.ts).
 */
import type { Dialect } from '../../src/engines/dialect.js';
import { redshiftDialect, redshiftFragments } from '../../src/engines/redshift/dialect.js';
import { sharedFragments } from '../../src/sql/fragments.js';
import { createTableName, createTableSql, schemaTables } from '../../src/sql/schema.js';

export const EMULATED_SCHEME = 'redshift-emulated';

/** Redshift DDL as the test PostgreSQL runs it (see above). */
export function emulatedTableSql(redshiftDdl: string): string {
  const translated = redshiftDdl
    .replace(/\bVARCHAR\(\d+\)/g, 'BPCHAR')
    .replace(/ PRIMARY KEY\b/g, '')
    .replace(/ UNIQUE\b/g, '')
    .replace(/\n(?:DISTSTYLE \w+|DISTKEY \(\w+\)|SORTKEY \([\w, ]+\))/g, '');
  const leftOver = /\b(?:DISTSTYLE|DISTKEY|SORTKEY|VARCHAR\(|ENCODE|IDENTITY)\b/.exec(translated);
  if (leftOver) throw new Error(`the Redshift emulator cannot translate "${leftOver[0]}" in:\n${redshiftDdl}`);
  return translated;
}

/** Declared VARCHAR sizes of a Redshift table definition, by column: COPY refuses longer values. */
export function varcharSizes(redshiftDdl: string): Map<string, number> {
  return new Map([...redshiftDdl.matchAll(/^\s+"?(\w+)"?\s+VARCHAR\((\d+)\)/gm)].map((m) => [m[1] as string, Number(m[2])]));
}

/** Redshift's own table definitions by table name, as the Redshift engine creates them. */
export const redshiftTableDefinitions: ReadonlyMap<string, string> = new Map(
  schemaTables.map((table) => [table.name, createTableSql(redshiftDialect, { enforcesPrimaryKeys: false }, table)]),
);

/** Redshift's fragments where PostgreSQL has the functions (see above). */
export const redshiftFragmentsOnPostgres = { ...redshiftFragments, secondsBetween: sharedFragments.secondsBetween };

/** The Redshift dialect, its table definitions translated for the test PostgreSQL. */
export const redshiftEmulatedDialect: Dialect = {
  ...redshiftDialect,
  name: EMULATED_SCHEME,
  fragments: redshiftFragmentsOnPostgres,
  overrides: {
    ...redshiftDialect.overrides,
    ...Object.fromEntries(schemaTables.map((table) => [createTableName(table), emulatedTableSql(redshiftTableDefinitions.get(table.name) ?? '')])),
  },
};
