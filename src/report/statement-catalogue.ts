/**
 * The statement catalogue's list: the name of every statement sparkify sends to a
 * warehouse, by group, for `sparkify query --list --all` and for the test that every
 * override an engine declares names a real statement. The statements themselves live
 * with their users (sql/, checks/, report/queries/); this only gathers the names.
 */
import { checkDefinitions, checkRunStatements, checkStatement } from '../checks/definitions.js';
import { bookkeepingStatements } from '../sql/bookkeeping.js';
import { portableDialect } from '../sql/dialect.js';
import { mergeStatementNames } from '../sql/merge.js';
import { createTableName, schemaTables } from '../sql/schema.js';
import { starTables } from '../sql/star-tables.js';
import { transformStatements } from '../sql/steps.js';
import { namedQueries, queryStatement } from './queries/index.js';

export interface CatalogueEntry {
  readonly name: string;
  readonly description: string;
}

export function statementCatalogue(): CatalogueEntry[] {
  return [
    ...schemaTables.map((table) => ({ name: createTableName(table), description: `creates ${table.name} (from the schema model)` })),
    ...Object.values(transformStatements).map((s) => ({ name: s.name, description: `the next contents of ${s.name.replace('transform:', '')}` })),
    ...starTables.flatMap((table) => mergeStatementNames(portableDialect, table).map((name) => ({ name, description: `merges ${table.name}'s next contents` }))),
    ...bookkeepingStatements.map((s) => ({ name: s.name, description: bookkeepingDescriptions[s.name.split(':')[0] ?? ''] ?? '' })),
    ...Object.values(checkRunStatements).map((s) => ({ name: s.name, description: 'runs a check' })),
    ...checkDefinitions.map((check) => ({ name: checkStatement(check).name, description: check.description })),
    ...namedQueries.map((query) => ({ name: queryStatement(query).name, description: query.title })),
  ];
}

const bookkeepingDescriptions: Readonly<Record<string, string>> = {
  ledger: 'the file ledger',
  runs: 'run history',
  summary: 'the summary after a load',
  table: 'any table: drop, count',
};

