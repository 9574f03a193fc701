/**
 * An engine may read a kind ahead of its turn (DuckDB reads song files while an event
 * part waits for DuckDB: engines/duckdb/staging-parts.ts). The pipeline reports rejected
 * records as if the kinds were read one after another (pipeline/stage-files.ts), so the
 * error a load fails with, the record that spends the --max-errors budget and the order of
 * the report's examples never depend on how far ahead the engine read. The engine here is
 * DuckDB reading as far ahead as there is: every song before any event.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine, TextStream } from '../../src/engines/engine.js';
import { DataError } from '../../src/errors.js';
import type { StagingBatch, TextRecord } from '../../src/records/staging-record.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { createAndLoad, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';

/** DuckDB, reading every stream to its end in reverse order before it stages any. */
function readingSongsFirst(inner: Engine): Engine {
  const stageText = inner.stageText?.bind(inner);
  if (stageText === undefined) throw new Error('DuckDB stages text');
  return Object.assign(Object.create(inner) as Engine, {
    stageText: async (streams: readonly TextStream[], context?: Parameters<typeof stageText>[1]) => {
      const read = new Map<string, StagingBatch<TextRecord>[]>();
      for (const stream of [...streams].reverse()) {
        const batches: StagingBatch<TextRecord>[] = [];
        for await (const batch of stream.batches) batches.push(batch);
        read.set(stream.kind, batches);
      }
      return stageText(streams.map((stream) => ({ kind: stream.kind, batches: fromArray(read.get(stream.kind) ?? []) })), context);
    },
  });
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const temp = makeTempDir('reports-in-turn');
afterAll(() => temp.remove());

const tree = writeFixtureTree(path.join(temp.path, 'tree'), {
  songs: { 'A/good.json': [song()], 'B/bad.json': [song({ song_id: undefined })], 'C/bad.json': [song({ song_id: undefined })] },
  events: { 'day.json': [event(), '{not json', event({ itemInSession: 2 })] },
});
const badEvent = `${path.join(tree.logData, 'day.json')}:2`;
const badSong = `${path.join(tree.songData, 'B/bad.json')}:1`;
const otherBadSong = `${path.join(tree.songData, 'C/bad.json')}:1`;

// The same songs, every event good: the budget is all the songs'.
const goodEvents = writeFixtureTree(path.join(temp.path, 'good-events'), {
  songs: { 'A/good.json': [song()], 'B/bad.json': [song({ song_id: undefined })], 'C/bad.json': [song({ song_id: undefined })] },
  events: { 'day.json': [event(), event({ itemInSession: 2 })] },
});

let n = 0;
async function loadWith(reading: 'in turn' | 'songs first', maxErrors: number, input = tree): Promise<string> {
  const warehouse = { url: `duckdb:${path.join(temp.path, `w${++n}.duckdb`)}`, options: { memoryLimit: '256MB' } };
  return withEngine(warehouse, async (duckdb) => {
    const engine = reading === 'songs first' ? readingSongsFirst(duckdb) : duckdb;
    try {
      const report = await createAndLoad(engine, input, { maxErrors });
      return `loaded; examples ${report.rejected.examples.map((record) => `${record.file}:${record.line}`).join(', ')}`;
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      return `failed at ${error.file}:${error.line}`;
    }
  });
}

describe('rejected records read ahead of their turn', () => {
  it.each([
    [0, `failed at ${badEvent}`],
    [1, `failed at ${badSong}`],
    [2, `failed at ${otherBadSong}`],
    [3, `loaded; examples ${badEvent}, ${badSong}, ${otherBadSong}`],
  ])('with --max-errors %i, the events first, however far ahead the songs were read', async (maxErrors, outcome) => {
    expect(await loadWith('songs first', maxErrors)).toBe(outcome);
    expect(await loadWith('in turn', maxErrors)).toBe(outcome);
  });

  it('with every event good and --max-errors 1, at the second bad song, however far ahead the songs were read', async () => {
    const second = `failed at ${path.join(goodEvents.songData, 'C/bad.json')}:1`;
    expect(await loadWith('songs first', 1, goodEvents)).toBe(second);
    expect(await loadWith('in turn', 1, goodEvents)).toBe(second);
  });
});
