/** Bad input: rejected records fail the load or are kept in load_errors; unreadable files are named. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, LoadError } from '../../src/errors.js';
import { runEtl } from '../../src/pipeline/etl.js';
import { openSource } from '../../src/sources/open-source.js';
import type { Source } from '../../src/sources/source.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { count, createAndLoad, load, starSnapshot, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';

const ts = Date.UTC(2018, 10, 1, 8, 0, 0);

/** Ten good events around three bad records, and one song without a song_id. */
function writeBadTree(root: string) {
  const good = (i: number) => event({ ts: ts + i, itemInSession: i });
  return writeFixtureTree(root, {
    songs: {
      'A/A/TR1.json': [song()],
      'A/A/TR2.json': [song({ song_id: undefined, title: 'No id' })],
    },
    events: {
      '2018/11/2018-11-01-events.json': [good(0), good(1), '{"ts": 1541, "userId": "7", "oops"', good(2), good(3), good(4)],
      '2018/11/2018-11-02-events.json': [good(5), event({ ts: 'yesterday' }), good(6), good(7), event({ userId: 'abc', ts: ts + 99 }), good(8), good(9)],
    },
  });
}

export function badInputCases(harness: EngineHarness): void {
  describe('bad input', () => {
    const temp = makeTempDir('bad-input');
    afterAll(() => temp.remove());
    let n = 0;
    const freshDir = () => path.join(temp.path, `case-${++n}`);

    it('fails on the first rejected record by default, naming file and line, and loads nothing', async () => {
      const input = writeBadTree(freshDir());
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const failure = createAndLoad(engine, input);
        await expect(failure).rejects.toBeInstanceOf(DataError);
        // The event logs are read first (pipeline/stage-files.ts): their first reject stops the load.
        await expect(failure).rejects.toMatchObject({ exitCode: 1, file: path.join(input.logData, '2018/11/2018-11-01-events.json'), line: 3 });
        await expect(failure).rejects.toThrow(/2018-11-01-events\.json:3: not valid JSON/);
        expect(await count(engine, 'SELECT * FROM songplays')).toBe(0);
        expect(await count(engine, 'SELECT * FROM staging_events')).toBe(0);
        expect(await count(engine, 'SELECT * FROM load_files')).toBe(0);
      });
    });

    it('with --max-errors N, skips up to N rejected records, loads every good one, and keeps each rejected one', async () => {
      const input = writeBadTree(freshDir());
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const report = await createAndLoad(engine, input, { maxErrors: 4 });
        expect(report.rejected.count).toBe(4);
        expect(await count(engine, 'SELECT * FROM staging_events')).toBe(10);
        expect(await count(engine, 'SELECT * FROM songplays')).toBe(10);
        expect(await count(engine, 'SELECT * FROM songs')).toBe(1);
        const kept = await engine.query('SELECT run_id, file, line, raw, reason FROM load_errors ORDER BY file, line');
        const log = (d: string) => path.join(input.logData, `2018/11/2018-11-0${d}-events.json`);
        expect(kept.map((r) => [r.run_id, r.file, r.line])).toEqual([
          [1, log('1'), 3],
          [1, log('2'), 2],
          [1, log('2'), 5],
          [1, path.join(input.songData, 'A/A/TR2.json'), 1],
        ]);
        expect(kept[0]?.raw).toBe('{"ts": 1541, "userId": "7", "oops"');
        expect(kept[0]?.reason).toMatch(/^not valid JSON/);
        expect(kept[1]?.reason).toBe('"ts" must be an integer number of epoch milliseconds, not the string "yesterday"');
        expect(kept[2]?.reason).toBe('"userId" must be a string of digits or "", not the string "abc"');
        const [run] = await engine.query('SELECT rows_rejected FROM etl_runs');
        expect(run).toEqual({ rows_rejected: 4 });
      });
    });

    it('fails with N+1 rejected records and leaves the star schema unchanged', async () => {
      const good = writeFixtureTree(freshDir(), { songs: { 'A/TR.json': [song()] }, events: { 'e.json': [event()] } });
      const bad = writeBadTree(freshDir());
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, good);
        const before = await starSnapshot(engine);
        await expect(load(engine, bad, { maxErrors: 3 })).rejects.toThrow(/more than --max-errors 3 rejected records/);
        expect(await starSnapshot(engine)).toEqual(before);
        const [failed] = await engine.query(`SELECT status FROM etl_runs WHERE run_id = 2`);
        expect(failed).toEqual({ status: 'failed' });
        expect(await count(engine, 'SELECT * FROM load_errors WHERE run_id = 2')).toBe(4);
      });
    });

    it('names a missing path, an empty tree, a binary file and a directory where a file should be', async () => {
      const root = freshDir();
      const input = writeFixtureTree(root, { songs: { 'A/TR.json': [song()] }, events: { 'e.json': [event()] } });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await expect(createAndLoad(engine, { ...input, logData: path.join(root, 'nowhere') }))
          .rejects.toThrow(new LoadError(`${path.join(root, 'nowhere')}: no such file or folder; check the source path`));
        mkdirSync(path.join(root, 'empty'));
        await expect(load(engine, { ...input, logData: path.join(root, 'empty') })).rejects.toThrow(/empty: holds no \.json files/);
        writeFileSync(path.join(input.logData, 'zz.json'), Buffer.from([0x7b, 0x00, 0x01, 0xff]));
        await expect(load(engine, input)).rejects.toThrow(`${path.join(input.logData, 'zz.json')}: this is not a text file`);
        mkdirSync(path.join(root, 'dirs/folder.json'), { recursive: true });
        await expect(load(engine, { ...input, logData: path.join(root, 'dirs') }))
          .rejects.toThrow(`${path.join(root, 'dirs/folder.json')}: is a directory where a file was expected`);
        expect(await count(engine, 'SELECT * FROM songplays')).toBe(0);
      });
    });

    it('names a file that cannot be read (permission denied) and loads nothing', async () => {
      const input = writeFixtureTree(freshDir(), { songs: { 'A/TR.json': [song()] }, events: { 'e.json': [event()] } });
      const real = await openSource(input.logData);
      // Root reads any file, so the denial is simulated at the stream, where a real one surfaces.
      const denied: Source = {
        root: real.root,
        list: () => real.list(),
        open: (file) => new Readable({
          read() {
            this.destroy(Object.assign(new Error(`EACCES: permission denied, open '${file.uri}'`), { code: 'EACCES' }));
          },
        }),
      };
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input).then(() => engine.exec('DELETE FROM songplays'));
        const songs = await openSource(input.songData);
        await expect(runEtl({ engine, sources: { songs, events: denied }, maxErrors: 0, fullRefresh: true }))
          .rejects.toThrow(`${path.join(input.logData, 'e.json')}: permission denied; check the file's permissions`);
        expect(await count(engine, 'SELECT * FROM songplays')).toBe(0);
      });
    });
  });
}
