/**
 * DuckDB's stager without DuckDB: what it writes into its temporary parts (each record
 * tagged with file id and line, spliced after its "{"), how parts are cut, and that the
 * engine gives DuckDB's threads and compression back after staging, whether it succeeds or fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../src/engines/duckdb/dialect.js';
import { DuckDbEngine } from '../../src/engines/duckdb/duckdb-engine.js';
import { stageThroughJsonReader } from '../../src/engines/duckdb/json-stager.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { PART_BYTES, PART_ROWS, type PartLimits } from '../../src/engines/duckdb/staging-parts.js';
import type { StagingBatch, TextRecord } from '../../src/records/staging-record.js';
import { makeTempDir } from '../support/temp-dir.js';

async function* batchesOf(records: readonly TextRecord[], size: number): AsyncGenerator<StagingBatch<TextRecord>> {
  for (let start = 0; start < records.length; start += size) {
    yield { records: records.slice(start, start + size), bytes: 0, files: 0 };
  }
}

const scratch = makeTempDir('duckdb-parts');
afterAll(() => scratch.remove());

/** Runs the stager with a stand-in for DuckDB that reads each part's lines back. */
async function stagedParts(records: readonly TextRecord[], batchSize: number, limits?: PartLimits): Promise<string[][]> {
  const parts: string[][] = [];
  const rows = await stageThroughJsonReader(duckdbDialect, [{ kind: 'events', batches: batchesOf(records, batchSize) }], scratch.path, async (sql) => {
    const file = /read_json\('([^']+)'/.exec(sql)?.[1] as string;
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
    parts.push(lines);
    return lines.length;
  }, { limits });
  expect(rows).toEqual({ events: records.length, songs: 0 });
  return parts;
}

describe('DuckDB staging parts', () => {
  it('tags every record with its file id and line, keeping its text, accents and escapes as they were', async () => {
    const records: TextRecord[] = [
      { fileId: 3, line: 1, raw: '{"artist":"Sigur Rós","ts":1}' },
      { fileId: 3, line: 7, raw: '  {"userAgent":"\\"Mozilla\\/5.0\\"","ts":2}' },
      { fileId: 12, line: 99_999, raw: '{"song":"🎵","ts":3}' },
    ];
    const [part] = await stagedParts(records, 2);
    expect(part?.map((line) => JSON.parse(line) as unknown)).toEqual([
      { __sparkify_file_id: 3, __sparkify_line: 1, artist: 'Sigur Rós', ts: 1 },
      { __sparkify_file_id: 3, __sparkify_line: 7, userAgent: '"Mozilla/5.0"', ts: 2 },
      { __sparkify_file_id: 12, __sparkify_line: 99_999, song: '🎵', ts: 3 },
    ]);
  });

  it('writes line numbers at every digit count exactly, and the prefix of each file id', async () => {
    const lineNumbers = [1, 9, 10, 99, 100, 12_345, 99_999_999];
    const records: TextRecord[] = lineNumbers.map((line, index) => ({ fileId: index < 3 ? 5 : 2_147_483_647, line, raw: `{"ts":${index}}` }));
    const [part] = await stagedParts(records, 3);
    expect(part).toEqual([
      '{"__sparkify_file_id":5,"__sparkify_line":1,"ts":0}',
      '{"__sparkify_file_id":5,"__sparkify_line":9,"ts":1}',
      '{"__sparkify_file_id":5,"__sparkify_line":10,"ts":2}',
      '{"__sparkify_file_id":2147483647,"__sparkify_line":99,"ts":3}',
      '{"__sparkify_file_id":2147483647,"__sparkify_line":100,"ts":4}',
      '{"__sparkify_file_id":2147483647,"__sparkify_line":12345,"ts":5}',
      '{"__sparkify_file_id":2147483647,"__sparkify_line":99999999,"ts":6}',
    ]);
  });

  it('cuts a part at its row limit, on the batch that crosses it', async () => {
    const records: TextRecord[] = Array.from({ length: 10 }, (_, index) => ({ fileId: 2, line: index + 1, raw: `{"ts":${index}}` }));
    const parts = await stagedParts(records, 2, { rows: 3, bytes: PART_BYTES });
    expect(parts.map((part) => part.length)).toEqual([4, 4, 2]);
  });

  it('takes records bigger than its write buffer, and starts a new part past its byte limit', async () => {
    const big = 'é'.repeat(450_000); // 900 KB of UTF-8: more than a third of the 1 MiB buffer
    const records: TextRecord[] = Array.from({ length: 50 }, (_, index) => ({
      fileId: 1,
      line: index + 1,
      raw: `{"song":"${big}","ts":${index}}`,
    }));
    const parts = await stagedParts(records, 7, { rows: PART_ROWS, bytes: 32 * 1024 * 1024 });
    expect(parts.length).toBe(2);
    const lines = parts.flat().map((line) => JSON.parse(line) as { __sparkify_line: number; song: string; ts: number });
    expect(lines.map((line) => line.__sparkify_line)).toEqual(records.map((record) => record.line));
    expect(lines.every((line, index) => line.song === big && line.ts === index)).toBe(true);
  });
});

/**
 * Kinds are staged in turn through one queue of INSERTs: Node reads the songs while DuckDB
 * still inserts the events' last parts. A stager that waited for every event INSERT
 * before reading a song would time out here.
 */
describe('DuckDB staging several kinds', () => {
  const records = (count: number, raw: (index: number) => string): TextRecord[] =>
    Array.from({ length: count }, (_, index) => ({ fileId: 1, line: index + 1, raw: raw(index) }));

  function songsRead(): { readonly started: Promise<void>; readonly batches: AsyncGenerator<StagingBatch<TextRecord>> } {
    let start = () => undefined as void;
    const started = new Promise<void>((resolve) => (start = resolve));
    async function* batches(): AsyncGenerator<StagingBatch<TextRecord>> {
      start();
      yield* batchesOf(records(3, (index) => `{"song_id":"S${index}"}`), 2);
    }
    return { started, batches: batches() };
  }

  function withinSeconds<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), seconds * 1000)));
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }

  it('reads the next kind while the last parts of the one before are inserted, each into its own table, at most four parts on disk', async () => {
    const folder = makeTempDir('duckdb-kinds');
    try {
      const songs = songsRead();
      const inserts: string[] = [];
      let mostParts = 0;
      const rows = await stageThroughJsonReader(
        duckdbDialect,
        [
          { kind: 'events', batches: batchesOf(records(10, (index) => `{"ts":${index}}`), 2) },
          { kind: 'songs', batches: songs.batches },
        ],
        folder.path,
        async (sql) => {
          const file = /read_json\('([^']+)'/.exec(sql)?.[1] as string;
          const table = /INSERT INTO "(\w+)"/.exec(sql)?.[1] as string;
          inserts.push(`${table} ${path.basename(file)}`);
          mostParts = Math.max(mostParts, readdirSync(folder.path, { recursive: true }).map(String).filter((name) => name.endsWith('.ndjson')).length);
          // Every event INSERT but the first waits until the songs are being read.
          if (table === 'staging_events' && inserts.length > 1) await withinSeconds(songs.started, 5, 'the songs were not read while the events were inserted');
          return readFileSync(file, 'utf8').split('\n').length - 1;
        },
        { limits: { rows: 4, bytes: PART_BYTES }, tables: { songs: 'staging_songs', events: 'staging_events' } },
      );
      expect(rows).toEqual({ events: 10, songs: 3 });
      expect(inserts).toEqual([
        'staging_events events-0.ndjson',
        'staging_events events-1.ndjson',
        'staging_events events-2.ndjson',
        'staging_songs songs-0.ndjson',
      ]);
      expect(mostParts).toBeLessThanOrEqual(4);
      expect(readdirSync(folder.path)).toEqual([]);
    } finally {
      folder.remove();
    }
  });

  it('reads the next kind ahead while a part waits for the INSERT before it', async () => {
    const folder = makeTempDir('duckdb-kinds-ahead');
    try {
      const pulled: string[] = [];
      async function* logged(kind: string, count: number): AsyncGenerator<StagingBatch<TextRecord>> {
        for (let index = 0; index < count; index++) {
          pulled.push(`${kind} ${index}`);
          yield { records: [{ fileId: 1, line: index + 1, raw: `{"n":${index}}` }], bytes: 0, files: 0 };
        }
      }
      const rows = await stageThroughJsonReader(
        duckdbDialect,
        [
          { kind: 'events', batches: logged('event', 8) },
          { kind: 'songs', batches: logged('song', 3) },
        ],
        folder.path,
        async (sql) => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          return readFileSync(/read_json\('([^']+)'/.exec(sql)?.[1] as string, 'utf8').split('\n').length - 1;
        },
        { limits: { rows: 2, bytes: PART_BYTES } },
      );
      expect(rows).toEqual({ events: 8, songs: 3 });
      // Every song was read while the events' parts waited, before their last batch.
      expect(pulled.indexOf('song 2')).toBeLessThan(pulled.indexOf('event 7'));
    } finally {
      folder.remove();
    }
  });

  it('holds a failure met reading ahead until the kind\'s turn: the kinds before it are staged, or fail with their own error', async () => {
    const folder = makeTempDir('duckdb-kinds-held');
    try {
      const songBroke = new Error('a song file broke');
      const eventBroke = new Error('an event log broke');
      async function* songs(): AsyncGenerator<StagingBatch<TextRecord>> {
        yield { records: [{ fileId: 2, line: 1, raw: '{"song_id":"S1"}' }], bytes: 0, files: 0 };
        throw songBroke;
      }
      async function* events(failAt?: number): AsyncGenerator<StagingBatch<TextRecord>> {
        for (let index = 0; index < 6; index++) {
          if (index === failAt) throw eventBroke;
          yield { records: [{ fileId: 1, line: index + 1, raw: `{"ts":${index}}` }], bytes: 0, files: 0 };
        }
      }
      const stage = async (eventBatches: AsyncIterable<StagingBatch<TextRecord>>) => {
        const inserted: string[] = [];
        const error = await stageThroughJsonReader(
          duckdbDialect,
          [
            { kind: 'events', batches: eventBatches },
            { kind: 'songs', batches: songs() },
          ],
          folder.path,
          async (sql) => {
            await new Promise((resolve) => setTimeout(resolve, 30));
            inserted.push(path.basename(/read_json\('([^']+)'/.exec(sql)?.[1] as string));
            return 2;
          },
          { limits: { rows: 2, bytes: PART_BYTES } },
        ).then(() => undefined, (caught: unknown) => caught);
        expect(readdirSync(folder.path)).toEqual([]);
        return { error, inserted };
      };
      const songFailure = await stage(events());
      expect(songFailure.error).toBe(songBroke);
      expect(songFailure.inserted).toEqual(['events-0.ndjson', 'events-1.ndjson', 'events-2.ndjson']);
      const eventFailure = await stage(events(5));
      expect(eventFailure.error).toBe(eventBroke);
    } finally {
      folder.remove();
    }
  });

  it('stops reading the next kind when an INSERT of the one before fails, and ends with that failure', async () => {
    const folder = makeTempDir('duckdb-kinds-failing');
    try {
      const refused = new Error('DuckDB refused the part');
      let songBatches = 0;
      async function* manySongs(): AsyncGenerator<StagingBatch<TextRecord>> {
        for (let batch = 0; batch < 1_000; batch++) {
          songBatches++;
          await new Promise((resolve) => setTimeout(resolve, 1));
          yield { records: [{ fileId: 2, line: batch + 1, raw: `{"song_id":"S${batch}"}` }], bytes: 0, files: 0 };
        }
      }
      const error = await stageThroughJsonReader(
        duckdbDialect,
        [
          { kind: 'events', batches: batchesOf(records(10, (index) => `{"ts":${index}}`), 2) },
          { kind: 'songs', batches: manySongs() },
        ],
        folder.path,
        async (sql) => {
          if (sql.includes('events-2.ndjson')) throw refused;
          await new Promise((resolve) => setTimeout(resolve, 20));
          return 4;
        },
        { limits: { rows: 4, bytes: PART_BYTES } },
      ).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBe(refused);
      expect(songBatches).toBeGreaterThan(0);
      expect(songBatches).toBeLessThan(1_000);
      expect(readdirSync(folder.path)).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

/**
 * The class behind reading ahead: whatever the batches, the INSERTs' speed and where one
 * failure strikes, staging ends as reading the kinds one after another would: every row
 * of each kind inserted, or the one failure, with no part left and no reader left open.
 */
describe('DuckDB staging several kinds, generated', () => {
  const failures = ['none', 'event log', 'song file', 'insert'] as const;
  test.prop(
    {
      eventBatches: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 12 }),
      songBatches: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 8 }),
      insertDelays: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }),
      failure: fc.constantFrom(...failures),
      failAt: fc.nat({ max: 12 }),
    },
    { numRuns: 40 },
  )('stages every row, or fails with the one failure, leaving nothing behind', async ({ eventBatches, songBatches, insertDelays, failure, failAt }) => {
    const folder = makeTempDir('duckdb-kinds-generated');
    const broke = new Error(`the ${failure} broke`);
    const open = new Set<string>();
    async function* batches(kind: string, sizes: readonly number[], failing: boolean): AsyncGenerator<StagingBatch<TextRecord>> {
      open.add(kind);
      try {
        for (const [index, size] of sizes.entries()) {
          if (failing && index === failAt % sizes.length) throw broke;
          yield { records: Array.from({ length: size }, (_, i) => ({ fileId: 1, line: index * 10 + i + 1, raw: `{"n":${i}}` })), bytes: 0, files: 0 };
        }
      } finally {
        open.delete(kind);
      }
    }
    let inserts = 0;
    const events = eventBatches.reduce((sum, size) => sum + size, 0);
    const songs = songBatches.reduce((sum, size) => sum + size, 0);
    try {
      const outcome = await stageThroughJsonReader(
        duckdbDialect,
        [
          { kind: 'events', batches: batches('events', eventBatches, failure === 'event log') },
          { kind: 'songs', batches: batches('songs', songBatches, failure === 'song file') },
        ],
        folder.path,
        async (sql) => {
          const part = inserts++;
          await new Promise((resolve) => setTimeout(resolve, insertDelays[part % insertDelays.length]));
          if (failure === 'insert' && part === failAt % 3) throw broke;
          return readFileSync(/read_json\('([^']+)'/.exec(sql)?.[1] as string, 'utf8').split('\n').length - 1;
        },
        { limits: { rows: 3, bytes: PART_BYTES } },
      ).then((rows) => rows, (caught: unknown) => caught);
      const failed =
        (failure === 'event log' && eventBatches.length > 0) ||
        (failure === 'song file' && songBatches.length > 0) ||
        (failure === 'insert' && inserts > failAt % 3);
      expect(outcome).toEqual(failed ? broke : { events, songs });
      expect(readdirSync(folder.path)).toEqual([]);
      expect([...open]).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});

describe('DuckDB engine settings while staging', () => {
  const temp = makeTempDir('duckdb-threads');

  it('stages with one thread fewer, without FSST and under 256 MiB, and gives all three back, after a good stage and after a failed one', async () => {
    const engine = await DuckDbEngine.open(`${temp.path}/threads.duckdb`, {});
    const current = async () =>
      (await engine.query<{ threads: number; disabled: string; memory: string }>(
        "SELECT current_setting('threads') AS threads, current_setting('disabled_compression_methods') AS disabled, current_setting('memory_limit') AS memory",
      ))[0];
    try {
      await engine.exec('CREATE TABLE staging_events (event_id BIGINT)');
      const before = await current();
      const threads = Number(before?.threads);
      let seen: Awaited<ReturnType<typeof current>>;
      async function* watching(): AsyncGenerator<StagingBatch<TextRecord>> {
        seen = await current();
        yield { records: [], bytes: 0, files: 0 };
      }
      await engine.transaction(() => engine.stageText([{ kind: 'events', batches: watching() }]));
      expect(Number(seen?.threads)).toBe(Math.max(1, threads - 1));
      expect(seen?.disabled.toLowerCase()).toBe('fsst');
      expect(seen?.memory).toBe('256.0 MiB');
      expect(await current()).toEqual(before);
      expect(before?.disabled).toBe('');

      async function* failing(): AsyncGenerator<StagingBatch<TextRecord>> {
        yield { records: [], bytes: 0, files: 0 };
        throw new Error('input broke');
      }
      await expect(engine.transaction(() => engine.stageText([{ kind: 'events', batches: failing() }]))).rejects.toThrow('input broke');
      expect(await current()).toEqual(before);
    } finally {
      await engine.close();
      temp.remove();
    }
  });

  it('keeps a memory limit the user set while staging, as given', async () => {
    const engine = await DuckDbEngine.open(`${scratch.path}/user-limit.duckdb`, { memoryLimit: '300MB' });
    const limit = async () => (await engine.query<{ memory: string }>("SELECT current_setting('memory_limit') AS memory"))[0]?.memory;
    try {
      await engine.exec('CREATE TABLE staging_events (event_id BIGINT)');
      let seen: string | undefined;
      async function* watching(): AsyncGenerator<StagingBatch<TextRecord>> {
        seen = await limit();
        yield { records: [], bytes: 0, files: 0 };
      }
      await engine.transaction(() => engine.stageText([{ kind: 'events', batches: watching() }]));
      expect(seen).toBe('286.1 MiB');
      expect(await limit()).toBe('286.1 MiB');
    } finally {
      await engine.close();
    }
  });
});

describe('DuckDB staging memory', () => {
  const temp = makeTempDir('duckdb-staging-memory');

  it('writes staged rows into the database file as it goes, not into the transaction\'s memory', async () => {
    const engine = await DuckDbEngine.open(`${temp.path}/memory.duckdb`, {});
    try {
      await createTables(engine, { drop: false });
      // 300 k plays of every field (some 150 MB): with the 32 MB parts of before, every row
      // stayed in the transaction's memory until COMMIT.
      const play = (n: number) =>
        `{"artist":"Artist ${n % 9_973}","auth":"Logged In","firstName":"Name${n % 997}","gender":"F","itemInSession":${n % 50},"lastName":"Last${n % 991}",` +
        `"length":${(n % 400) + 0.5},"level":"paid","location":"Town ${n % 313}, CA","method":"PUT","page":"NextSong","registration":${1_540_000_000_000 + n},` +
        `"sessionId":${n >> 4},"song":"Song ${n % 50_021}","status":200,"ts":${1_543_536_000_000 + n},"userAgent":"Mozilla/5.0 (Agent ${n % 31})","userId":"${n % 5_000}"}`;
      async function* events(): AsyncGenerator<StagingBatch<TextRecord>> {
        for (let start = 0; start < 300_000; start += 5_000) {
          const records = Array.from({ length: 5_000 }, (_, i) => ({ fileId: 1, line: start + i + 1, raw: play(start + i) }));
          yield { records, bytes: 0, files: 0 };
        }
      }
      const held = await engine.transaction(async () => {
        await engine.stageText([{ kind: 'events', batches: events() }]);
        const rows = await engine.query<{ mb: number }>("SELECT memory_usage_bytes / 1048576 AS mb FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'");
        return Number(rows[0]?.mb ?? 0);
      });
      expect(held).toBeLessThan(40);
      expect(await engine.query('SELECT COUNT(*) AS n FROM staging_events')).toEqual([{ n: 300_000 }]);
    } finally {
      await engine.close();
      temp.remove();
    }
  });
});

/**
 * A stage that fails part-way, at every point where the part files' lifecycle matters:
 * the first record, the last one with writes in flight, right after a part was cut, and
 * a failed INSERT. Each must end in the one error, with every part closed and removed.
 * Before the fix, a late failure destroyed the part's stream with a write in flight, and
 * its ERR_STREAM_DESTROYED 'error' event crashed the process.
 */
describe('DuckDB staging parts when the stage fails', () => {
  const event = (index: number): TextRecord => ({ fileId: 1, line: index + 1, raw: `{"song":"${'x'.repeat(300)}","ts":${index}}` });
  const abort = new Error('rejected record');

  async function* failingAfter(records: number, batchSize: number): AsyncGenerator<StagingBatch<TextRecord>> {
    for (let start = 0; start < records; start += batchSize) {
      yield { records: Array.from({ length: Math.min(batchSize, records - start) }, (_, i) => event(start + i)), bytes: 0, files: 0 };
    }
    throw abort;
  }

  async function failedStage(batches: AsyncIterable<StagingBatch<TextRecord>>, insert?: (file: string) => number): Promise<{ error: unknown; inserted: string[] }> {
    const folder = makeTempDir('duckdb-failing-parts');
    const inserted: string[] = [];
    try {
      const error = await stageThroughJsonReader(duckdbDialect, [{ kind: 'events', batches }], folder.path, async (sql) => {
        const file = /read_json\('([^']+)'/.exec(sql)?.[1] as string;
        inserted.push(path.basename(file));
        return insert ? insert(file) : readFileSync(file, 'utf8').split('\n').length - 1;
      }).then(() => undefined, (caught: unknown) => caught);
      expect(readdirSync(folder.path)).toEqual([]);
      return { error, inserted };
    } finally {
      folder.remove();
    }
  }

  it('fails at the very first record, before anything is written', async () => {
    const { error, inserted } = await failedStage(failingAfter(0, 1));
    expect(error).toBe(abort);
    expect(inserted).toEqual([]);
  });

  it('fails at the last record with writes in flight, with one error and no part left', async () => {
    // 3 MB through 1 MB write buffers: several writes are in flight when the reject comes.
    const { error, inserted } = await failedStage(failingAfter(10_000, 500));
    expect(error).toBe(abort);
    expect(inserted).toEqual([]);
  });

  it('fails right after a part was cut: the finished part is inserted or dropped, never left behind', async () => {
    // A part is cut on the batch that crosses PART_ROWS records (or PART_BYTES); the next batch fails.
    const perRecord = 340;
    const records = Math.ceil(Math.min(PART_ROWS, PART_BYTES / perRecord) / 1000) * 1000;
    const { error, inserted } = await failedStage(failingAfter(records, 1000));
    expect(error).toBe(abort);
    expect(inserted).toEqual(['events-0.ndjson']);
  });

  it('ends with the INSERT failure when DuckDB refuses a part, and stops reading', async () => {
    const refused = new Error('DuckDB refused the part');
    let batchesRead = 0;
    async function* counting(): AsyncGenerator<StagingBatch<TextRecord>> {
      for (let start = 0; ; start += 1000) {
        batchesRead++;
        if (batchesRead > 2 * (PART_ROWS / 1000)) throw new Error('the stage read on after the INSERT failed');
        yield { records: Array.from({ length: 1000 }, (_, i) => event(start + i)), bytes: 0, files: 0 };
      }
    }
    const { error, inserted } = await failedStage(counting(), () => {
      throw refused;
    });
    expect(error).toBe(refused);
    expect(inserted).toEqual(['events-0.ndjson']);
    // Stopped within a part of the failure, not at the end of the input.
    expect(batchesRead).toBeLessThan(PART_ROWS / 1000 + 5);
  });
});
