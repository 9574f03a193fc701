/**
 * Redshift's dialect: ANSI identifier quoting (shared with DuckDB and PostgreSQL),
 * its type names and table options (tables.ts), its fragments, the one transform
 * part it phrases differently, and the expression that makes text comparisons count
 * trailing blanks (sql/merge.ts uses it).
 * Every other statement falls back to the shared SQL in src/sql/, not to PostgreSQL's:
 * Redshift descends from PostgreSQL 8.0 and differs from today's PostgreSQL in ways a
 * borrowed override would hide. The rest of the transform (md5, CAST AS VARCHAR, window
 * functions, CREATE TEMP TABLE AS with a WITH clause) and sql/merge.ts (EXCEPT,
 * correlated NOT EXISTS one level deep) is documented Redshift SQL; see docs/redshift.md.
 *
 * Trailing spaces. Redshift compares VARCHAR values with trailing blanks insignificant
 * ('x' = 'x ' is true; EXCEPT, DISTINCT, GROUP BY, PARTITION BY and joins follow),
 * while DuckDB and PostgreSQL compare exactly, as SPEC.md's rules do. OCTET_LENGTH
 * counts trailing blanks on a VARCHAR (as LENGTH does), so the exact-text fragments
 * pair each text comparison that decides a row with the lengths: equal ignoring
 * trailing blanks and of equal length is equal exactly; where an order picks a row, the
 * length breaks the ties Redshift sees, shorter first, as an exact comparison orders them.
 */
import { ansiQuoting, type Dialect } from '../dialect.js';
import type { SqlFragments, SqlText } from '../../sql/fragments.js';
import { smallestSongByRank, songplaysOver } from '../../sql/transform.js';
import { redshiftSchema } from './tables.js';

// A literal holds what config or the command line gave (an IAM role, an S3 path, a
// region): none of them may carry a control character.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Quotes a string literal for the few statements that cannot take parameters (COPY).
 * Quotes are doubled. A backslash is refused rather than escaped: Redshift, like the
 * PostgreSQL 8 it comes from, may read it as an escape inside '...', where today's
 * PostgreSQL does not, so no escaping is right for both; no ARN, region or staging key
 * sparkify writes needs one.
 */
export function quoteRedshiftLiteral(value: string): string {
  if (value.includes('\\')) throw new Error('a Redshift string literal here must not contain a backslash');
  if (CONTROL_CHARACTER.test(value)) throw new Error('a Redshift string literal must not contain control characters');
  return ansiQuoting.quoteLiteral(value);
}

/**
 * Transform statements Redshift phrases differently from the shared SQL: the songplays
 * statement of both paths (over all of staging, and over the staged copies of the plays
 * in scope), with a play's smallest song picked by ranking on the exact key, because
 * MIN cannot tell 'SOD' from 'SOD ' (above).
 */
export const redshiftTransformOverrides: Readonly<Record<string, SqlText>> = {
  'transform:songplays': songplaysOver('staging_events', smallestSongByRank),
  'scoped:selectScopedSongplays': songplaysOver('scope_play_events', smallestSongByRank),
};

/**
 * - weekOf: TO_CHAR's IW is documented as the ISO-8601 week number (the time table's
 *   `week`; the time-parts-agree check uses the same fragment).
 * - secondsBetween: EXTRACT on a TIMESTAMP returns an INTEGER on Redshift, so an epoch
 *   difference would lose the milliseconds; DATEDIFF in milliseconds keeps them (the
 *   timestamps hold whole milliseconds, so counting boundaries is exact).
 * - exactTextEquals, exactTextKey: the text and its OCTET_LENGTH (trailing spaces, above).
 */
export const redshiftFragments: Partial<SqlFragments> = {
  weekOf: (timestamp) => `CAST(TO_CHAR(${timestamp}, 'IW') AS INTEGER)`,
  secondsBetween: (earlier, later) => `CAST(DATEDIFF(millisecond, ${earlier}, ${later}) AS DOUBLE PRECISION) / 1000`,
  exactTextEquals: (left, right) =>
    `(${left} = ${right} AND ${redshiftTextDistinguisher(left)} = ${redshiftTextDistinguisher(right)})`,
  exactTextKey: (text) => `${text}, ${redshiftTextDistinguisher(text)}`,
};

/** OCTET_LENGTH counts a VARCHAR's trailing blanks, which Redshift's comparisons ignore. */
export function redshiftTextDistinguisher(expression: string): string {
  return `OCTET_LENGTH(${expression})`;
}

export const redshiftDialect: Dialect = {
  name: 'redshift',
  quoteIdentifier: ansiQuoting.quoteIdentifier,
  quoteLiteral: quoteRedshiftLiteral,
  overrides: redshiftTransformOverrides,
  fragments: redshiftFragments,
  schema: redshiftSchema,
  textDistinguisher: redshiftTextDistinguisher,
};
