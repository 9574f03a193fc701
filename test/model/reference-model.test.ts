/** The reference model checked against SPEC.md's own figures and examples, before it judges any engine. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAvailable, sampleRoot, sampleSkipReason } from '../support/sample-data.js';
import { runModel } from './spec-model/reference-model.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const files = (entries: Record<string, string | Uint8Array>) =>
  new Map(Object.entries(entries).map(([name, content]) => [name, typeof content === 'string' ? utf8(content) : content]));

function readTree(root: string, prefix: string, into: Map<string, Uint8Array>): void {
  for (const name of readdirSync(root)) {
    const full = path.join(root, name);
    if (statSync(full).isDirectory()) readTree(full, `${prefix}${name}/`, into);
    else if (name.endsWith('.json')) into.set(`${prefix}${name}`, readFileSync(full));
  }
}

const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ artist: null, firstName: 'Ann', gender: 'F', itemInSession: 0, lastName: 'Lee', length: null, level: 'free', location: null, page: 'NextSong', sessionId: 1, song: null, ts: 1541000000000, userAgent: null, userId: '7', ...fields });

describe('reference model', () => {
  it.skipIf(!sampleAvailable)(`gives SPEC.md's reference figures on udacity-sample${sampleAvailable ? '' : ` (${sampleSkipReason})`}`, () => {
    const input = new Map<string, Uint8Array>();
    readTree(path.join(sampleRoot, 'song_data'), 'song_data/', input);
    readTree(path.join(sampleRoot, 'log_data'), 'log_data/', input);
    const { rejects, staging, tables } = runModel(input);
    expect(rejects).toEqual([]);
    expect(staging).toEqual({ events: 8056, songs: 71 });
    expect(tables.songplays).toHaveLength(6820);
    expect(tables.songplays.filter((p) => p.song_id !== null)).toHaveLength(1);
    expect(tables.users).toHaveLength(97);
    expect(tables.songs).toHaveLength(71);
    expect(tables.songs.filter((s) => s.year === null)).toHaveLength(43);
    expect(tables.artists).toHaveLength(69);
    expect(tables.time).toHaveLength(6813);
  });

  it('reads SPEC.md quirks: BOM, CRLF, blank lines, `.0` ts, 64-bit ids, a pretty-printed song file', () => {
    const { rejects, tables, staging } = runModel(
      files({
        'log_data/a.json': `\u{feff}${event({ ts: '1546214400123.0' }).replace('"1546214400123.0"', '1546214400123.0')}\r\n\r\n  \n${event({ userId: '2147483648', sessionId: 3000000000 })}\n`,
        'song_data/A/TR.json': '\n{\n  "song_id": "SO1",\n  "title": "T",\n  "year": 0\n}\n',
      }),
    );
    expect(rejects).toEqual([]);
    expect(staging).toEqual({ events: 2, songs: 1 });
    expect(tables.songplays.map((p) => [p.start_time, p.user_id, p.session_id])).toEqual([
      ['2018-12-31T00:00:00.123Z', '7', '1'],
      ['2018-10-31T15:33:20.000Z', '2147483648', '3000000000'],
    ]);
    expect(tables.songs).toEqual([{ song_id: 'SO1', title: 'T', artist_id: null, year: null, duration: null }]);
  });

  it('rejects invalid UTF-8, out-of-range ts and ids, naming the line where a song object starts', () => {
    const bad = new Uint8Array([...utf8('{"title": "a'), 0xc3, 0x28, ...utf8('"}\n')]);
    const { rejects } = runModel(
      files({
        'log_data/a.json': [event({ ts: 253402300800000 }), event({ userId: '9223372036854775808' }), event({ sessionId: 1.5 }), event({ itemInSession: '1' }), '{"ts":'].join('\n'),
        'song_data/A/TR.json': new Uint8Array([...utf8('{"song_id": "SO1"}\n\n'), ...bad]),
      }),
    );
    expect(rejects).toEqual([
      { file: 'log_data/a.json', line: 1, kind: 'ts' },
      { file: 'log_data/a.json', line: 2, kind: 'userId' },
      { file: 'log_data/a.json', line: 3, kind: 'sessionId' },
      { file: 'log_data/a.json', line: 4, kind: 'itemInSession' },
      { file: 'log_data/a.json', line: 5, kind: 'json' },
      { file: 'song_data/A/TR.json', line: 3, kind: 'json' },
    ]);
  });

  it('keeps a user as of the latest event (ts, then itemInSession) and one play per natural key', () => {
    const { tables } = runModel(
      files({
        'log_data/a.json': [event({ level: 'free', itemInSession: 2 }), event({ level: 'paid', itemInSession: 1, page: 'Home' })].join('\n'),
        'log_data/b.json': event({ level: 'paid', itemInSession: 2, location: 'copy' }),
      }),
    );
    expect(tables.users).toEqual([{ user_id: '7', first_name: 'Ann', last_name: 'Lee', gender: 'F', level: 'paid' }]);
    expect(tables.songplays.map((p) => [p.item_in_session, p.level, p.location])).toEqual([['2', 'free', null]]);
    expect(tables.time).toEqual([{ start_time: '2018-10-31T15:33:20.000Z', hour: 15, day: 31, week: 44, month: 10, year: 2018, weekday: 3 }]);
  });
});
