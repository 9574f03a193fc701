/**
 * The `sparkify` command line: one commander program, one file per command under
 * commands/. The CLI parses flags, calls the pipeline, renders output; it holds no SQL.
 */
import { Command, CommanderError } from 'commander';
import { exitCodeOf, SparkifyError } from '../errors.js';
import { registerCommands } from './commands/index.js';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('sparkify')
    .description('Load song and event JSON into a star schema on DuckDB, PostgreSQL or Redshift.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)');
  await registerCommands(program, argv);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; usage mistakes with 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof SparkifyError) {
      process.stderr.write(`sparkify: ${error.message}\n`);
    } else {
      process.stderr.write(`sparkify: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return exitCodeOf(error);
  }
}
