/**
 * Picks a Source by the location's form: s3://bucket/prefix, else a local path. The
 * S3 source (and the AWS SDK behind it) is loaded only when an s3:// tree is used.
 */
import type { Source, SourceOptions } from './source.js';
import { LocalSource } from './local-source.js';

export async function openSource(location: string, options: SourceOptions = {}): Promise<Source> {
  if (location.startsWith('s3://')) {
    const { S3Source } = await import('./s3-source.js');
    return new S3Source(location, options);
  }
  return new LocalSource(location);
}
