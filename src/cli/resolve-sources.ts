/**
 * Which trees to load: the configured song and log data, or, when none is
 * configured, the demo dataset (generated once into ./demo-data, git-ignored).
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

export async function resolveSources(settings: Settings, output: Output): Promise<Record<StagingKind, Source>> {
  let { songData, logData } = settings;
  if (songData === undefined && logData === undefined) {
    const demo = path.resolve(DEMO_DIR);
    if (!existsSync(path.join(demo, 'log_data'))) {
      output.say(`no source given: generating a demo dataset (${DEMO_SIZE.songs} songs, ${DEMO_SIZE.events} events) into ${demo}`);
      const { generateDataset } = await import('../generate/index.js');
      await generateDataset({ outDir: demo, ...DEMO_SIZE });
    } else {
      output.say(`no source given: loading the demo dataset in ${demo}`);
    }
    songData = path.join(demo, 'song_data');
    logData = path.join(demo, 'log_data');
  }
  if (songData === undefined || logData === undefined) {
    throw new ConfigError(`give both trees: ${songData === undefined ? '--song-data' : '--log-data'} is missing (or use --source DIR)`);
  }
  const options = { region: settings.region, s3Endpoint: settings.s3Endpoint };
  return { songs: await openSource(songData, options), events: await openSource(logData, options) };
}
