/** Same seed, same bytes; another seed, another dataset; the catalogue does not depend on the events. */
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/generate/index.js';
import { makeTempDir } from '../support/temp-dir.js';
import { treeHash } from './dataset-reader.js';

const temp = makeTempDir('generate-seed');
afterAll(() => temp.remove());

const options = { songs: 150, events: 2000, days: 5, startDate: '2018-11-01' };

describe('generateDataset determinism', () => {
  it('writes identical trees for the same seed and different ones for another seed', async () => {
    const first = await generateDataset({ ...options, outDir: `${temp.path}/a`, seed: 11 });
    const second = await generateDataset({ ...options, outDir: `${temp.path}/b`, seed: 11 });
    await generateDataset({ ...options, outDir: `${temp.path}/c`, seed: 12 });

    expect(treeHash(`${temp.path}/a`)).toBe(treeHash(`${temp.path}/b`));
    expect(treeHash(`${temp.path}/a`)).not.toBe(treeHash(`${temp.path}/c`));
    expect(second.expected).toEqual(first.expected);
    expect(second.bytes).toBe(first.bytes);
  });

  it('keeps the same catalogue when only the number of events changes', async () => {
    await generateDataset({ ...options, outDir: `${temp.path}/d`, seed: 11, events: 500 });
    await generateDataset({ ...options, outDir: `${temp.path}/e`, seed: 11, events: 900 });
    expect(treeHash(`${temp.path}/d/song_data`)).toBe(treeHash(`${temp.path}/e/song_data`));
    expect(treeHash(`${temp.path}/d/log_data`)).not.toBe(treeHash(`${temp.path}/e/log_data`));
  });
});
