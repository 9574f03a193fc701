/**
 * The shape of a named analytics query: one place that holds a chart's SQL, so the
 * report, `sparkify query --name` and an analyst copying it all run the same text.
 */

export interface NamedQuery {
  /** Kebab-case name used on the command line (`sparkify query --name top-songs`). */
  readonly name: string;
  readonly title: string;
  /** One or two sentences: what a row is, and anything surprising about the figures. */
  readonly description: string;
  /**
   * Portable SQL: runs unchanged on DuckDB, PostgreSQL and Redshift, takes no
   * parameters, and names the warehouse's tables (quoting "time" and "timestamp").
   */
  readonly sql: string;
}
