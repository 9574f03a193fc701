/**
 * The shape of a named analytics query: one place that holds a chart's SQL, so the
 * report, `sparkify query --name` and an analyst copying it all run the same text.
 * Each is a statement of the catalogue, `query:<name>`.
 */
import type { SqlText, Statement } from '../../sql/statement.js';

export interface NamedQuery {
  /** Kebab-case name used on the command line (`sparkify query --name top-songs`). */
  readonly name: string;
  readonly title: string;
  /** One or two sentences: what a row is, and anything surprising about the figures. */
  readonly description: string;
  /**
   * Portable SQL, or SQL around the dialect's fragments (sql/fragments.ts): runs on
   * DuckDB, PostgreSQL and Redshift, takes no parameters, and names the warehouse's
   * tables (quoting "time" and "timestamp").
   */
  readonly sql: SqlText;
}

/** A named query as a statement of the catalogue. */
export function queryStatement(query: NamedQuery): Statement {
  return { name: `query:${query.name}`, sql: query.sql };
}
