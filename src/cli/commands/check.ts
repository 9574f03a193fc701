/** `sparkify check`: run the data-quality checks; exit status 1 when any fails. */
import type { Command } from 'commander';
import { runChecks } from '../../checks/run-checks.js';
import { CheckFailedError } from '../../errors.js';
import { addOutputOptions, addWarehouseOptions, settingsFrom, type CommonFlags } from '../common-options.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput, toJson } from '../output.js';
import { printChecks } from '../print-checks.js';

export function registerCheck(program: Command): void {
  const command = program.command('check').description('run the data-quality checks on the star schema');
  addOutputOptions(addWarehouseOptions(command))
    .addHelpText('after', '\nExample:\n  $ sparkify check --json | jq \'.[] | select(.passed | not)\'\n')
    .action(async (flags: CommonFlags) => {
      const output = createOutput({ quiet: flags.quiet });
      const settings = settingsFrom(flags);
      const results = await withWarehouse(settings, (engine) => runChecks(engine), { mustExist: true });
      const failed = results.filter((r) => !r.passed).length;
      if (flags.json) output.data(toJson(results));
      // --quiet prints the failures only, and nothing when every check passes.
      else if (!flags.quiet) printChecks(output, results, { verbose: true });
      else if (failed > 0) printChecks(createOutput({ quiet: false }), results);
      if (failed > 0) throw new CheckFailedError(`${failed} quality check(s) failed`);
    });
}
