/** `sparkify query "SQL"`: run one statement (or a named analytics query) and print the rows. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { listNamedQueries, namedQuery, namedQuerySql } from '../../report/named-query.js';
import { statementCatalogue } from '../../report/statement-catalogue.js';
import { countStatements } from '../count-statements.js';
import { addWarehouseOptions, settingsFrom, type CommonFlags } from '../common-options.js';
import { formats, formatTable, type Format } from '../format-rows.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput } from '../output.js';

interface QueryFlags extends CommonFlags {
  format: string;
  name?: string;
  list?: boolean;
  all?: boolean;
}

export function registerQuery(program: Command): void {
  const command = program
    .command('query')
    .description('run one SQL statement, or a named analytics query, against the warehouse and print the result')
    .argument('[sql]', 'the statement to run');
  addWarehouseOptions(command)
    .option('-f, --format <format>', 'table, json (one array of row objects) or csv', 'table')
    .option('-n, --name <name>', "run one of the report's named queries (see --list)")
    .option('-l, --list', 'list the named queries')
    .option('--all', 'with --list: every statement sparkify sends (tables, transform, merge, ledger, runs, checks, queries), by catalogue name')
    .addHelpText('after', `
Examples:
  $ sparkify query "SELECT level, COUNT(*) AS plays FROM songplays GROUP BY level"
  $ sparkify query "SELECT * FROM users LIMIT 5" --format json
  $ sparkify query --name top-songs --format csv
  $ sparkify query --list --all
`)
    .action(async (sql: string | undefined, flags: QueryFlags) => {
      const output = createOutput({});
      if (!(flags.format in formats)) throw new UsageError(`--format must be table, json or csv, not "${flags.format}"`);
      if (flags.list && flags.all) {
        const all = statementCatalogue().map(({ name, description }) => ({ name, description }));
        output.data(flags.format === 'table' ? formatTable(all) : formats[flags.format as Format](all));
        return;
      }
      if (flags.list) {
        const named = listNamedQueries().map(({ name, title, description }) => ({ name, title, description }));
        output.data(flags.format === 'table' ? formatTable(named) : formats[flags.format as Format](named));
        return;
      }
      if (flags.name !== undefined && sql !== undefined) throw new UsageError('give either SQL or --name, not both');
      const name = flags.name;
      if (name !== undefined) {
        namedQuery(name); // an unknown name is refused before the warehouse opens
      } else if (sql === undefined || sql.trim() === '') {
        throw new UsageError('give the SQL to run, e.g. sparkify query "SELECT COUNT(*) FROM songplays", or --name (see --list)');
      } else {
        const statements = countStatements(sql);
        if (statements > 1) {
          // Engines disagree on a script (the last result, or all of them): refuse it on every one.
          throw new UsageError(`query runs one statement; this text holds ${statements} (separated by ;): run them one at a time`);
        }
      }
      const settings = settingsFrom(flags);
      // A named query is written for the warehouse's dialect (its fragments or override).
      const statementFor = (dialect: Parameters<typeof namedQuerySql>[1]) => (name !== undefined ? namedQuerySql(name, dialect) : (sql ?? ''));
      const rows = await withWarehouse(settings, (engine) => engine.query(statementFor(engine.dialect)), { mustExist: true });
      output.data(formats[flags.format as Format](rows));
    });
}
