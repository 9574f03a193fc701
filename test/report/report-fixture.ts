/**
 * A small warehouse whose every report figure is worked out by hand below.
 *
 * Three catalogue songs by two artists; three listeners over three days (UTC):
 *   Thu 2018-11-01  user 10 (free)  session 100: Alpha 09:00:00, Beta 09:03:00, unmatched 09:06:20
 *                   user 20 (paid)  session 200: Alpha 09:30:00, Gamma 09:33:20
 *   Fri 2018-11-02  user 10 (paid)  session 101: Alpha 21:00:00, Alpha 21:03:00, Gamma 21:06:20, Beta 21:10:20
 *                   user 30 (free)  session 300: Alpha 21:15:00, Gamma 21:18:00
 *   Sun 2018-11-04  user 20 (free)  session 201: Gamma 14:00:00, unmatched 14:04:00
 * plus events that are not plays: a Home page view and a logged-out NextSong.
 * Beta's title holds markup characters, to prove the report escapes data. The two
 * unmatched plays name "Unknown Tune" by an artist stored double-encoded, as the public
 * logs store Björk, to prove the report shows it repaired and counts it.
 */
import { event, song, writeFixtureTree } from '../support/fixture-tree.js';

export const betaTitle = 'Beta <Song> & "Co"';
/** "Björk" as the public event logs store it: UTF-8 read as Latin-1 and encoded again, twice. */
export const garbledArtist = 'Bj\u00c3\u0083\u00c2\u00b6rk';

const agents = {
  chromeMac: '"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"',
  firefoxWin7: '"Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0"',
  firefoxWin81: '"Mozilla/5.0 (Windows NT 6.3; WOW64; rv:32.0) Gecko/20100101 Firefox/32.0"',
  iphone: '"Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53"',
};

const songs = {
  alpha: { song_id: 'SOAAAAA000000001', title: 'Alpha Song', artist_id: 'ARAAAAA000000001', artist_name: 'The Alphas', duration: 180 },
  beta: { song_id: 'SOBBBBB000000002', title: betaTitle, artist_id: 'ARAAAAA000000001', artist_name: 'The Alphas', duration: 200 },
  gamma: { song_id: 'SOCCCCC000000003', title: 'Gamma Song', artist_id: 'ARCCCCC000000002', artist_name: 'Gamma Ray', duration: 240 },
};
type SongKey = keyof typeof songs | 'unmatched';

const users = {
  10: { firstName: 'Ada', lastName: 'Lovelace', gender: 'F', location: 'London, UK' },
  20: { firstName: 'Bob', lastName: 'Babbage', gender: 'M', location: 'Paris, FR' },
  30: { firstName: 'Cy', lastName: 'Cyan', gender: 'M', location: 'London, UK' },
};

function play(
  userId: 10 | 20 | 30,
  level: 'free' | 'paid',
  sessionId: number,
  item: number,
  at: string,
  which: SongKey,
  userAgent: string,
): Record<string, unknown> {
  const heard = which === 'unmatched' ? { title: 'Unknown Tune', artist_name: garbledArtist, duration: 100 } : songs[which];
  return event({
    ...users[userId],
    userId: String(userId),
    level,
    sessionId,
    itemInSession: item,
    ts: Date.parse(`${at}Z`),
    song: heard.title,
    artist: heard.artist_name,
    length: heard.duration,
    userAgent,
  });
}

export function writeReportFixture(root: string): { songData: string; logData: string } {
  const s = (key: keyof typeof songs): Record<string, unknown> => song({ ...songs[key], year: 2001 });
  return writeFixtureTree(root, {
    songs: {
      'A/A/A/TRAAAAA.json': [s('alpha')],
      'A/B/B/TRBBBBB.json': [s('beta')],
      'A/C/C/TRCCCCC.json': [s('gamma')],
    },
    events: {
      '2018/11/2018-11-01-events.json': [
        event({ ...users[10], userId: '10', page: 'Home', song: null, artist: null, length: null, ts: Date.parse('2018-11-01T08:59:00Z'), sessionId: 100, itemInSession: 99 }),
        play(10, 'free', 100, 0, '2018-11-01T09:00:00', 'alpha', agents.chromeMac),
        play(10, 'free', 100, 1, '2018-11-01T09:03:00', 'beta', agents.chromeMac),
        play(10, 'free', 100, 2, '2018-11-01T09:06:20', 'unmatched', agents.chromeMac),
        play(20, 'paid', 200, 0, '2018-11-01T09:30:00', 'alpha', agents.firefoxWin7),
        play(20, 'paid', 200, 1, '2018-11-01T09:33:20', 'gamma', agents.firefoxWin7),
        event({ userId: '', firstName: null, lastName: null, gender: null, level: 'free', auth: 'Logged Out', sessionId: 999, itemInSession: 0, ts: Date.parse('2018-11-01T10:00:00Z') }),
      ],
      '2018/11/2018-11-02-events.json': [
        play(10, 'paid', 101, 0, '2018-11-02T21:00:00', 'alpha', agents.chromeMac),
        play(10, 'paid', 101, 1, '2018-11-02T21:03:00', 'alpha', agents.chromeMac),
        play(10, 'paid', 101, 2, '2018-11-02T21:06:20', 'gamma', agents.chromeMac),
        play(10, 'paid', 101, 3, '2018-11-02T21:10:20', 'beta', agents.chromeMac),
        play(30, 'free', 300, 0, '2018-11-02T21:15:00', 'alpha', agents.iphone),
        play(30, 'free', 300, 1, '2018-11-02T21:18:00', 'gamma', agents.iphone),
      ],
      '2018/11/2018-11-04-events.json': [
        play(20, 'free', 201, 0, '2018-11-04T14:00:00', 'gamma', agents.firefoxWin81),
        play(20, 'free', 201, 1, '2018-11-04T14:04:00', 'unmatched', agents.firefoxWin81),
      ],
    },
  });
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** What each named query returns on the fixture, rows in query order. */
export const expectedRows: Record<string, readonly Record<string, unknown>[]> = {
  headline: [
    {
      plays: 13,
      listeners: 3,
      songs_heard: 3,
      artists_heard: 2,
      matched_plays: 11,
      matched_share: 11 / 13,
      first_play: new Date('2018-11-01T09:00:00Z'),
      last_play: new Date('2018-11-04T14:04:00Z'),
    },
  ],
  'unmatched-plays': [{ unmatched_plays: 2, listeners: 2 }],
  'top-songs': [
    { song_id: songs.alpha.song_id, title: 'Alpha Song', artist: 'The Alphas', plays: 5, listeners: 3 },
    { song_id: songs.gamma.song_id, title: 'Gamma Song', artist: 'Gamma Ray', plays: 4, listeners: 3 },
    { song_id: songs.beta.song_id, title: betaTitle, artist: 'The Alphas', plays: 2, listeners: 1 },
  ],
  'top-artists': [
    { artist_id: songs.alpha.artist_id, artist: 'The Alphas', plays: 7, songs: 2, listeners: 3 },
    { artist_id: songs.gamma.artist_id, artist: 'Gamma Ray', plays: 4, songs: 1, listeners: 3 },
  ],
  'listened-totals': [{ plays: 13, songs: 4, artists: 3 }],
  'listened-songs': [
    { title: 'Alpha Song', artist: 'The Alphas', plays: 5, listeners: 3 },
    { title: 'Gamma Song', artist: 'Gamma Ray', plays: 4, listeners: 3 },
    { title: betaTitle, artist: 'The Alphas', plays: 2, listeners: 1 },
    { title: 'Unknown Tune', artist: garbledArtist, plays: 2, listeners: 2 },
  ],
  'listened-artists': [
    { artist: 'The Alphas', plays: 7, songs: 2, listeners: 3 },
    { artist: 'Gamma Ray', plays: 4, songs: 1, listeners: 3 },
    { artist: garbledArtist, plays: 2, songs: 1, listeners: 2 },
  ],
  'catalogue-matches': [
    { outcome_order: 1, outcome: 'matched', plays: 11, listeners: 3 },
    { outcome_order: 4, outcome: 'title not in catalogue', plays: 2, listeners: 2 },
  ],
  'latest-load': [
    {
      run_id: 1,
      total_plays: 13,
      plays_added: 13,
      total_listeners: 3,
      listeners_added: 3,
      total_users: 3,
      new_users: 3,
      total_level_changes: 2,
      level_changes_added: 2,
    },
  ],
  'plays-per-day': [
    { day: day('2018-11-01'), plays: 5, listeners: 2 },
    { day: day('2018-11-02'), plays: 6, listeners: 2 },
    { day: day('2018-11-04'), plays: 2, listeners: 1 },
  ],
  'plays-by-hour-weekday': [
    { weekday: 0, hour: 14, plays: 2 },
    { weekday: 4, hour: 9, plays: 5 },
    { weekday: 5, hour: 21, plays: 6 },
  ],
  'plays-by-level': [
    { level: 'free', plays: 7, listeners: 3 },
    { level: 'paid', plays: 6, listeners: 2 },
  ],
  'level-changes': [
    { user_id: 10, from_level: 'free', to_level: 'paid', changed_at: new Date('2018-11-02T21:00:00Z'), direction: 'upgrade' },
    { user_id: 20, from_level: 'paid', to_level: 'free', changed_at: new Date('2018-11-04T14:00:00Z'), direction: 'downgrade' },
  ],
  'top-locations': [
    { location: 'London, UK', plays: 9, listeners: 2 },
    { location: 'Paris, FR', plays: 4, listeners: 1 },
  ],
  'user-agents': [
    { user_agent: agents.chromeMac, plays: 7, listeners: 1 },
    { user_agent: agents.firefoxWin7, plays: 2, listeners: 1 },
    { user_agent: agents.firefoxWin81, plays: 2, listeners: 1 },
    { user_agent: agents.iphone, plays: 2, listeners: 1 },
  ],
  'session-sizes': [
    { bucket_start: 2, bucket: '2', sessions: 3 },
    { bucket_start: 3, bucket: '3', sessions: 1 },
    { bucket_start: 4, bucket: '4', sessions: 1 },
  ],
  // Sessions last 380, 620, 200, 240 and 180 s (last minus first play start).
  'session-lengths': [
    { bucket_order: 2, bucket: '1-5 min', sessions: 3 },
    { bucket_order: 3, bucket: '5-15 min', sessions: 2 },
  ],
  'session-median': [{ sessions: 5, median_seconds: 240 }],
  'display-names': [
    { kind: 'artist', name: garbledArtist },
    { kind: 'artist', name: 'Gamma Ray' },
    { kind: 'artist', name: 'The Alphas' },
    { kind: 'song', name: 'Alpha Song' },
    { kind: 'song', name: betaTitle },
    { kind: 'song', name: 'Gamma Song' },
    { kind: 'song', name: 'Unknown Tune' },
  ],
};

/** Families ua-parser-js gives the fixture's agents, plays summed per family. */
export const expectedFamilies = {
  browsers: [
    { family: 'Chrome', plays: 7 },
    { family: 'Firefox', plays: 4 },
    { family: 'Mobile Safari', plays: 2 },
  ],
  systems: [
    { family: 'macOS', plays: 7 },
    { family: 'Windows', plays: 4 },
    { family: 'iOS', plays: 2 },
  ],
};

/** Session lengths 380 s, 620 s, 200 s, 240 s, 180 s. */
export const expectedSessionLengths = {
  '1-5 min': 3,
  '5-15 min': 2,
  count: 5,
  medianSeconds: 240,
};
