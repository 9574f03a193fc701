/** `sparkify run`: create the tables, load, check quality (what create_tables.py + etl.py did, and more). */
import type { Command } from 'commander';
import { runChecks } from '../../checks/run-checks.js';
import { loadReportWriter } from './report.js';
import { CheckFailedError } from '../../errors.js';
import { addOutputOptions, addSourceOptions, addWarehouseOptions, settingsFrom, type CommonFlags, type SourceFlags } from '../common-options.js';
import { loadWarehouse, printLoadSummary } from '../load-command.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput, toJson } from '../output.js';
import { printChecks } from '../print-checks.js';

export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('create the tables, run the ETL and the quality checks, and write the report; with no source, on a generated demo dataset');
  addOutputOptions(addSourceOptions(addWarehouseOptions(command)))
    .option('--report <file>', 'where to write the analytics report', 'report.html')
    .option('--no-report', 'do not write the report')
    .addHelpText('after', `
Examples:
  $ sparkify run                                   # demo data into ./sparkify.duckdb
  $ sparkify run --source ../shared/data/udacity-sample
  $ sparkify run --warehouse postgres://me@localhost:5432/sparkify --source ./data --json
`)
    .action(async (flags: CommonFlags & SourceFlags & { report: string | false }) => {
      const output = createOutput({ quiet: flags.quiet });
      const settings = settingsFrom(flags);
      await withWarehouse(settings, async (engine) => {
        const result = await loadWarehouse(engine, settings, flags, output, { createTables: true });
        const checks = await runChecks(engine);
        const report = flags.report === false ? undefined : await (await loadReportWriter())(engine, flags.report);
        if (flags.json) {
          output.data(toJson({ ...result, checks, reportFile: report?.path }));
        } else {
          printLoadSummary(output, result);
          printChecks(output, checks);
          if (report) output.say(`\nreport written in ${report.seconds.toFixed(2)} s: ${report.path}`);
        }
        const failed = checks.filter((c) => !c.passed).length;
        if (failed > 0) throw new CheckFailedError(`${failed} quality check(s) failed; see above, or run \`sparkify check\``);
      }, output);
    });
}
