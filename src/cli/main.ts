/**
 * The `sparkify` command line: one commander program, one file per command under
 * commands/. The CLI parses flags, calls the pipeline, renders output; it holds no SQL.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { engineTitles } from '../engines/registry.js';
import { UsageError } from '../errors.js';
import { registerCommands } from './commands/index.js';
import { hasWrittenData, resetDataWritten } from './output.js';
import { reportFailure } from './report-failure.js';

/** Commander codes that end a successful run: --help, --version. */
const successCodes = new Set(['commander.helpDisplayed', 'commander.version']);

/** The version in package.json; src/cli and dist/cli are both two folders below it. */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export async function main(argv: readonly string[]): Promise<number> {
  resetDataWritten();
  const program = new Command('sparkify')
    .description(`Load song and event JSON into a star schema on ${engineTitles()}.`)
    .version(packageVersion(), '-V, --version', 'print the version of sparkify')
    .exitOverride()
    // Commander's own error text ("error: …" and a hint on a second line) is replaced by
    // the one `sparkify: …` line every failure prints; see the catch below.
    .configureOutput({ writeErr: (text) => process.stderr.write(text), outputError: () => undefined });
  // The command whose action runs, for --json on failure; set before the action starts.
  let running: Command | undefined;
  program.hook('preAction', (_program, actionCommand) => {
    running = actionCommand;
  });
  await registerCommands(program, argv);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (successCodes.has(error.code)) return 0;
      // No command given: commander has printed the help; the failure line ends it.
      if (error.code === 'commander.help') {
        return reportFailure(new UsageError('no command given: choose one of the commands listed above'), { json: false });
      }
      const message = `${error.message.replace(/^error: /, '')} (run with --help for usage)`;
      return reportFailure(new UsageError(message), { json: wantsJson(program, running, argv) });
    }
    return reportFailure(error, { json: wantsJson(program, running, argv) });
  }
}

/**
 * Whether the failed command was asked for JSON: its parsed --json, or, when parsing itself
 * failed, a --json before any `--` given to a command (or subcommand) that has that flag.
 */
function wantsJson(program: Command, running: Command | undefined, argv: readonly string[]): boolean {
  // A command that printed its JSON report before failing (a failed check) has said it all.
  if (hasWrittenData()) return false;
  if (running) return running.opts().json === true;
  const end = argv.indexOf('--');
  const words = end === -1 ? argv : argv.slice(0, end);
  if (!words.includes('--json')) return false;
  let command: Command | undefined = program;
  for (const word of words) {
    const sub: Command | undefined = command.commands.find((c) => c.name() === word);
    if (!sub) break;
    command = sub;
  }
  return command.options.some((option) => option.long === '--json');
}
