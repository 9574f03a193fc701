/**
 * A statement of the catalogue: a name and its shared text. The text is plain SQL, or
 * SQL written around the dialect's fragments (sql/fragments.ts). An engine overrides a
 * statement by naming it in `Dialect.overrides`; `sqlOf` is the one way any statement
 * is looked up, so an override applies wherever the statement runs.
 */
import type { Dialect } from './dialect.js';
import { sharedFragments, type SqlFragments, type SqlText, type StatementValues } from './fragments.js';

export type { SqlText, StatementValues } from './fragments.js';

export interface Statement {
  /** The catalogue name: `<group>:<name>` (create-table:songs, check:time-parts-agree, query:top-songs, ...). */
  readonly name: string;
  readonly sql: SqlText;
}

/** The dialect's fragments: its own where it has them, the shared ones elsewhere. */
export function fragmentsOf(dialect: Dialect): SqlFragments {
  return { ...sharedFragments, ...dialect.fragments };
}

/** A statement's text for a dialect: its override, else the shared text, with the dialect's fragments. */
export function sqlOf(dialect: Dialect, statement: Statement, values: StatementValues = {}): string {
  const text = dialect.overrides[statement.name] ?? statement.sql;
  return typeof text === 'string' ? text : text(fragmentsOf(dialect), values);
}

/** A statement's shared text with the shared fragments: what the catalogue holds before any engine's override. */
export function sharedSqlOf(statement: Statement, values: StatementValues = {}): string {
  return typeof statement.sql === 'string' ? statement.sql : statement.sql(sharedFragments, values);
}
