/**
 * `sparkify run`: rebuild the tables, load, check quality and write the report (what
 * create_tables.py + etl.py did, and more). The rebuild, the load, the checks and the
 * report's queries are one transaction: a failure anywhere leaves the warehouse as it was.
 */
import type { Command } from 'commander';
import { rm, rename } from 'node:fs/promises';
import path from 'node:path';
import { runChecks, type CheckResult } from '../../checks/run-checks.js';
import { injectFault } from '../../pipeline/fault-injection.js';
import { loadReportWriter } from './report.js';
import { CheckFailedError } from '../../errors.js';
import { addOutputOptions, addSourceOptions, addWarehouseOptions, settingsFrom, type CommonFlags, type SourceFlags } from '../common-options.js';
import { demoChoice, loadWarehouse, printLoadSummary } from '../load-command.js';
import { defaultSettings } from '../../config/settings.js';
import { otherWarehouseExample } from '../../engines/registry.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput, toJson } from '../output.js';
import { printChecks } from '../print-checks.js';

export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('rebuild the tables, run the ETL and the quality checks, and write the report, all or nothing; with no source, on a generated demo dataset');
  addOutputOptions(addSourceOptions(addWarehouseOptions(command)))
    .option('--report <file>', 'where to write the analytics report', 'report.html')
    .option('--no-report', 'do not write the report')
    .addHelpText('after', `
Until the new load commits, every table keeps what it held: a failure leaves the warehouse as it was.
With no source, the demo dataset goes only into an empty warehouse or one holding demo data (--demo insists).

Examples:
  $ sparkify run                                   # demo data into ${defaultSettings.warehouse}
  $ sparkify run --source ../shared/data/udacity-sample
  $ sparkify run --warehouse ${otherWarehouseExample()} --source ./data --json
`)
    .action(async (flags: CommonFlags & SourceFlags & { report: string | false }) => {
      const output = createOutput({ quiet: flags.quiet });
      const settings = settingsFrom(flags);
      const demo = demoChoice(settings, flags);
      const reportFile = flags.report === false ? undefined : path.resolve(flags.report);
      // Built inside the load's transaction, put in place only once it has committed.
      const pending = reportFile && `${reportFile}.${process.pid}.pending`;
      let checks: CheckResult[] = [];
      let reportSeconds = 0;
      try {
        await withWarehouse(settings, async (engine) => {
          const result = await loadWarehouse(engine, settings, flags, output, {
            rebuild: true,
            demo,
            beforeCommit: async () => {
              checks = await runChecks(engine);
              injectFault('checks');
              if (pending) reportSeconds = (await (await loadReportWriter())(engine, pending)).seconds;
              injectFault('report');
            },
          });
          if (reportFile && pending) await rename(pending, reportFile);
          if (flags.json) {
            output.data(toJson({ ...result, checks, reportFile }));
          } else {
            printLoadSummary(output, result);
            printChecks(output, checks);
            if (reportFile) output.say(`\nreport written in ${reportSeconds.toFixed(2)} s: ${reportFile}`);
          }
          const failed = checks.filter((c) => !c.passed).length;
          if (failed > 0) throw new CheckFailedError(`${failed} quality check(s) failed; see above, or run \`sparkify check\``);
        }, { output });
      } finally {
        if (pending) await rm(pending, { force: true });
      }
    });
}
