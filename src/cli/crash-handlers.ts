/**
 * The last net under the CLI: an error that escapes every `try` (an 'error' event no stream
 * listened for, a promise nobody awaited) still ends in one `sparkify: …` line and exit
 * status 1, never in Node's stack trace. The stack is printed with SPARKIFY_DEBUG=1.
 */
import { hasWrittenData } from './output.js';
import { reportFailure } from './report-failure.js';

let ending = false;

function crash(error: unknown): void {
  // A second failure while ending (a stream erroring as the first one is reported) adds nothing.
  if (ending) return;
  ending = true;
  // A progress bar may be half drawn, with the cursor hidden: clear its line, show the cursor.
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K\x1b[?25h');
  // With --json the failing command's report is still owed on stdout.
  const json = process.argv.includes('--json') && !hasWrittenData();
  process.exit(reportFailure(error, { json }));
}

/**
 * A reader that stops early (`sparkify query … | head`) closes stdout: say so in one line and
 * stop, rather than fail on every later write.
 */
function outputClosed(error: NodeJS.ErrnoException): void {
  if (ending) return;
  ending = true;
  if (error.code !== 'EPIPE') reportFailure(error, { json: false });
  else process.stderr.write('sparkify: standard output was closed before everything was written (EPIPE)\n');
  process.exit(1);
}

export function installCrashHandlers(): void {
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.stdout.on('error', outputClosed);
  // Nowhere left to report a failing stderr: end with the status it deserves.
  process.stderr.on('error', () => process.exit(1));
}
