/**
 * The S3 source against a real S3 protocol server (s3rver): listing past one page,
 * full loads equal to local ones, the reference figures, ledger skips by ETag, and
 * clean failures for a broken download, a missing bucket and bad credentials.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ConnectionError, LoadError } from '../../src/errors.js';
import { openSource } from '../../src/sources/open-source.js';
import type { SourceOptions } from '../../src/sources/source.js';
import { event, song, writeFixtureTree, writeLines } from '../support/fixture-tree.js';
import { startCuttingProxy } from '../support/cutting-proxy.js';
import { count, createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { S3RVER_REGION, startS3Server, useS3rverCredentials, type S3TestServer } from '../support/s3-server.js';
import { makeTempDir } from '../support/temp-dir.js';

const BUCKET = 'sparkify-data';
let server: S3TestServer;
let options: SourceOptions;
const temp = makeTempDir('s3-source');
let warehouses = 0;
const freshWarehouse = () => ({ url: `duckdb:${temp.path}/warehouse-${++warehouses}.duckdb`, options: {} });

beforeAll(async () => {
  server = await startS3Server([BUCKET]);
  options = { s3Endpoint: server.endpoint, region: S3RVER_REGION, maxAttempts: 2 };
});
afterAll(async () => {
  await server?.stop();
  temp.remove();
});

/** A small tree: two songs, two days of events with a level change and a logged-out visitor. */
function writeSmallTree(root: string): { songData: string; logData: string } {
  return writeFixtureTree(root, {
    songs: {
      'A/A/TRAAA01.json': [song({ song_id: 'SOA', title: 'Alpha', artist_id: 'AR1', artist_name: 'One', duration: 100 })],
      'A/B/TRAAB02.json': [song({ song_id: 'SOB', title: 'Beta', artist_id: 'AR2', artist_name: 'Two', duration: 200, year: 0 })],
    },
    events: {
      '2018/11/2018-11-01-events.json': [
        event({ song: 'Alpha', artist: 'One', length: 100, ts: Date.UTC(2018, 10, 1, 10), userId: '7', level: 'free' }),
        '',
        event({ song: 'Nope', artist: 'None', ts: Date.UTC(2018, 10, 1, 11), userId: '', itemInSession: 1 }),
      ],
      '2018/11/2018-11-02-events.json': [
        event({ song: 'Beta', artist: 'Two', length: 200, ts: Date.UTC(2018, 10, 2, 9), userId: '7', level: 'paid', sessionId: 2 }),
      ],
    },
  });
}

describe('listing', () => {
  it('lists every .json object past the first 1,000, nested, sorted, with size and ETag', async () => {
    const expected: { uri: string; size: number; fingerprint: string }[] = [];
    const puts: Promise<void>[] = [];
    for (let i = 0; i < 1_234; i++) {
      const key = `many/${String.fromCharCode(65 + (i % 7))}/${i % 3}/TR${String(i).padStart(5, '0')}.json`;
      const body = JSON.stringify(song({ song_id: `SO${i}` })) + '\n';
      expected.push({ uri: `s3://${BUCKET}/${key}`, size: Buffer.byteLength(body), fingerprint: createHash('md5').update(body).digest('hex') });
      puts.push(server.putObject(BUCKET, key, body));
      if (puts.length === 64) await Promise.all(puts.splice(0));
    }
    puts.push(server.putObject(BUCKET, 'many/A/README.txt', 'not data'));
    puts.push(server.putObject(BUCKET, 'many_other/B/TRNOT.json', '{}'));
    await Promise.all(puts);

    const listed = await (await openSource(`s3://${BUCKET}/many`, options)).list();

    expect(listed).toHaveLength(1_234);
    expect(listed).toEqual([...expected].sort((a, b) => (a.uri < b.uri ? -1 : 1)));
  });

  it('accepts a prefix with a trailing slash and a single object', async () => {
    await server.putObject(BUCKET, 'single/one.json', '{"a":1}\n');
    expect((await (await openSource(`s3://${BUCKET}/single/`, options)).list()).map((f) => f.uri)).toEqual([`s3://${BUCKET}/single/one.json`]);
    expect((await (await openSource(`s3://${BUCKET}/single/one.json`, options)).list()).map((f) => f.uri)).toEqual([`s3://${BUCKET}/single/one.json`]);
  });

  it('says so when the prefix holds no .json object', async () => {
    await expect((await openSource(`s3://${BUCKET}/nothing-here`, options)).list()).rejects.toThrow(LoadError);
    await expect((await openSource(`s3://${BUCKET}/nothing-here`, options)).list()).rejects.toThrow(/holds no \.json objects/);
  });
});

describe('loading from S3 into DuckDB', () => {
  it('gives the same star tables as the same files loaded from disk', async () => {
    const local = writeSmallTree(path.join(temp.path, 'same'));
    await server.uploadTree(path.join(temp.path, 'same'), BUCKET, 'same');
    const fromDisk = await withEngine(freshWarehouse(), async (engine) => {
      await createAndLoad(engine, local);
      return starSnapshot(engine);
    });
    const fromS3 = await withEngine(freshWarehouse(), async (engine) => {
      const report = await createAndLoad(engine, {
        songData: `s3://${BUCKET}/same/song_data`, logData: `s3://${BUCKET}/same/log_data`, sourceOptions: options,
      });
      expect(report.filesLoaded).toBe(4);
      return starSnapshot(engine);
    });
    expect(fromS3.songplays).toHaveLength(2);
    expect(fromS3.users).toEqual([{ user_id: 7, first_name: 'Ada', last_name: 'Lovelace', gender: 'F', level: 'paid' }]);
    expect(fromS3).toEqual(fromDisk);
  });

  it('skips unchanged objects on a second load and reloads a changed one', async () => {
    const root = path.join(temp.path, 'incremental');
    writeSmallTree(root);
    await server.uploadTree(root, BUCKET, 'incremental');
    const input = { songData: `s3://${BUCKET}/incremental/song_data`, logData: `s3://${BUCKET}/incremental/log_data`, sourceOptions: options };
    await withEngine(freshWarehouse(), async (engine) => {
      expect((await createAndLoad(engine, input)).filesLoaded).toBe(4);

      const again = await load(engine, input);
      expect({ loaded: again.filesLoaded, skipped: again.filesSkipped }).toEqual({ loaded: 0, skipped: 4 });

      const changed = path.join(root, 'song_data/A/B/TRAAB02.json');
      writeLines(changed, [song({ song_id: 'SOB', title: 'Beta (remaster)', artist_id: 'AR2', artist_name: 'Two', duration: 200 })]);
      await server.uploadTree(path.join(root, 'song_data/A/B'), BUCKET, 'incremental/song_data/A/B');
      const third = await load(engine, input);
      expect({ loaded: third.filesLoaded, skipped: third.filesSkipped }).toEqual({ loaded: 1, skipped: 3 });
      expect(await engine.query(`SELECT title, year FROM songs WHERE song_id = 'SOB'`)).toEqual([{ title: 'Beta (remaster)', year: 2001 }]);
    });
  });

  it.each([
    ['streamed (over 1 MiB)', 3_000],
    ['fetched ahead (under 1 MiB)', 500],
  ])('fails cleanly, naming the object, when a download %s breaks off; the star schema is unchanged', async (_how, lineCount) => {
    const prefix = `broken-${lineCount}`;
    const root = path.join(temp.path, prefix);
    writeSmallTree(root);
    await server.uploadTree(root, BUCKET, prefix);
    const brokenKey = `${prefix}/log_data/2018/11/2018-11-03-events.json`;
    const lines = Array.from({ length: lineCount }, (_, i) => JSON.stringify(event({ ts: Date.UTC(2018, 10, 3) + i, itemInSession: i })));
    await server.putObject(BUCKET, brokenKey, lines.join('\n') + '\n');
    const proxy = await startCuttingProxy({
      targetPort: Number(new URL(server.endpoint).port),
      match: (line) => line.startsWith(`GET /${BUCKET}/${brokenKey}`),
      afterBytes: 64 * 1024,
    });
    try {
      await withEngine(freshWarehouse(), async (engine) => {
        // First the tree without the file that will break, straight from the server.
        await createAndLoad(engine, {
          songData: `s3://${BUCKET}/${prefix}/song_data`,
          logData: `s3://${BUCKET}/${prefix}/log_data/2018/11/2018-11-01-events.json`,
          sourceOptions: options,
        });
        const before = await starSnapshot(engine);

        const through = { ...options, s3Endpoint: proxy.endpoint };
        const failure = load(engine, { songData: `s3://${BUCKET}/${prefix}/song_data`, logData: `s3://${BUCKET}/${prefix}/log_data`, sourceOptions: through });
        await expect(failure).rejects.toThrow(LoadError);
        await expect(failure).rejects.toThrow(new RegExp(`^s3://${BUCKET}/${brokenKey}: the download broke off after \\d+ of \\d+ bytes`));
        expect(proxy.cuts()).toBeGreaterThan(0);
        expect(await starSnapshot(engine)).toEqual(before);
        expect(await count(engine, `SELECT * FROM etl_runs WHERE status = 'failed'`)).toBe(1);
      });
    } finally {
      await proxy.stop();
    }
  });

  it('retries a request the network dropped before any answer', async () => {
    const key = 'retry/log_data/2018-11-01-events.json';
    await server.putObject(BUCKET, key, JSON.stringify(event()) + '\n');
    const proxy = await startCuttingProxy({
      targetPort: Number(new URL(server.endpoint).port),
      match: (line) => line.startsWith(`GET /${BUCKET}/${key}`),
      afterBytes: 0,
      times: 1,
    });
    try {
      const source = await openSource(`s3://${BUCKET}/retry/log_data`, { ...options, s3Endpoint: proxy.endpoint, maxAttempts: 3 });
      const [file] = await source.list();
      const chunks: Buffer[] = [];
      for await (const chunk of source.open(file!)) chunks.push(chunk as Buffer);
      expect(JSON.parse(Buffer.concat(chunks).toString())).toMatchObject({ userId: '7' });
      expect(proxy.cuts()).toBe(1);
    } finally {
      await proxy.stop();
    }
  });
});

describe.skipIf(!sampleAvailable)(`the reference sample from s3:// (skipped when ${sampleSkipReason})`, () => {
  it('gives SPEC.md reference figures', async () => {
    expect(await server.uploadTree(sampleRoot, BUCKET, 'udacity')).toBeGreaterThanOrEqual(101);
    await withEngine(freshWarehouse(), async (engine) => {
      const report = await createAndLoad(engine, {
        songData: `s3://${BUCKET}/udacity/song_data`, logData: `s3://${BUCKET}/udacity/log_data`, sourceOptions: options,
      });
      expect(report.filesLoaded).toBe(101);
      const figures: Record<string, number> = {};
      for (const table of ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time']) {
        figures[table] = await count(engine, `SELECT * FROM "${table}"`);
      }
      expect(figures).toEqual({ staging_events: 8056, staging_songs: 71, songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 });
    });
  });
});

describe('clear errors', () => {
  it('names a missing bucket', async () => {
    const failure = (await openSource('s3://no-such-bucket-here/song_data', options)).list();
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow('s3://no-such-bucket-here/song_data: the bucket "no-such-bucket-here" does not exist');
  });

  it('says which credentials to check when access is denied', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'NOT-AN-S3RVER-KEY';
    try {
      const failure = (await openSource(`s3://${BUCKET}/same`, options)).list();
      await expect(failure).rejects.toThrow(ConnectionError);
      await expect(failure).rejects.toThrow(/access denied \(InvalidAccessKeyId\) for the access key in AWS_ACCESS_KEY_ID/);
    } finally {
      useS3rverCredentials();
    }
  });

  it('says how to configure a profile when there are no credentials', async () => {
    const empty = path.join(temp.path, 'empty-aws-config');
    writeLines(empty, ['']);
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    Object.assign(process.env, { AWS_PROFILE: 'sparkify-no-such-profile', AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty });
    try {
      const failure = (await openSource(`s3://${BUCKET}/same`, options)).list();
      await expect(failure).rejects.toThrow(ConfigError);
      await expect(failure).rejects.toThrow(/no AWS credentials found .* set AWS_PROFILE=NAME/);
    } finally {
      delete process.env.AWS_CONFIG_FILE;
      delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      useS3rverCredentials();
    }
  });
});
