/**
 * Hides passwords from `ps`: every user of the machine can read a process's command line
 * (/proc/PID/cmdline), and `--warehouse postgres://me:PASSWORD@host/db` would show there
 * for the whole run. When an argument holds a secret, the process title (which on Linux and
 * macOS overwrites that memory) becomes the command line with each secret as `***`.
 */
import { redactUrl } from '../config/redact.js';

/** An argument as `ps` may show it: a URL's password (also in `--flag=URL`) replaced. */
export function redactArgument(arg: string): string {
  const inline = /^(--?[\w-]+=)([\s\S]*)$/.exec(arg);
  return inline ? `${inline[1]}${redactUrl(inline[2] ?? '')}` : redactUrl(arg);
}

/**
 * Sets the title when, and only when, an argument needed redacting: otherwise `ps` keeps
 * showing the real command line. Returns the title set, if any.
 */
export function maskProcessTitle(args: readonly string[]): string | undefined {
  const shown = args.map(redactArgument);
  if (shown.every((arg, i) => arg === args[i])) return undefined;
  // Node keeps its own copy of argv, so commander still reads the real arguments.
  process.title = ['sparkify', ...shown].join(' ');
  return process.title;
}
