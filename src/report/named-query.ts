/**
 * What `sparkify query --list` and `sparkify query --name NAME` need from the
 * registry; the CLI command itself (src/cli/commands/query.ts) runs the SQL.
 */
import { UsageError } from '../errors.js';
import type { Dialect } from '../sql/dialect.js';
import { sqlOf } from '../sql/statement.js';
import { findQuery, namedQueries, queryStatement, type NamedQuery } from './queries/index.js';

export interface NamedQuerySummary {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

export function listNamedQueries(): NamedQuerySummary[] {
  return namedQueries.map(({ name, title, description }) => ({ name, title, description }));
}

/** A named query by name; an unknown name is a usage error that lists the known ones. */
export function namedQuery(name: string): NamedQuery {
  const query = findQuery(name);
  if (!query) {
    const names = namedQueries.map((known) => known.name).join(', ');
    throw new UsageError(`no named query "${name}": use one of ${names} (sparkify query --list describes them)`);
  }
  return query;
}

/** The SQL of a named query as the warehouse's dialect runs it (its override or fragments, if any). */
export function namedQuerySql(name: string, dialect: Dialect): string {
  return sqlOf(dialect, queryStatement(namedQuery(name)));
}
