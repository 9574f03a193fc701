/** The generated dataset: layout, format, quirks, realism, and expected counts checked by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, type GenerateSummary } from '../../src/generate/index.js';
import { makeTempDir } from '../support/temp-dir.js';
import { applySpecRules, type Dataset, type EventRecord, readDataset } from './dataset-reader.js';

const SONG_KEYS = ['num_songs', 'artist_id', 'artist_latitude', 'artist_longitude', 'artist_location', 'artist_name', 'song_id', 'title', 'duration', 'year'];
const EVENT_KEYS = [
  'artist', 'auth', 'firstName', 'gender', 'itemInSession', 'lastName', 'length', 'level', 'location',
  'method', 'page', 'registration', 'sessionId', 'song', 'status', 'ts', 'userAgent', 'userId',
];
const DAY_MS = 86_400_000;

const temp = makeTempDir('generate');
afterAll(() => temp.remove());

describe('generateDataset (400 songs, 4000 events over 7 days)', () => {
  let summary: GenerateSummary;
  let data: Dataset;

  beforeAll(async () => {
    summary = await generateDataset({ outDir: temp.path, songs: 400, events: 4000, days: 7, seed: 7, startDate: '2018-11-01' });
    data = readDataset(temp.path);
  });

  it('summarises what it wrote', () => {
    expect(summary).toMatchObject({ songFiles: 400, logFiles: 7, events: 4000, songs: 400 });
    expect(data.songFiles).toHaveLength(400);
    expect(data.logFiles).toHaveLength(7);
    expect(summary.bytes).toBe(data.bytes);
  });

  it('lays song files out as song_data/A/B/C/TRABC….json with real-looking ids', () => {
    for (const file of data.songFiles) {
      const match = /^song_data\/([A-Z])\/([A-Z])\/([A-Z])\/(TR[A-Z0-9]{16})\.json$/.exec(file.relative);
      expect(match, file.relative).not.toBeNull();
      const [, a, b, c, trackId] = match as RegExpExecArray;
      expect(trackId?.slice(2, 5)).toBe(`${a}${b}${c}`);
    }
    for (const song of data.songs) {
      expect(song.song_id).toMatch(/^SO[A-Z0-9]{16}$/);
      expect(song.artist_id).toMatch(/^AR[A-Z0-9]{16}$/);
    }
    expect(new Set(data.songs.map((song) => song.artist_id)).size).toBeLessThan(data.songs.length / 2);
  });

  it('writes one Python-style JSON object per song file, keys in the real order', () => {
    for (const file of data.songFiles) {
      expect(file.raw).not.toContain('\n');
      expect(file.raw).toMatch(/^\{"num_songs": 1, "artist_id": "AR/);
      expect(file.raw).toMatch(/^[\x20-\x7e]*$/);
      const record = JSON.parse(file.raw) as object;
      expect(Object.keys(record)).toEqual(SONG_KEYS);
      expect(file.raw).toMatch(/"duration": \d+\.\d+, "year": \d+\}$/);
    }
  });

  it('writes one NDJSON log file per UTC day, sorted by ts, keys in the real order', () => {
    expect(data.logFiles.map((file) => file.relative)).toEqual(
      Array.from({ length: 7 }, (_, day) => `log_data/2018/11/2018-11-0${day + 1}-events.json`),
    );
    for (const [day, file] of data.logFiles.entries()) {
      const dayStart = Date.UTC(2018, 10, 1 + day);
      const records = file.raw.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as EventRecord);
      expect(records.length).toBeGreaterThan(0);
      expect(file.raw.endsWith('\n')).toBe(false);
      for (const record of records) {
        expect(Object.keys(record)).toEqual(EVENT_KEYS);
        expect(record.ts).toBeGreaterThanOrEqual(dayStart);
        expect(record.ts).toBeLessThan(dayStart + DAY_MS);
      }
      const times = records.map((record) => record.ts);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
  });

  it('carries the quirks of the real files', () => {
    const raw = data.logFiles.map((file) => file.raw).join('\n');
    expect(data.songs.some((song) => song.year === 0)).toBe(true);
    expect(data.songs.some((song) => song.artist_location === '')).toBe(true);
    expect(data.songs.some((song) => song.artist_latitude === null && song.artist_longitude === null)).toBe(true);
    expect(data.songFiles.some((file) => /\\u00[0-9a-f]{2}/.test(file.raw))).toBe(true);
    expect(data.events.some((event) => event.userId === '' && event.firstName === null && event.auth === 'Logged Out')).toBe(true);
    expect(data.events.every((event) => typeof event.userId === 'string' && /^(\d+)?$/.test(event.userId))).toBe(true);
    expect(raw).toContain('"userAgent":"\\"Mozilla\\/5.0 (');
    expect(raw).toContain('"userAgent":"Mozilla\\/5.0 (');
    expect(raw).not.toMatch(/[^\\]\//);
    expect(raw).toMatch(/^[\x20-\x7e\n]*$/);
    expect(raw).toMatch(/\\u00[0-9a-f]{2}/);
    expect(raw).toMatch(/"registration":\d{13}\.0,/);
    expect(data.blankLines).toBeGreaterThan(0);
    expect(summary.expected.blankLines).toBe(data.blankLines);
  });

  it('mimics the real value mix', () => {
    const share = (test: (event: EventRecord) => boolean): number => data.events.filter(test).length / data.events.length;
    expect(share((event) => event.page === 'NextSong')).toBeGreaterThan(0.75);
    for (const page of ['Home', 'Logout', 'Login', 'Settings', 'Help', 'Downgrade']) {
      expect(data.events.some((event) => event.page === page), page).toBe(true);
    }
    for (const event of data.events) {
      const expected = event.page === 'NextSong' ? ['PUT', 200] : event.page === 'Error' ? ['GET', 404] : null;
      if (expected) expect([event.method, event.status]).toEqual(expected);
      if (event.page === 'NextSong') expect(event.length).toBeTypeOf('number');
      else expect([event.song, event.artist, event.length]).toEqual([null, null, null]);
    }
    expect(new Set(data.events.map((event) => event.level))).toEqual(new Set(['free', 'paid']));
    expect(summary.expected.levelChangers).toBeGreaterThan(0);
  });

  it('gives plays a Zipf-like popularity', () => {
    const counts = new Map<string, number>();
    for (const event of data.events) if (event.page === 'NextSong') counts.set(`${event.song}|${event.artist}`, (counts.get(`${event.song}|${event.artist}`) ?? 0) + 1);
    const sorted = [...counts.values()].sort((x, y) => y - x);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    expect(sorted[0]).toBeGreaterThan(10 * median);
  });

  it('keeps sessions well formed and natural keys unique', () => {
    const keys = new Set(data.events.map((event) => `${event.sessionId}|${event.itemInSession}|${event.userId}|${event.ts}`));
    expect(keys.size).toBe(data.events.length);
    const sessions = new Map<number, EventRecord[]>();
    for (const event of data.events) sessions.set(event.sessionId, [...(sessions.get(event.sessionId) ?? []), event]);
    for (const events of sessions.values()) {
      events.sort((x, y) => x.itemInSession - y.itemInSession);
      expect(events.map((event) => event.itemInSession)).toEqual(events.map((_, item) => item));
      for (let k = 1; k < events.length; k++) expect((events[k] as EventRecord).ts).toBeGreaterThanOrEqual((events[k - 1] as EventRecord).ts);
      // One user per session, apart from its logged-out stretches.
      expect(new Set(events.map((event) => event.userId).filter((id) => id !== '')).size).toBeLessThanOrEqual(1);
    }
    const people = new Map<string, Set<string>>();
    for (const event of data.events) {
      if (event.userId === '') continue;
      const person = JSON.stringify([event.firstName, event.lastName, event.gender, event.location, event.userAgent, event.registration]);
      people.set(event.userId, (people.get(event.userId) ?? new Set()).add(person));
    }
    for (const seen of people.values()) expect(seen.size).toBe(1);
  });

  it('reports expected counts that SPEC rules applied by hand confirm', () => {
    const byHand = applySpecRules(data);
    expect(summary.expected).toEqual(byHand);
    expect(byHand.events).toBe(4000);
    // About 3 % of plays are of songs outside the catalogue, and stay unmatched.
    const unmatched = 1 - byHand.matchedSongplays / byHand.songplays;
    expect(unmatched).toBeGreaterThan(0.005);
    expect(unmatched).toBeLessThan(0.08);
  });
});

describe('generateDataset at the default size (measures nothing, checks counts at volume)', () => {
  it('matches SPEC rules applied by hand for 5000 songs and 50000 events', async () => {
    const dir = `${temp.path}/default`;
    const summary = await generateDataset({ outDir: dir });
    const data = readDataset(dir);
    expect(summary).toMatchObject({ songFiles: 5000, logFiles: 30, events: 50_000 });
    expect(summary.expected).toEqual(applySpecRules(data));
    expect(summary.expected.users).toBeGreaterThan(300);
    expect(summary.expected.distinctSongsPlayed).toBeLessThanOrEqual(summary.expected.songs);
    expect(summary.expected.artistsWithConflictingRecords).toBeGreaterThan(0);
  });
});

describe('generateDataset edge cases', () => {
  it('writes an empty catalogue and a log of unmatched plays', async () => {
    const dir = `${temp.path}/no-songs`;
    const summary = await generateDataset({ outDir: dir, songs: 0, events: 300, days: 2, seed: 3 });
    expect(summary.expected).toMatchObject({ songs: 0, artists: 0, events: 300, matchedSongplays: 0 });
    expect(summary.expected).toEqual(applySpecRules(readDataset(dir)));
  });

  it('writes empty day files when there are no events', async () => {
    const dir = `${temp.path}/no-events`;
    const summary = await generateDataset({ outDir: dir, songs: 5, events: 0, days: 3, seed: 3 });
    const data = readDataset(dir);
    expect(summary.expected).toMatchObject({ events: 0, songplays: 0, users: 0 });
    expect(data.logFiles.map((file) => file.raw)).toEqual(['', '', '']);
  });

  it('refuses to mix with an earlier dataset unless told to replace it', async () => {
    const dir = `${temp.path}/twice`;
    await generateDataset({ outDir: dir, songs: 5, events: 10, days: 1 });
    await expect(generateDataset({ outDir: dir, songs: 5, events: 10, days: 1 })).rejects.toThrow(/already exists.*--force/);
    const replaced = await generateDataset({ outDir: dir, songs: 3, events: 10, days: 1, overwrite: true });
    expect(readDataset(dir).songFiles).toHaveLength(replaced.songFiles);
  });

  it('rejects impossible options with a usage error', async () => {
    const dir = `${temp.path}/bad`;
    await expect(generateDataset({ outDir: dir, days: 0 })).rejects.toMatchObject({ name: 'UsageError', exitCode: 2 });
    await expect(generateDataset({ outDir: dir, events: 1.5 })).rejects.toThrow(/--events must be a whole number/);
    await expect(generateDataset({ outDir: dir, startDate: '2018-13-01' })).rejects.toThrow(/--start-date/);
  });
});
