/** `sparkify report`: write the listening report, one self-contained HTML file, and print its path. */
import type { Command } from 'commander';
import { addWarehouseOptions, settingsFrom, type CommonFlags } from '../common-options.js';
import { defaultSettings } from '../../config/settings.js';
import { withWarehouse } from '../open-warehouse.js';
import { createOutput } from '../output.js';

interface ReportFlags extends CommonFlags {
  out: string;
}

export function registerReport(program: Command): void {
  const command = program
    .command('report')
    .description('write the listening report: charts, top songs and data-quality results in one offline HTML file');
  addWarehouseOptions(command)
    .option('-o, --out <file>', 'where to write the HTML report', 'report.html')
    .option('-q, --quiet', 'print only the path of the report')
    .addHelpText('after', `
The file needs no network: styles and charts are inline, and there are no scripts.
Each chart shows the SQL behind it; run one yourself with \`sparkify query --name NAME\`.

Examples:
  $ sparkify report
  $ sparkify report --out reports/november.html --warehouse ${defaultSettings.warehouse}
`)
    .action(async (flags: ReportFlags) => {
      const output = createOutput({ quiet: flags.quiet });
      const settings = settingsFrom(flags);
      const written = await withWarehouse(settings, async (engine) => {
        const result = await (await loadReportWriter())(engine, flags.out);
        output.say(`built the report from ${engine.describe()} in ${result.seconds.toFixed(1)} s`);
        return result;
      }, { mustExist: true });
      output.data(written.path);
    });
}

/** The report pulls in vega and vega-lite (~0.3 s, ~35 MB): loaded only when a report is written. */
export async function loadReportWriter() {
  return (await import('../../report/write-report.js')).writeReport;
}
