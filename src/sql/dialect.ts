/**
 * What differs in SQL text between engines: quoting, the type names and table options
 * of the schema model, a few fragments, and the statements an engine must phrase its
 * own way. Everything else is the shared SQL in src/sql/. Lives in sql/ so that shared
 * SQL can use it without importing engines/.
 */
import type { SqlFragments, SqlText } from './fragments.js';
import type { SchemaDialect } from './table-model.js';

export interface Dialect {
  readonly name: string;
  /** Quotes an identifier (table, column, schema), doubling embedded quotes. */
  quoteIdentifier(name: string): string;
  /** Quotes a string literal, for the rare statement that cannot take parameters (DDL, COPY). */
  quoteLiteral(value: string): string;
  /**
   * Statements this engine phrases differently from the shared text, by catalogue name
   * (`sparkify query --list --all` lists them; test/sql/statement-catalogue.test.ts
   * checks that every name here exists).
   */
  readonly overrides: Readonly<Record<string, SqlText>>;
  /** Fragments this engine spells differently (sql/fragments.ts); the rest are shared. */
  readonly fragments?: Partial<SqlFragments>;
  /** Type names and table options for the schema model (sql/schema.ts); default: sql/schema.ts's portable types. */
  readonly schema?: SchemaDialect;
  /**
   * Optional: the statement to run for a step whose text is embedded in a larger one
   * (a SELECT inside INSERT or CREATE TABLE AS), for settings that must surround it,
   * such as PostgreSQL's planner switches. Default: the statement as it is.
   */
  wrapStatement?(step: string, statement: string): string;
  /**
   * Optional, for an engine whose text comparisons ignore trailing blanks (Redshift):
   * an expression over a text expression that differs where such values do (its length
   * in bytes). Statements that compare text compare it too, so 'x' and 'x ' stay
   * different, as SPEC.md's rules want. Default: comparisons are exact already.
   */
  textDistinguisher?(expression: string): string;
  /**
   * Optional, for an engine whose planner needs statistics it does not keep by itself:
   * the statement that gathers them for a (temporary) table just filled, so the next
   * statements can choose index lookups for a few keys (PostgreSQL's ANALYZE).
   * Default: nothing to do.
   */
  gatherStatistics?(table: string): string;
}

/** ANSI quoting shared by DuckDB, PostgreSQL and Redshift. */
export const ansiQuoting = {
  quoteIdentifier(name: string): string {
    if (name.length === 0 || name.includes('\u0000')) {
      throw new Error('an SQL identifier must be non-empty and contain no NUL character');
    }
    return `"${name.replaceAll('"', '""')}"`;
  },
  quoteLiteral(value: string): string {
    if (value.includes('\u0000')) throw new Error('an SQL literal must contain no NUL character');
    return `'${value.replaceAll("'", "''")}'`;
  },
} as const;

/** The shared SQL as written: no override, shared fragments, portable types. */
export const portableDialect: Dialect = { name: 'portable', ...ansiQuoting, overrides: {} };
