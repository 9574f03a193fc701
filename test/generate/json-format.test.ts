/**
 * Byte-for-byte style: the formatting primitives reproduce the real sample's files
 * exactly, and every generated file is what those primitives make of its own content.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Artist, Song } from '../../src/generate/catalogue.js';
import { generateDataset } from '../../src/generate/index.js';
import { logJsonString, pythonFloat, pythonJsonString, songFileText } from '../../src/generate/json-format.js';
import { sampleAvailable, sampleRoot } from '../support/sample-data.js';
import { makeTempDir } from '../support/temp-dir.js';
import { type EventRecord, listFiles, readDataset, type SongRecord } from './dataset-reader.js';

const temp = makeTempDir('generate-format');
afterAll(() => temp.remove());

/** The song file text songFileText makes of a parsed record. */
function songText(record: SongRecord): string {
  const place = { location: record.artist_location, latitude: record.artist_latitude, longitude: record.artist_longitude };
  const artist: Artist = { id: record.artist_id, name: record.artist_name, place };
  const song: Song = { trackId: 'TRAAAAA12000000000', songId: record.song_id, artist: 0, title: record.title, duration: record.duration, year: record.year, place };
  return songFileText(song, artist);
}

/** A log line in the real style, from a parsed record: floats for length and registration. */
function logLine(record: EventRecord): string {
  const fields = Object.entries(record).map(([key, value]: [string, unknown]) => {
    let text: string;
    if (value === null) text = 'null';
    else if (typeof value === 'string') text = logJsonString(value);
    else if (key === 'length' || key === 'registration') text = pythonFloat(value as number);
    else text = String(value);
    return `"${key}":${text}`;
  });
  return `{${fields.join(',')}}`;
}

describe('JSON formatting primitives', () => {
  it('write floats as Python repr does', () => {
    expect(pythonFloat(245.21098)).toBe('245.21098');
    expect(pythonFloat(270)).toBe('270.0');
    expect(pythonFloat(1540919166796)).toBe('1540919166796.0');
    expect(pythonFloat(-0.12714)).toBe('-0.12714');
    expect(pythonFloat(0.00001)).toBe('1e-05');
    expect(pythonFloat(1.5e-7)).toBe('1.5e-07');
    expect(pythonFloat(1e16)).toBe('1e+16');
  });

  it('escape strings as json.dumps does, and slashes too in the logs', () => {
    expect(pythonJsonString('Clementina Santafè')).toBe('"Clementina Santaf\\u00e8"');
    expect(pythonJsonString('¿Dónde?')).toBe('"\\u00bfD\\u00f3nde?"');
    expect(pythonJsonString('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(pythonJsonString('a/b')).toBe('"a/b"');
    expect(pythonJsonString('\u{1F3B5}')).toBe('"\\ud83c\\udfb5"');
    expect(logJsonString('"Mozilla/5.0"')).toBe('"\\"Mozilla\\/5.0\\""');
  });
});

describe('against the real sample', () => {
  // sample-data.ts says why when the sample is absent.
  it.skipIf(!sampleAvailable)('reproduces every real song file and log line', () => {
    const files = listFiles(sampleRoot);
    for (const relative of files.filter((file) => file.startsWith('song_data/'))) {
      const raw = readFileSync(path.join(sampleRoot, relative), 'utf8');
      expect(songText(JSON.parse(raw) as SongRecord), relative).toBe(raw);
    }
    let lines = 0;
    for (const relative of files.filter((file) => file.startsWith('log_data/'))) {
      for (const line of readFileSync(path.join(sampleRoot, relative), 'utf8').split('\n')) {
        if (line === '') continue;
        expect(logLine(JSON.parse(line) as EventRecord)).toBe(line);
        lines++;
      }
    }
    expect(lines).toBe(8056);
  });
});

describe('generated files', () => {
  it('are exactly what the real style makes of their content', async () => {
    const dir = path.join(temp.path, 'style');
    await generateDataset({ outDir: dir, songs: 120, events: 1500, days: 3, seed: 5 });
    const data = readDataset(dir);
    for (const [k, file] of data.songFiles.entries()) expect(songText(data.songs[k] as SongRecord), file.relative).toBe(file.raw);
    for (const file of data.logFiles) {
      for (const line of file.raw.split('\n')) if (line !== '') expect(logLine(JSON.parse(line) as EventRecord)).toBe(line);
    }
  });
});
