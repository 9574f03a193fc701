/** `sparkify etl`: load new or changed files into staging, then rebuild the star schema. */
import type { Command } from 'commander';
import { addOutputOptions, addSourceOptions, addWarehouseOptions, settingsFrom, type CommonFlags, type SourceFlags } from '../common-options.js';
import { demoChoice, loadWarehouse, printLoadSummary } from '../load-command.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput, toJson } from '../output.js';
import { planDryRun } from '../../pipeline/dry-run.js';
import { renderDryRun } from '../render-dry-run.js';
import { resolveSources } from '../resolve-sources.js';

export function registerEtl(program: Command): void {
  const command = program
    .command('etl')
    .description('load new or changed source files into staging and build the star schema (what etl.py did)');
  addOutputOptions(addSourceOptions(addWarehouseOptions(command)))
    .addHelpText('after', `
Only files that are new or changed since the last load are read; run it as often as you like.

Examples:
  $ sparkify etl --source ./data
  $ sparkify etl --song-data s3://my-bucket/song_data --log-data s3://my-bucket/log_data --max-errors 100
  $ sparkify etl --source ./data --dry-run          # what would be read and run; nothing changes
`)
    .option('--dry-run', 'list the files a load would read (new, changed, unchanged, with sizes) and the statements it would run; change nothing')
    .action(async (flags: CommonFlags & SourceFlags & { dryRun?: boolean }) => {
      const output = createOutput({ quiet: flags.quiet });
      const settings = settingsFrom(flags);
      const demo = demoChoice(settings, flags);
      if (flags.dryRun) {
        const sources = await resolveSources(settings, output, demo);
        const plan = await withWarehouse(settings, (engine) => planDryRun(engine, sources, flags.fullRefresh ?? false), { output, readOnly: true });
        output.data(flags.json ? toJson(plan) : renderDryRun(plan));
        return;
      }
      await withWarehouse(settings, async (engine) => {
        const result = await loadWarehouse(engine, settings, flags, output, { rebuild: false, demo });
        if (flags.json) output.data(toJson(result));
        else printLoadSummary(output, result);
      }, { output });
    });
}
