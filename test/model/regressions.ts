/**
 * Shrunk counterexamples the properties found, kept as fixed cases that run on every
 * engine (define-model-properties.ts). Paste a failing run's printed scenario here with
 * a line saying what it caught; keep the dataset as printed, so the case does not
 * depend on today's generators.
 */
import type { Scenario } from './check-scenario.js';
import type { Quirk } from './quirks.js';

export interface Regression {
  readonly name: string;
  /** Runs only when these switches are on (the fix they need is pending). */
  readonly needs?: readonly Quirk[];
  readonly scenario: Scenario;
}

const bulkPlay = `{"artist": "Bulk", "auth": "Logged In", "firstName": "Bea", "gender": "F", "itemInSession": #, "lastName": "Bulk", "length": 1.5, "level": "paid", "location": "${'x'.repeat(200)}", "method": "PUT", "page": "NextSong", "registration": null, "sessionId": 99, "song": "Bulk", "status": 200, "ts": 1541030400000, "userAgent": "bulk", "userId": "42"}`;

export const regressions: readonly Regression[] = [
  {
    name: 'userId "2147483648" is an ordinary value (issue #10 item 4)',
    needs: ['int64'],
    scenario: {
      dataset: [
        { path: 'song_data/A/A/X/TRA0.json', content: [] },
        {
          path: 'log_data/2018/11/2018-11-01-events.json',
          content: ['{"artist": "Elena ", "auth": "Logged In", "firstName": "Ann", "gender": "F", "itemInSession": 0, "lastName": "Ann", "length": 200.5, "level": "free", "location": "San Francisco-Oakland-Hayward, CA", "method": "PUT", "page": "NextSong", "registration": null, "sessionId": 1, "song": "Setanta matins", "status": 200, "ts": 1541030400000, "userAgent": "\\"Mozilla\\/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit\\/537.36\\"", "userId": "2147483648"}'],
        },
      ],
      tolerant: false,
      split: false,
    },
  },
  {
    name: 'a ts past year 9999 is a rejected record (issue #10 item 5)',
    needs: ['tsRange'],
    scenario: {
      dataset: [
        { path: 'song_data/A/A/X/TRA0.json', content: [] },
        { path: 'log_data/2018/11/2018-11-01-events.json', content: ['{"ts": 253402300800000, "userId": "7", "sessionId": 1, "itemInSession": 0, "page": "NextSong"}'] },
      ],
      tolerant: false,
      split: false,
    },
  },
  {
    name: 'invalid UTF-8 inside a string is a rejected record (issue #10 item 6)',
    needs: ['invalidUtf8'],
    scenario: {
      dataset: [
        { path: 'song_data/A/A/X/TRA0.json', content: [] },
        {
          path: 'log_data/2018/11/2018-11-01-events.json',
          content: ['{"artist": "Elena ", "page": "NextSong", "sessionId": 1, "itemInSession": 0, "song": "', { bytes: [128] }, 'Setanta matins", "ts": 1541030400000, "userId": "7"}'],
        },
        { path: 'log_data/2018/11/2018-11-02-events.json', content: [] },
      ],
      tolerant: false,
      split: false,
    },
  },
  {
    name: 'a pretty-printed song file is one record (issue #10 item 7)',
    needs: ['prettySongs'],
    scenario: {
      dataset: [
        {
          path: 'song_data/A/A/X/TRA0.json',
          content: [
            '{\n  "num_songs": 1,\n  "artist_id": "ARAAAAA1",\n  "artist_latitude": null,\n  "artist_longitude": null,\n  "artist_location": "",\n  "artist_name": "Elena",\n  "song_id": "SOAAAAA12",\n  "title": "Setanta matins",\n  "duration": 200.5,\n  "year": 0\n}',
          ],
        },
        { path: 'log_data/2018/11/2018-11-01-events.json', content: [] },
      ],
      tolerant: false,
      split: false,
    },
  },
  {
    name: 'a song file under a symbolic link to a folder is read (issue #10 item 9)',
    needs: ['symlinks'],
    scenario: {
      dataset: [
        { path: 'song_data/A/A/linked/TRA0.json', content: ['{"song_id": "SO1", "artist_id": "AR1", "title": "x"}\n'] },
        { path: 'log_data/2018/11/2018-11-01-events.json', content: [] },
      ],
      tolerant: false,
      split: false,
    },
  },
  {
    name: 'a valid 33 MiB line loads on every engine (issue #10 item 8: DuckDB maximum_object_size)',
    needs: ['hugeLines'],
    scenario: {
      dataset: [
        { path: 'song_data/A/A/X/TRA0.json', content: ['{"song_id": "SO1", "artist_id": "AR1", "title": "x"}\n'] },
        {
          path: 'log_data/2018/11/2018-11-09-events.json',
          content: ['{"artist": null, "page": "NextSong", "sessionId": 77, "itemInSession": 0, "ts": 1541030400000, "userAgent": "', { repeat: 'x', times: 33 * 1024 * 1024 }, '", "userId": "77"}\n'],
        },
      ],
      tolerant: false,
      split: false,
    },
  },
  {
    name: 'a reject just after DuckDB wrote 1 MiB to a staging part fails the load cleanly (issue #10 item 3: ERR_STREAM_DESTROYED)',
    needs: ['lateReject'],
    scenario: {
      dataset: [
        { path: 'song_data/A/A/X/TRA0.json', content: ['{"song_id": "SO1", "artist_id": "AR1", "title": "x"}\n'] },
        { path: 'log_data/2018/11/2018-11-00-events.json', content: [{ template: bulkPlay, count: 2300 }, '{"ts": 1541030400000, "userId": "7", "page": "NextSong"\n'] },
      ],
      tolerant: false,
      split: false,
    },
  },
  {
    name: 'a play with itemInSession null is a record, not a reject (SPEC.md: integers or null)',
    needs: ['nullIds'],
    scenario: {
      dataset: [
        { path: 'song_data/A/A/X/TRA0.json', content: [] },
        {
          path: 'log_data/2018/11/2018-11-01-events.json',
          content: [
            '{"artist": "Elena ", "auth": "Logged In", "firstName": "Ann", "gender": "F", "itemInSession": null, "lastName": "Ann", "length": 200.5, "level": "free", "location": "San Francisco-Oakland-Hayward, CA", "method": "PUT", "page": "NextSong", "registration": null, "sessionId": 1, "song": "Setanta matins", "status": 200, "ts": 1541030400000, "userAgent": "\\"Mozilla\\/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit\\/537.36\\"", "userId": "7"}',
          ],
        },
      ],
      tolerant: false,
      split: false,
    },
  },
];
