/**
 * The star tables in the order they are built (songplays needs next_songs; time needs
 * next_songplays), with their key and columns, which sql/merge.ts needs.
 */
import type { SqlStepName } from './steps.js';

export interface StarTable {
  readonly name: 'songs' | 'artists' | 'users' | 'songplays' | 'time';
  readonly key: string;
  readonly columns: readonly string[];
  /** The step that creates the temporary `next_<name>` holding the table's next contents. */
  readonly buildNext: SqlStepName;
}

export const starTables: readonly StarTable[] = [
  {
    name: 'songs',
    key: 'song_id',
    columns: ['song_id', 'title', 'artist_id', 'year', 'duration'],
    buildNext: 'buildNextSongs',
  },
  {
    name: 'artists',
    key: 'artist_id',
    columns: ['artist_id', 'name', 'location', 'latitude', 'longitude'],
    buildNext: 'buildNextArtists',
  },
  {
    name: 'users',
    key: 'user_id',
    columns: ['user_id', 'first_name', 'last_name', 'gender', 'level'],
    buildNext: 'buildNextUsers',
  },
  {
    name: 'songplays',
    key: 'songplay_id',
    columns: [
      'songplay_id', 'start_time', 'user_id', 'level', 'song_id', 'artist_id',
      'session_id', 'location', 'user_agent', 'item_in_session',
    ],
    buildNext: 'buildNextSongplays',
  },
  {
    name: 'time',
    key: 'start_time',
    columns: ['start_time', 'hour', 'day', 'week', 'month', 'year', 'weekday'],
    buildNext: 'buildNextTime',
  },
];

export type StarTableName = StarTable['name'];
