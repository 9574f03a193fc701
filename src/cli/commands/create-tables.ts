/** `sparkify create-tables`: drop and create the staging and star tables. */
import type { Command } from 'commander';
import { createTables } from '../../pipeline/create-tables.js';
import { addOutputOptions, addWarehouseOptions, settingsFrom, type CommonFlags } from '../common-options.js';
import { defaultSettings } from '../../config/settings.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput } from '../output.js';

export function registerCreateTables(program: Command): void {
  const command = program
    .command('create-tables')
    .description('drop and create the staging and star tables (run history is kept)');
  addOutputOptions(addWarehouseOptions(command))
    .addHelpText('after', `\nExample:\n  $ sparkify create-tables --warehouse ${defaultSettings.warehouse}\n`)
    .action(async (flags: CommonFlags) => {
      const output = createOutput(flags);
      const settings = settingsFrom(flags);
      await withWarehouse(settings, async (engine) => {
        await createTables(engine, { drop: true });
        output.say(`created the staging and star tables in ${engine.describe()}`);
      }, { output });
    });
}
