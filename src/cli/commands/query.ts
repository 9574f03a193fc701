/** `sparkify query "SQL"`: run one statement against the warehouse and print the rows. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { addWarehouseOptions, settingsFrom, type CommonFlags } from '../common-options.js';
import { formats, type Format } from '../format-rows.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput } from '../output.js';

interface QueryFlags extends CommonFlags {
  format: string;
}

export function registerQuery(program: Command): void {
  const command = program
    .command('query')
    .description('run one SQL statement against the warehouse and print the result')
    .argument('[sql]', 'the statement to run');
  addWarehouseOptions(command)
    .option('-f, --format <format>', 'table, json (one array of row objects) or csv', 'table')
    .addHelpText('after', `
Examples:
  $ sparkify query "SELECT level, COUNT(*) AS plays FROM songplays GROUP BY level"
  $ sparkify query "SELECT * FROM users LIMIT 5" --format json
`)
    .action(async (sql: string | undefined, flags: QueryFlags) => {
      if (!(flags.format in formats)) throw new UsageError(`--format must be table, json or csv, not "${flags.format}"`);
      if (sql === undefined || sql.trim() === '') throw new UsageError('give the SQL to run, e.g. sparkify query "SELECT COUNT(*) FROM songplays"');
      const settings = settingsFrom(flags);
      const rows = await withWarehouse(settings, (engine) => engine.query(sql));
      createOutput({}).data(formats[flags.format as Format](rows));
    });
}
