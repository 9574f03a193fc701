/**
 * DuckDB speaks the shared SQL as written, with four exceptions: it picks each user's
 * latest event, and each play's first copy, with one hash aggregate (arg_max, arg_min)
 * instead of a ranking; it matches songs once per track (transform.ts
 * smallestSongPerTrack); it writes songplay_id's input with one concat; and it takes the
 * seconds between two timestamps from their epoch milliseconds. (Its star tables carry no primary keys because the engine
 * declares `enforcesPrimaryKeys: false`, which the schema model reads: DuckDB builds an
 * in-memory ART index per key, which at 1 M plays cost a third of the transform and
 * much of its memory. Keys stay unique by construction and `sparkify check` verifies
 * it after every `run`.)
 */
import { MAX_LINES_PER_FILE } from '../../records/staging-record.js';
import { smallestSongPerTrack, songplayColumnsKeyedBy, songplaysFrom, usersFrom } from '../../sql/transform.js';
import { ansiQuoting, type Dialect } from '../dialect.js';

/**
 * Files in URI order, the tie-break between copies of an event: ranked once (100 k rows)
 * so the aggregates below compare integers, not URIs. With the URI itself in each
 * group's state, 800 k plays overran a 256 MB memory limit.
 */
const filesInOrder = `(SELECT file_id, ROW_NUMBER() OVER (ORDER BY uri) AS file_rank FROM load_files)`;

/**
 * Each user's latest event by one hash aggregate: arg_max over the same ordering the
 * portable query ranks by (a struct compares field by field; a null itemInSession ranks below
 * any number, as NULLS LAST does there, so it is compared as a flag and a value). A quarter of the ranking's
 * time at 1 M events (0.06 s against 0.25 s).
 */
const latestEventByArgMax = `
  SELECT arg_max(e.event_id, (e.ts_ms, e.item_in_session IS NOT NULL, COALESCE(e.item_in_session, 0), f.file_rank, e.source_line)) AS event_id
  FROM staging_events e
  JOIN ${filesInOrder} f ON f.file_id = e.source_file_id
  WHERE e.user_id <> ''
  GROUP BY e.user_id`;

/** Each play's first copy (by file, then line) the same way: half the ranking's time. */
const firstCopiesByArgMin = `
  SELECT arg_min(e.event_id, f.file_rank * ${MAX_LINES_PER_FILE} + e.source_line) AS event_id
  FROM staging_events e
  JOIN ${filesInOrder} f ON f.file_id = e.source_file_id
  WHERE e.page = 'NextSong' AND e.user_id <> ''
  GROUP BY e.session_id, e.item_in_session, e.user_id, e.ts_ms`;

/**
 * songplay_id's input, the same text as the portable `naturalKeyText`: concat casts each
 * part once, writes one string instead of seven intermediate ones, and takes a NULL part
 * as empty, as the COALESCEs do. 8 % less CPU for the whole songplays SELECT at 1 M
 * events (one thread, median of five: 2.35 s against 2.55 s).
 */
export const naturalKeyByConcat = `concat(p.session_id, '|', p.item_in_session, '|', p.user_id, '|', p.ts_ms)`;

/**
 * DuckDB's EXTRACT(EPOCH ...) is a DOUBLE of seconds since 1970, which holds about 1e-7 s
 * at today's dates: a difference of 2 ms came out as 0.0019998... epoch_ms is an exact
 * BIGINT, so the difference is exact before the one division.
 */
const secondsBetween = (earlier: string, later: string) => `CAST(epoch_ms(${later}) - epoch_ms(${earlier}) AS DOUBLE) / 1000`;

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  ...ansiQuoting,
  fragments: { secondsBetween },
  overrides: {
    'transform:users': usersFrom(latestEventByArgMax),
    'transform:songplays': songplaysFrom(firstCopiesByArgMin, 'staging_events', smallestSongPerTrack, songplayColumnsKeyedBy(naturalKeyByConcat)),
  },
};
