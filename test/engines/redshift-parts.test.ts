/**
 * Bundling records into gzip NDJSON parts for COPY: a round trip through gunzip and
 * JSON.parse finds every record exactly once, with its file id, line and values.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { eventIdOf, type StagingBatch, type StagingRecord } from '../../src/records/staging-record.js';
import { validateLine } from '../../src/records/validate.js';
import { readPartLine, writeParts, type WrittenPart } from '../../src/engines/redshift/ndjson-parts.js';
import { event, song } from '../support/fixture-tree.js';
import { makeTempDir } from '../support/temp-dir.js';
import { nastyStrings } from '../support/nasty-strings.js';

const temp = makeTempDir('redshift-parts');
afterAll(() => temp.remove());

function recordsOf(kind: 'events' | 'songs', lines: readonly Record<string, unknown>[], fileId: number): StagingRecord[] {
  return lines.map((fields, index) => {
    const raw = JSON.stringify(fields);
    const result = validateLine(kind, raw);
    if (!result.ok) throw new Error(result.reason);
    return { fileId, line: index * 2 + 1, raw, fields: result.fields };
  });
}

async function* batchesOf(records: readonly StagingRecord[], size: number): AsyncGenerator<StagingBatch> {
  for (let i = 0; i < records.length; i += size) yield { records: records.slice(i, i + size), bytes: 0, files: 0 };
}

function readPart(part: WrittenPart): Record<string, unknown>[] {
  const text = gunzipSync(readFileSync(part.file)).toString('utf8');
  expect(createHash('sha256').update(text).digest('hex')).toBe(part.sha256);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('gzip NDJSON parts', () => {
  // 40 files of 25 events each, user agents with quotes, backslashes, newlines, emoji.
  const events = Array.from({ length: 40 }, (_, file) =>
    recordsOf('events', Array.from({ length: 25 }, (_, i) => event({
      ts: Date.UTC(2018, 10, 1) + file * 1000 + i, itemInSession: i, userAgent: nastyStrings[i % nastyStrings.length], userId: String(file),
    })), file + 1)).flat();

  it('bundles many files into a few parts, every record exactly once, with file id, line and values', async () => {
    const folder = makeTempDir('bundled');
    const parts = await writeParts('events', batchesOf(events, 37), folder.path, { maxPartBytes: 100_000, partPerFile: false });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThan(10);
    const lines = parts.flatMap(readPart);
    expect(lines).toHaveLength(events.length);
    expect(parts.reduce((sum, part) => sum + part.rows, 0)).toBe(events.length);

    const seen = new Set<string>();
    for (const line of lines) {
      const key = `${line.source_file_id}:${line.source_line}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    lines.forEach((line, index) => {
      const record = events[index] as StagingRecord;
      const fields = record.fields as unknown as Record<string, unknown>;
      expect(line).toEqual({
        source_file_id: record.fileId, source_line: record.line, event_id: eventIdOf(record.fileId, record.line),
        artist_name: fields.artist, auth: fields.auth, user_first_name: fields.firstName, user_gender: fields.gender,
        item_in_session: fields.itemInSession, user_last_name: fields.lastName, song_length: fields.length,
        user_level: fields.level, location: fields.location, method: fields.method, page: fields.page,
        registration: fields.registration, session_id: fields.sessionId, song_title: fields.song, status: fields.status,
        timestamp: fields.ts, ts_ms: fields.ts, user_agent: fields.userAgent, user_id: fields.userId,
      });
    });
    // Provenance first, so even a line Redshift cuts at 1024 bytes names its record.
    const [first] = gunzipSync(readFileSync((parts[0] as WrittenPart).file)).toString().split('\n');
    expect(first).toMatch(/^\{"source_file_id":1,"source_line":1,"event_id":100000001,/);
    folder.remove();
  });

  it('writes one part per input file when asked (the unbundled way)', async () => {
    const folder = makeTempDir('per-file');
    const parts = await writeParts('events', batchesOf(events, 37), folder.path, { maxPartBytes: 1 << 30, partPerFile: true });
    expect(parts).toHaveLength(40);
    parts.forEach((part, index) => {
      const lines = readPart(part);
      expect(lines).toHaveLength(25);
      expect(new Set(lines.map((line) => line.source_file_id))).toEqual(new Set([index + 1]));
    });
    folder.remove();
  });

  it('names identical content identically, so a re-run can skip what is uploaded', async () => {
    const songs = recordsOf('songs', [song({ song_id: 'SOA', year: 0 }), song({ song_id: 'SOB', artist_location: '' })], 7);
    const one = await writeParts('songs', batchesOf(songs, 1), temp.path + '/', { maxPartBytes: 1 << 20, partPerFile: false });
    const again = makeTempDir('again');
    const two = await writeParts('songs', batchesOf(songs, 2), again.path, { maxPartBytes: 1 << 20, partPerFile: false });
    expect(two.map((part) => part.sha256)).toEqual(one.map((part) => part.sha256));
    expect(readPart(one[0] as WrittenPart)[0]).toMatchObject({ song_id: 'SOA', year: 0, location: '', source_file_id: 7 });
    again.remove();
  });

  it('reads a line of a part back, to name a record COPY refused', async () => {
    const folder = makeTempDir('lookup');
    const [part] = await writeParts('events', batchesOf(events.slice(0, 30), 7), folder.path, { maxPartBytes: 1 << 20, partPerFile: false });
    const line = await readPartLine((part as WrittenPart).file, 27);
    expect(JSON.parse(line ?? '{}')).toMatchObject({ source_file_id: 2, source_line: 3 });
    expect(await readPartLine((part as WrittenPart).file, 31)).toBeUndefined();
    folder.remove();
  });

  it('writes nothing for no records', async () => {
    expect(await writeParts('songs', batchesOf([], 1), temp.path, { maxPartBytes: 10, partPerFile: false })).toEqual([]);
  });
});
