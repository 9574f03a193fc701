/**
 * Redshift's dialect: ANSI identifier quoting (shared with DuckDB and PostgreSQL),
 * its type names and table options (tables.ts), two fragments, the transform
 * statements it phrases differently, and the expression that makes text comparisons
 * count trailing blanks (sql/merge.ts uses it).
 * Every other statement falls back to the shared SQL in src/sql/, not to PostgreSQL's:
 * Redshift descends from PostgreSQL 8.0 and differs from today's PostgreSQL in ways a
 * borrowed override would hide.
 */
import { ansiQuoting, type Dialect } from '../dialect.js';
import type { SqlFragments, SqlText } from '../../sql/fragments.js';
import * as scoped from './scoped-transform.js';
import { redshiftSchema } from './tables.js';
import * as transform from './transform.js';

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

/** Transform statements Redshift phrases differently from the shared SQL (see transform.ts: trailing blanks). */
export const redshiftTransformOverrides: Readonly<Record<string, SqlText>> = {
  'transform:songs': transform.selectSongs,
  'transform:artists': transform.selectArtists,
  'transform:songplays': transform.selectSongplays,
  'scoped:selectScopedSongs': scoped.selectScopedSongs,
  'scoped:selectScopedArtists': scoped.selectScopedArtists,
  'scoped:selectScopedSongplays': scoped.selectScopedSongplays,
};

/**
 * - weekOf: TO_CHAR's IW is documented as the ISO-8601 week number (the time table's
 *   `week`; the time-parts-agree check uses the same fragment).
 * - secondsBetween: EXTRACT on a TIMESTAMP returns an INTEGER on Redshift, so an epoch
 *   difference would lose the milliseconds; DATEDIFF in milliseconds keeps them (the
 *   timestamps hold whole milliseconds, so counting boundaries is exact).
 */
export const redshiftFragments: Partial<SqlFragments> = {
  weekOf: (timestamp) => `CAST(TO_CHAR(${timestamp}, 'IW') AS INTEGER)`,
  secondsBetween: (earlier, later) => `CAST(DATEDIFF(millisecond, ${earlier}, ${later}) AS DOUBLE PRECISION) / 1000`,
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
