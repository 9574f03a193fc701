/** `sparkify history`: the most recent loads from the etl_runs table. */
import type { Command } from 'commander';
import { recentRuns } from '../../pipeline/run-history.js';
import { addOutputOptions, addWarehouseOptions, parseCount, settingsFrom, type CommonFlags } from '../common-options.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput, toJson } from '../output.js';
import { formatTable } from '../format-rows.js';

export function registerHistory(program: Command): void {
  const command = program.command('history').description('list recent ETL runs');
  addOutputOptions(addWarehouseOptions(command))
    .option('-n, --limit <n>', 'how many runs', '10')
    .addHelpText('after', '\nExample:\n  $ sparkify history --limit 5\n')
    .action(async (flags: CommonFlags & { limit: string }) => {
      const output = createOutput({ quiet: false });
      const limit = parseCount(flags.limit, '--limit') ?? 10;
      const settings = settingsFrom(flags);
      const runs = await withWarehouse(settings, (engine) => recentRuns(engine, limit), { mustExist: true });
      if (flags.json) {
        output.data(toJson(runs.map((run) => ({ ...run, table_changes: run.table_changes ? JSON.parse(run.table_changes) : null }))));
        return;
      }
      if (runs.length === 0) {
        output.say('no runs yet: run `sparkify etl`');
        return;
      }
      output.data(formatTable(runs.map(({ table_changes: _changes, ...run }) => run)));
    });
}
