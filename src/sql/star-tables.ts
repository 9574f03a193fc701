/**
 * The star tables in the order they are built (songplays reads songs; time reads
 * songplays), with their key and columns, which sql/merge.ts needs.
 */
import type { SqlStepName } from './steps.js';

export interface StarTable {
  readonly name: 'songs' | 'artists' | 'users' | 'songplays' | 'time';
  readonly key: string;
  readonly columns: readonly string[];
  /** The columns holding text, which an engine ignoring trailing blanks must compare with care (Dialect.textDistinguisher). */
  readonly textColumns: readonly string[];
  /** The step whose SELECT gives the table's next contents. */
  readonly select: SqlStepName;
}

export const starTables: readonly StarTable[] = [
  {
    name: 'songs',
    key: 'song_id',
    columns: ['song_id', 'title', 'artist_id', 'year', 'duration'],
    textColumns: ['song_id', 'title', 'artist_id'],
    select: 'selectSongs',
  },
  {
    name: 'artists',
    key: 'artist_id',
    columns: ['artist_id', 'name', 'location', 'latitude', 'longitude'],
    textColumns: ['artist_id', 'name', 'location'],
    select: 'selectArtists',
  },
  {
    name: 'users',
    key: 'user_id',
    columns: ['user_id', 'first_name', 'last_name', 'gender', 'level'],
    textColumns: ['first_name', 'last_name', 'gender', 'level'],
    select: 'selectUsers',
  },
  {
    name: 'songplays',
    key: 'songplay_id',
    columns: [
      'songplay_id', 'start_time', 'user_id', 'level', 'song_id', 'artist_id',
      'session_id', 'location', 'user_agent', 'item_in_session',
    ],
    textColumns: ['songplay_id', 'level', 'song_id', 'artist_id', 'location', 'user_agent'],
    select: 'selectSongplays',
  },
  {
    name: 'time',
    key: 'start_time',
    columns: ['start_time', 'hour', 'day', 'week', 'month', 'year', 'weekday'],
    textColumns: [],
    select: 'selectTime',
  },
];

export type StarTableName = StarTable['name'];
