/**
 * Where output goes: data to stdout, talk to stderr. `--quiet` silences talk;
 * errors are printed by main.ts whatever the flags.
 */
import { stringify } from 'lossless-json';

export interface Output {
  /** Progress and summaries for a person, on stderr. */
  say(text: string): void;
  /** Results (rows, JSON reports), on stdout. */
  data(text: string): void;
  readonly quiet: boolean;
  readonly isTerminal: boolean;
}

let dataWritten = false;

/**
 * Whether a command has written results to stdout since `resetDataWritten`: with --json,
 * that is its JSON report, and a failure after it (a failed check) must not add a second.
 */
export function hasWrittenData(): boolean {
  return dataWritten;
}

export function markDataWritten(): void {
  dataWritten = true;
}

export function resetDataWritten(): void {
  dataWritten = false;
}

export function createOutput(options: { quiet?: boolean }): Output {
  const quiet = options.quiet ?? false;
  return {
    quiet,
    isTerminal: Boolean(process.stderr.isTTY),
    say: (text) => {
      if (!quiet) process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    data: (text) => {
      markDataWritten();
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}

/**
 * JSON with Dates as ISO-8601 UTC strings, and an id past 2^53 (a bigint in a Row) as
 * its exact digits, a JSON number, where JSON.stringify would throw.
 */
export function toJson(value: unknown, indent: number | undefined = 2): string {
  return stringify(value, undefined, indent) ?? 'null';
}
