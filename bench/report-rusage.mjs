// Preloaded into a benchmarked process: on exit, prints its peak RSS and CPU time on stderr.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeSync(2, `\n__rusage__${JSON.stringify({ maxRssMb: usage.maxRSS / 1024, userSeconds: usage.userCPUTime / 1e6, systemSeconds: usage.systemCPUTime / 1e6 })}\n`);
});
