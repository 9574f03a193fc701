/**
 * Which trees to load: the configured song and log data, or the demo dataset
 * (generated once into ./demo-data, git-ignored) when none is configured or `--demo`
 * asks for it. Whether the demo may go into the warehouse is load-command.ts's call.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import type { StagingKind } from '../records/staging-record.js';
import { openSource } from '../sources/open-source.js';
import type { Source } from '../sources/source.js';
import type { Output } from './output.js';

export const DEMO_DIR = 'demo-data';
const DEMO_SIZE = { songs: 5_000, events: 50_000, days: 30, seed: 42 } as const;

/** True when flags, environment or dwh.cfg name a song or log tree. */
export function sourceConfigured(settings: Settings): boolean {
  return settings.songData !== undefined || settings.logData !== undefined;
}

/**
 * What `etl_runs.source` said for a demo load before demo loads were marked (the
 * unmarked label of this folder's demo trees), so such a warehouse still counts as demo.
 */
export function unmarkedDemoLabel(): string {
  const demo = path.resolve(DEMO_DIR);
  return `songs: ${path.join(demo, 'song_data')}; events: ${path.join(demo, 'log_data')}`;
}

/** Why the demo dataset is loaded, as the message says it; false: the configured trees. */
export type DemoChoice = false | 'no source given' | '--demo';

export async function resolveSources(settings: Settings, output: Output, demoChoice: DemoChoice): Promise<Record<StagingKind, Source>> {
  let { songData, logData } = settings;
  if (demoChoice !== false) {
    const demo = path.resolve(DEMO_DIR);
    const why = demoChoice;
    if (!existsSync(path.join(demo, 'log_data'))) {
      output.say(`${why}: generating a demo dataset (${DEMO_SIZE.songs} songs, ${DEMO_SIZE.events} events) into ${demo}`);
      const { generateDataset } = await import('../generate/index.js');
      await generateDataset({ outDir: demo, ...DEMO_SIZE });
    } else {
      output.say(`${why}: loading the demo dataset in ${demo}`);
    }
    songData = path.join(demo, 'song_data');
    logData = path.join(demo, 'log_data');
  }
  if (songData === undefined || logData === undefined) {
    throw new ConfigError(`give both trees: ${songData === undefined ? '--song-data' : '--log-data'} is missing (or use --source DIR)`);
  }
  const sourceOptions = { region: settings.region, s3Endpoint: settings.s3Endpoint };
  return { songs: await openSource(songData, sourceOptions), events: await openSource(logData, sourceOptions) };
}
