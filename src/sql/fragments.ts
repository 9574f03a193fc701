/**
 * Named SQL fragments: the small expressions engines spell differently. A statement
 * that needs one takes the fragments as an argument (sql/statement.ts), so an engine
 * changes one expression in its dialect instead of copying every statement that uses
 * it. Each fragment returns an SQL expression over the SQL expressions it is given.
 */

export interface SqlFragments {
  /** The ISO-8601 week number (1-53) of a timestamp, as an INTEGER. */
  weekOf(timestamp: string): string;
  /** The day of the week of a timestamp, 0 = Sunday to 6 = Saturday, as an INTEGER. */
  weekdayOf(timestamp: string): string;
  /** Seconds from one timestamp to another (later minus earlier), fractions kept, as a DOUBLE PRECISION. */
  secondsBetween(earlier: string, later: string): string;
  /**
   * Whether two texts are equal with trailing blanks counted ('x' and 'x ' differ), as
   * SPEC.md's rules compare them: a boolean expression, for a join, a WHERE or a CASE.
   */
  exactTextEquals(left: string, right: string): string;
  /**
   * A text as a key to PARTITION BY or ORDER BY with trailing blanks counted: one or more
   * comma-separated expressions, so values differing only by trailing blanks fall apart
   * (the shorter first in an order).
   */
  exactTextKey(text: string): string;
}

/**
 * The fragments as DuckDB and PostgreSQL spell them (EXTRACT is ISO week and 0-6 from
 * Sunday on both; their text comparisons count trailing blanks already).
 */
export const sharedFragments: SqlFragments = {
  weekOf: (timestamp) => `CAST(EXTRACT(WEEK FROM ${timestamp}) AS INTEGER)`,
  weekdayOf: (timestamp) => `CAST(EXTRACT(DOW FROM ${timestamp}) AS INTEGER)`,
  secondsBetween: (earlier, later) =>
    `CAST(EXTRACT(EPOCH FROM ${later}) - EXTRACT(EPOCH FROM ${earlier}) AS DOUBLE PRECISION)`,
  exactTextEquals: (left, right) => `${left} = ${right}`,
  exactTextKey: (text) => text,
};

export type FragmentName = keyof SqlFragments;

/**
 * Values a statement's text is written with at run time, inlined as SQL text: only what
 * sparkify computed or wrote itself (a LIMIT, a list of its file ids, a table name quoted
 * by the dialect, a check's SQL), never input. Input and config are bound parameters.
 */
export type StatementValues = Readonly<Record<string, string | number>>;

/** A statement's text: plain SQL, or SQL written around the dialect's fragments (and values, for the few that take them). */
export type SqlText = string | ((fragments: SqlFragments, values: StatementValues) => string);
