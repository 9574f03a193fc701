/** Picks a Source by the location's form: s3://bucket/prefix, else a local path. */
import { ConfigError } from '../errors.js';
import type { Source, SourceOptions } from './source.js';
import { LocalSource } from './local-source.js';

export async function openSource(location: string, options: SourceOptions = {}): Promise<Source> {
  if (location.startsWith('s3://')) {
    void options;
    throw new ConfigError(`${location}: S3 sources are not supported yet in this version; use a local path`);
  }
  return new LocalSource(location);
}
