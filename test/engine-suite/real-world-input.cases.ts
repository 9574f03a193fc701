/**
 * Input that real files carry and the first fixtures did not: ids past 32 and 53 bits,
 * a ts outside the years a TIMESTAMP holds, bytes that are not UTF-8, pretty-printed
 * song files. Every engine must load or reject them alike, exactly.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'lossless-json';
import { afterAll, describe, expect, it } from 'vitest';
import { formatJson } from '../../src/cli/format-rows.js';
import { DataError } from '../../src/errors.js';
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';
import { count, createAndLoad, withEngine } from '../support/load.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { EngineHarness } from './harness.js';

const t0 = Date.UTC(2018, 10, 6, 10, 0, 0, 250);
const EVENTS = '2018/11/2018-11-06-events.json';

/** An event line with ids JSON.stringify cannot write: bigints become their exact digits. */
const eventLine = (overrides: Record<string, unknown>) => stringify(event(overrides)) as string;

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Rejected records kept by the latest run (a failed run before it keeps its own). */
const LATEST_ERRORS = 'FROM load_errors WHERE run_id = (SELECT MAX(run_id) FROM etl_runs)';

export function realWorldInputCases(harness: EngineHarness): void {
  describe('real-world input', () => {
    const temp = makeTempDir('real-world');
    afterAll(() => temp.remove());
    let n = 0;
    const freshDir = () => path.join(temp.path, `case-${++n}`);

    it('stores ids past 32 and 53 bits exactly, in staging, the star schema, the natural key and JSON output', async () => {
      const input = writeFixtureTree(freshDir(), {
        songs: { 'A/TR.json': [song()] },
        events: {
          [EVENTS]: [
            eventLine({ sessionId: 3_000_000_000, userId: '2147483648', itemInSession: 0, ts: t0 }),
            eventLine({ sessionId: 2n ** 53n + 1n, userId: 2n ** 63n - 1n, itemInSession: 2n ** 63n - 1n, ts: t0 + 1 }),
            eventLine({ sessionId: -(2n ** 63n), userId: '9007199254740993', itemInSession: 1, ts: t0 + 2 }),
          ],
        },
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        expect(await engine.query('SELECT session_id, item_in_session, user_id FROM staging_events ORDER BY source_line')).toEqual([
          { session_id: 3_000_000_000, item_in_session: 0, user_id: '2147483648' },
          { session_id: 9007199254740993n, item_in_session: 9223372036854775807n, user_id: '9223372036854775807' },
          { session_id: -9223372036854775808n, item_in_session: 1, user_id: '9007199254740993' },
        ]);
        const plays = await engine.query('SELECT songplay_id, user_id, session_id, item_in_session FROM songplays ORDER BY start_time');
        expect(plays).toEqual([
          { songplay_id: md5(`3000000000|0|2147483648|${t0}`), user_id: 2_147_483_648, session_id: 3_000_000_000, item_in_session: 0 },
          {
            songplay_id: md5(`9007199254740993|9223372036854775807|9223372036854775807|${t0 + 1}`),
            user_id: 9223372036854775807n, session_id: 9007199254740993n, item_in_session: 9223372036854775807n,
          },
          {
            songplay_id: md5(`-9223372036854775808|1|9007199254740993|${t0 + 2}`),
            user_id: 9007199254740993n, session_id: -9223372036854775808n, item_in_session: 1,
          },
        ]);
        const users = await engine.query('SELECT user_id FROM users ORDER BY user_id');
        expect(users).toEqual([{ user_id: 2_147_483_648 }, { user_id: 9007199254740993n }, { user_id: 9223372036854775807n }]);
        // What `sparkify query --format json` prints: exact JSON numbers.
        expect(formatJson(users)).toBe('[{"user_id":2147483648},{"user_id":9007199254740993},{"user_id":9223372036854775807}]');
      });
    });

    it('takes "007", "7" and 7 as one user id, so one play and one user', async () => {
      const input = writeFixtureTree(freshDir(), {
        songs: { 'A/TR.json': [song()] },
        events: { [EVENTS]: [event({ userId: '007', ts: t0 }), event({ userId: 7, ts: t0 }), event({ userId: '7', ts: t0 + 1, itemInSession: 1 })] },
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        expect(await engine.query('SELECT user_id FROM staging_events ORDER BY source_line')).toEqual([{ user_id: '7' }, { user_id: '7' }, { user_id: '7' }]);
        expect(await engine.query('SELECT user_id, item_in_session FROM songplays ORDER BY start_time')).toEqual([
          { user_id: 7, item_in_session: 0 },
          { user_id: 7, item_in_session: 1 },
        ]);
        expect(await engine.query('SELECT user_id FROM users')).toEqual([{ user_id: 7 }]);
      });
    });

    it('keeps a play whose sessionId or itemInSession is null; a null itemInSession ranks below any number for the latest event', async () => {
      const input = writeFixtureTree(freshDir(), {
        songs: { 'A/TR.json': [song()] },
        events: {
          [EVENTS]: [
            event({ sessionId: null, itemInSession: null, ts: t0, level: 'free' }),
            // The same play again (natural key with both nulls): one play, not two.
            event({ sessionId: null, itemInSession: null, ts: t0, level: 'free' }),
            // Same ts: itemInSession 0 is later than null, so the user ends up paid, whatever the line order.
            event({ sessionId: 5, itemInSession: 0, ts: t0 + 1, level: 'paid' }),
            event({ sessionId: 5, itemInSession: null, ts: t0 + 1, level: 'free' }),
          ],
        },
      });
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await createAndLoad(engine, input);
        expect(await engine.query('SELECT songplay_id, session_id, item_in_session FROM songplays ORDER BY start_time, item_in_session NULLS FIRST')).toEqual([
          { songplay_id: md5(`||7|${t0}`), session_id: null, item_in_session: null },
          { songplay_id: md5(`5||7|${t0 + 1}`), session_id: 5, item_in_session: null },
          { songplay_id: md5(`5|0|7|${t0 + 1}`), session_id: 5, item_in_session: 0 },
        ]);
        expect(await engine.query('SELECT user_id, level FROM users')).toEqual([{ user_id: 7, level: 'paid' }]);
      });
    });

    it('rejects an id outside signed 64 bits, naming file, line and why', async () => {
      const input = writeFixtureTree(freshDir(), {
        songs: { 'A/TR.json': [song()] },
        events: {
          [EVENTS]: [
            eventLine({ ts: t0 }),
            eventLine({ sessionId: 2n ** 63n, ts: t0 + 1 }),
            eventLine({ userId: '9223372036854775808', ts: t0 + 2 }),
            eventLine({ itemInSession: -(2n ** 63n) - 1n, ts: t0 + 3 }),
            eventLine({ ts: t0 + 4, itemInSession: 4 }),
          ],
        },
      });
      const log = path.join(input.logData, EVENTS);
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        const failure = createAndLoad(engine, input);
        await expect(failure).rejects.toBeInstanceOf(DataError);
        await expect(failure).rejects.toMatchObject({ file: log, line: 2 });
        await expect(failure).rejects.toThrow(`${log}:2: "sessionId" 9223372036854775808 is outside the signed 64-bit integer range`);
        expect(await count(engine, 'SELECT * FROM staging_events')).toBe(0);

        await createAndLoad(engine, input, { maxErrors: 3 });
        expect(await engine.query(`SELECT line, reason ${LATEST_ERRORS} ORDER BY line`)).toEqual([
          { line: 2, reason: '"sessionId" 9223372036854775808 is outside the signed 64-bit integer range' },
          { line: 3, reason: '"userId" "9223372036854775808" is outside the signed 64-bit integer range' },
          { line: 4, reason: '"itemInSession" -9223372036854775809 is outside the signed 64-bit integer range' },
        ]);
        expect(await engine.query('SELECT item_in_session FROM songplays ORDER BY item_in_session')).toEqual([{ item_in_session: 0 }, { item_in_session: 4 }]);
      });
    });

    it('rejects a ts outside years 1–9999 UTC with file and line, and skips it under --max-errors', async () => {
      const yearZero = -62_135_596_800_001; // 0000-12-31T23:59:59.999Z
      const year10000 = 253_402_300_800_000; // 10000-01-01T00:00:00.000Z
      const first = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z, the first ms allowed
      const input = writeFixtureTree(freshDir(), {
        songs: { 'A/TR.json': [song()] },
        events: {
          [EVENTS]: [
            event({ ts: t0 }),
            event({ ts: yearZero, itemInSession: 1 }),
            event({ ts: year10000, itemInSession: 2 }),
            event({ ts: first, itemInSession: 3 }),
          ],
        },
      });
      const log = path.join(input.logData, EVENTS);
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await expect(createAndLoad(engine, input)).rejects.toThrow(`${log}:2: "ts" ${yearZero} is outside years 1–9999 UTC`);
        await expect(createAndLoad(engine, input, { maxErrors: 1 })).rejects.toThrow(/more than --max-errors 1 rejected records/);

        const report = await createAndLoad(engine, input, { maxErrors: 2 });
        expect(report.rejected.count).toBe(2);
        expect(await engine.query(`SELECT line, reason ${LATEST_ERRORS} ORDER BY line`)).toEqual([
          { line: 2, reason: `"ts" ${yearZero} is outside years 1–9999 UTC` },
          { line: 3, reason: `"ts" ${year10000} is outside years 1–9999 UTC` },
        ]);
        // What query and report read back: every start time is a Date.
        expect(await engine.query('SELECT start_time, item_in_session FROM songplays ORDER BY start_time')).toEqual([
          { start_time: new Date(first), item_in_session: 3 },
          { start_time: new Date(t0), item_in_session: 0 },
        ]);
        expect(await engine.query('SELECT year FROM "time" ORDER BY start_time')).toEqual([{ year: 1 }, { year: 2018 }]);
      });
    });

    it('rejects a line or song holding bytes that are not UTF-8, and keeps a genuine U+FFFD', async () => {
      const input = writeFixtureTree(freshDir(), { songs: { 'A/TR.json': [song()] }, events: {} });
      const log = path.join(input.logData, EVENTS);
      let item = 0;
      const line = (location: string) => JSON.stringify(event({ location, itemInSession: item++, ts: t0 }));
      const [prefix, suffix] = line('@').split('@') as [string, string];
      const withBytes = (...bytes: number[]) => Buffer.concat([Buffer.from(prefix), Buffer.from(bytes), Buffer.from(suffix)]);
      mkdirSync(path.dirname(log), { recursive: true });
      writeFileSync(log, Buffer.concat([
        Buffer.from(`${line('Paris')}\n`),
        withBytes(0x4c, 0xff, 0x4d), Buffer.from('\n'), // a byte that is never UTF-8
        Buffer.from(`${line('Lyon \uFFFD')}\n`), // U+FFFD itself, as UTF-8: valid
        withBytes(0xc0, 0xaf), Buffer.from('\r\n'), // an overlong "/"
        withBytes(0xed, 0xa0, 0x80), Buffer.from('\n'), // a UTF-16 surrogate
        Buffer.from(line('Nice')), Buffer.from([0xe2, 0x82]), // cut short at the end of the file
      ]));
      const badSong = path.join(input.songData, 'A/TRBAD.json');
      writeFileSync(badSong, Buffer.concat([Buffer.from('{\n  "song_id": "SOBAD", "artist_id": "AR", "title": "'), Buffer.from([0xe9]), Buffer.from('t\u00e9"\n}\n')]));
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await expect(createAndLoad(engine, input)).rejects.toThrow(`${log}:2: not valid JSON text: invalid UTF-8`);
        await createAndLoad(engine, input, { maxErrors: 5 });
        expect(await engine.query(`SELECT file, line, reason ${LATEST_ERRORS} ORDER BY file, line`)).toEqual(
          [[log, 2], [log, 4], [log, 5], [log, 6], [badSong, 1]].map(([file, at]) => ({ file, line: at, reason: 'not valid JSON text: invalid UTF-8' })),
        );
        expect(await engine.query('SELECT location FROM staging_events ORDER BY source_line')).toEqual([{ location: 'Paris' }, { location: 'Lyon \uFFFD' }]);
      });
    });

    it('loads a pretty-printed song file as one record, and several objects in one file, and names the line a bad object starts on', async () => {
      const pretty = (record: Record<string, unknown>) => JSON.stringify(record, null, 2);
      const input = writeFixtureTree(freshDir(), {
        songs: {
          // One object over twelve lines, CRLF endings, a BOM.
          'A/TRPRETTY.json': [`\uFEFF${pretty(song({ song_id: 'SO1', title: 'Pretty' })).replaceAll('\n', '\r\n')}`],
          // Objects one after another: pretty, then two on one line, blank lines between.
          'A/TRMANY.json': [pretty(song({ song_id: 'SO2' })), '', `${JSON.stringify(song({ song_id: 'SO3' }))} ${JSON.stringify(song({ song_id: 'SO4' }))}`],
          // Line 3 starts an object without a song_id; line 8, one that is not JSON; line 12, a good song.
          'A/TRBAD.json': ['', '', pretty({ artist_id: 'AR', title: 'No id' }), '', '{', '  "song_id": "SO5",', '  "title": oops', '}', '{ "song_id": "SO6", "artist_id": "AR6" }'],
        },
        events: { [EVENTS]: [event({ ts: t0 })] },
      });
      const bad = path.join(input.songData, 'A/TRBAD.json');
      await withEngine(await harness.freshWarehouse(), async (engine) => {
        await expect(createAndLoad(engine, input)).rejects.toThrow(`${bad}:3: "song_id" is missing or empty`);
        await createAndLoad(engine, input, { maxErrors: 2 });
        expect(await engine.query('SELECT song_id, title FROM songs ORDER BY song_id')).toEqual([
          { song_id: 'SO1', title: 'Pretty' },
          { song_id: 'SO2', title: 'Test Song' },
          { song_id: 'SO3', title: 'Test Song' },
          { song_id: 'SO4', title: 'Test Song' },
          { song_id: 'SO6', title: null },
        ]);
        expect(await engine.query('SELECT f.uri, s.source_line FROM staging_songs s JOIN load_files f ON f.file_id = s.source_file_id ORDER BY s.song_id'))
          .toEqual([['TRPRETTY', 1], ['TRMANY', 1], ['TRMANY', 14], ['TRMANY', 14], ['TRBAD', 12]]
            .map(([name, at]) => ({ uri: path.join(input.songData, `A/${String(name)}.json`), source_line: at })));
        const kept = await engine.query(`SELECT line, raw, reason ${LATEST_ERRORS} ORDER BY line`);
        expect(kept.map((row) => [row.line, row.reason])).toEqual([
          [3, '"song_id" is missing or empty'],
          [8, expect.stringMatching(/^not valid JSON/)],
        ]);
        expect(kept[0]?.raw).toBe(pretty({ artist_id: 'AR', title: 'No id' }));
        expect(kept[1]?.raw).toBe('{\n  "song_id": "SO5",\n  "title": oops\n}');
      });
    });
  });
}
