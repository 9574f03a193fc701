/** `sparkify generate`: a synthetic dataset in the real layout, for tests, benchmarks and demos. */
import type { Command } from 'commander';
import { LoadError } from '../../errors.js';
import { generateDataset, GENERATE_DEFAULTS, type GenerateSummary } from '../../generate/index.js';
import { addOutputOptions, parseCount } from '../common-options.js';
import { createOutput, toJson } from '../output.js';

interface GenerateFlags {
  out: string;
  songs: string;
  events: string;
  days: string;
  seed: string;
  startDate: string;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

const HELP_AFTER = `
Writes DIR/song_data/A/B/C/TR….json (one song per file) and
DIR/log_data/YYYY/MM/YYYY-MM-DD-events.json (one NDJSON file per day), with the
quirks of the real Sparkify files. The same seed gives the same bytes. --json prints
the counts a correct load must produce (songplays, users, time rows…).

Examples:
  $ sparkify generate --out demo-data
  $ sparkify generate --out /tmp/big --songs 100000 --events 1000000 --seed 7 --json > expected.json
`;

export function registerGenerate(program: Command): void {
  const command = program.command('generate').description('write a synthetic song and event dataset in the real layout');
  command
    .requiredOption('-o, --out <dir>', 'folder to write song_data/ and log_data/ into')
    .option('--songs <n>', 'songs in the catalogue, one file each', String(GENERATE_DEFAULTS.songs))
    .option('--events <n>', 'events over all log files', String(GENERATE_DEFAULTS.events))
    .option('--days <n>', 'days of logs, one file per day', String(GENERATE_DEFAULTS.days))
    .option('--seed <n>', 'seed of the random generator', String(GENERATE_DEFAULTS.seed))
    .option('--start-date <YYYY-MM-DD>', 'first day of logs (UTC)', GENERATE_DEFAULTS.startDate)
    .option('--force', 'replace song_data/ and log_data/ under --out if they exist');
  addOutputOptions(command)
    .addHelpText('after', HELP_AFTER)
    .action(async (flags: GenerateFlags) => {
      const output = createOutput({ quiet: flags.quiet });
      const summary = await generateDataset({
        outDir: flags.out,
        songs: parseCount(flags.songs, '--songs'),
        events: parseCount(flags.events, '--events'),
        days: parseCount(flags.days, '--days'),
        seed: parseCount(flags.seed, '--seed'),
        startDate: flags.startDate,
        overwrite: flags.force ?? false,
      }).catch((error: unknown) => {
        // A full disk or a read-only folder is the user's to fix: one line, exit 1, no stack.
        const code = (error as NodeJS.ErrnoException).code;
        if (code === undefined) throw error;
        throw new LoadError(`cannot write the dataset under ${flags.out}: ${code} (${(error as Error).message})`, { cause: error });
      });
      output.say(describe(summary, flags.out));
      if (flags.json) output.data(toJson(summary));
    });
}

function describe(summary: GenerateSummary, outDir: string): string {
  const n = (value: number): string => value.toLocaleString('en-US');
  const { expected } = summary;
  return (
    `wrote ${n(summary.songFiles)} song files and ${n(summary.logFiles)} log files ` +
    `(${n(summary.events)} events, ${(summary.bytes / 1e6).toFixed(1)} MB) to ${outDir} in ${summary.seconds.toFixed(1)} s\n` +
    `a correct load gives ${n(expected.songplays)} songplays (${n(expected.matchedSongplays)} with a song), ` +
    `${n(expected.users)} users (${n(expected.levelChangers)} changed level), ${n(expected.songs)} songs, ` +
    `${n(expected.artists)} artists, ${n(expected.distinctStartTimes)} time rows`
  );
}
