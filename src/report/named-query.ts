/**
 * What `sparkify query --list` and `sparkify query --name NAME` need from the
 * registry; the CLI command itself (src/cli/commands/query.ts) runs the SQL.
 */
import { UsageError } from '../errors.js';
import { findQuery, namedQueries } from './queries/index.js';

export interface NamedQuerySummary {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

export function listNamedQueries(): NamedQuerySummary[] {
  return namedQueries.map(({ name, title, description }) => ({ name, title, description }));
}

/** The SQL of a named query; an unknown name is a usage error that lists the known ones. */
export function namedQuerySql(name: string): string {
  const query = findQuery(name);
  if (!query) {
    const names = namedQueries.map((known) => known.name).join(', ');
    throw new UsageError(`no named query "${name}": use one of ${names} (sparkify query --list describes them)`);
  }
  return query.sql;
}
