/** Process entry point: runs the CLI on this process's arguments and sets the exit code. */
import { maskProcessTitle } from './process-title.js';

// First, before the rest of the CLI is even loaded: a password in the arguments is visible
// in `ps` until the title is replaced (only Node's own start-up remains).
maskProcessTitle(process.argv.slice(2));

// The AWS SDK warns on every run under Node 20 that its releases after January 2027 will
// need Node 22. The lockfile pins the SDK, so the warning tells a sparkify user nothing
// they can act on, and it would break `--quiet`. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { installCrashHandlers } = await import('./crash-handlers.js');
installCrashHandlers();
const { main } = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
