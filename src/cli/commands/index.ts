/** Registers every command on the program; one line per command file. */
import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerCreateTables } from './create-tables.js';
import { registerEtl } from './etl.js';
import { registerGenerate } from './generate.js';
import { registerHistory } from './history.js';
import { registerQuery } from './query.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerInfra } from './infra.js';

export function registerCommands(program: Command): void {
  registerCreateTables(program);
  registerEtl(program);
  registerRun(program);
  registerQuery(program);
  registerCheck(program);
  registerHistory(program);
  registerReport(program);
  registerInfra(program);
  registerGenerate(program);
}
