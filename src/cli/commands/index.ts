/** Registers every command on the program; one line per command file. */
import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerCreateTables } from './create-tables.js';
import { registerEtl } from './etl.js';
import { registerGenerate } from './generate.js';
import { registerHistory } from './history.js';
import { INFRA_DESCRIPTION } from './infra-description.js';
import { registerQuery } from './query.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';

/**
 * `argv` decides one thing: `infra` pulls in five AWS SDK clients (about 110 MB and a
 * few hundred ms at start-up), so its full definition loads only when it is the
 * command being run; otherwise a stub keeps it listed in `sparkify --help`.
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  registerCreateTables(program);
  registerEtl(program);
  registerRun(program);
  registerQuery(program);
  registerCheck(program);
  registerHistory(program);
  registerReport(program);
  if (argv[0] === 'infra') {
    (await import('./infra.js')).registerInfra(program);
  } else {
    program.command('infra').description(INFRA_DESCRIPTION);
  }
  registerGenerate(program);
}
