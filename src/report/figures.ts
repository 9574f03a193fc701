/**
 * ReportFigures: every number the report shows, row for row as the named queries
 * return them (snake_case columns), plus what the report derives in Node. Tests
 * compare these with the same queries run directly.
 */
import type { CheckResult } from '../checks/run-checks.js';
import type { RunSummary } from '../pipeline/run-history.js';
import type { LengthBucket } from './session-lengths.js';
import type { FamilyCount } from './user-agents.js';
import type { WarehouseState } from './warehouse-state.js';

export interface HeadlineRow {
  readonly plays: number;
  readonly listeners: number;
  readonly songs_heard: number;
  readonly artists_heard: number;
  readonly matched_plays: number;
  /** matched_plays / plays, or null with no plays. */
  readonly matched_share: number | null;
  readonly first_play: Date | null;
  readonly last_play: Date | null;
}

export interface UnmatchedRow {
  readonly unmatched_plays: number;
  readonly listeners: number;
}

export interface TopSongRow {
  readonly song_id: string;
  readonly title: string | null;
  readonly artist: string | null;
  readonly plays: number;
  readonly listeners: number;
}

export interface TopArtistRow {
  readonly artist_id: string;
  readonly artist: string | null;
  readonly plays: number;
  readonly songs: number;
  readonly listeners: number;
}

export interface DayRow {
  /** Midnight UTC of the day. */
  readonly day: Date;
  readonly plays: number;
  readonly listeners: number;
}

export interface HourWeekdayRow {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly hour: number;
  readonly plays: number;
}

export interface LevelRow {
  readonly level: string | null;
  readonly plays: number;
  readonly listeners: number;
}

export interface LevelChangeRow {
  /** A bigint past 2^53: ids are 64-bit and shown exactly. */
  readonly user_id: number | bigint;
  readonly from_level: string | null;
  readonly to_level: string | null;
  readonly changed_at: Date;
  readonly direction: string;
}

export interface LocationRow {
  readonly location: string | null;
  readonly plays: number;
  readonly listeners: number;
}

export interface UserAgentRow {
  readonly user_agent: string | null;
  readonly plays: number;
  readonly listeners: number;
}

export interface SessionSizeRow {
  readonly bucket_start: number;
  readonly bucket: string;
  readonly sessions: number;
}

export interface ReportFigures {
  /** 'loaded' when there are plays to chart; otherwise the report is the empty page. */
  readonly state: WarehouseState;
  readonly headline: HeadlineRow;
  readonly unmatched: UnmatchedRow;
  readonly topSongs: readonly TopSongRow[];
  readonly topArtists: readonly TopArtistRow[];
  readonly playsPerDay: readonly DayRow[];
  readonly playsByHourWeekday: readonly HourWeekdayRow[];
  readonly playsByLevel: readonly LevelRow[];
  readonly levelChanges: readonly LevelChangeRow[];
  readonly topLocations: readonly LocationRow[];
  readonly userAgents: readonly UserAgentRow[];
  /** Plays per browser and OS family, parsed from userAgents in Node. */
  readonly browsers: readonly FamilyCount[];
  readonly systems: readonly FamilyCount[];
  readonly sessionSizes: readonly SessionSizeRow[];
  /** From the session-spans query, bucketed in Node. */
  readonly sessionLengths: readonly LengthBucket[];
  readonly sessionCount: number;
  readonly medianSessionSeconds: number | null;
  readonly checks: readonly CheckResult[];
  readonly runs: readonly RunSummary[];
}

export const emptyHeadline: HeadlineRow = {
  plays: 0,
  listeners: 0,
  songs_heard: 0,
  artists_heard: 0,
  matched_plays: 0,
  matched_share: null,
  first_play: null,
  last_play: null,
};
