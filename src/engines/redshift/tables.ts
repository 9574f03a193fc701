/**
 * Redshift's part of the schema model (sql/schema.ts): its type names and its table
 * options. Same tables, columns and order as every engine, with what Redshift needs:
 *
 * Sizes. Redshift reads TEXT as VARCHAR(256), too short for a user agent, a song
 * title, a file URI or an error message. Free text is VARCHAR(65535), the maximum, so
 * no value any other engine accepts is cut or refused here; codes (level, page, auth,
 * method, gender) and ids are VARCHAR(256), plenty for their data, and kept narrow
 * because temporary tables of the transform are not compressed: declared width is
 * memory there. A code or id longer than 256 bytes is refused by COPY, with its
 * reason, into load_errors (docs/redshift.md).
 *
 * Distribution and sort keys, for the analytic queries (plays over time, by level, by
 * user, top songs and artists) and for the transform's joins:
 * - songplays and time: DISTKEY(start_time), SORTKEY(start_time). `time` has about a
 *   row per play, so it is as big as the fact table and must not be copied to every
 *   node; sharing the key co-locates their join, and time-range filters skip blocks.
 *   Not song_id: almost every play has no matched song, so NULL would put nearly all
 *   rows on one slice. Not user_id: a few heavy listeners would skew the slices, and
 *   users is small enough to copy everywhere.
 * - users, songs, artists: DISTSTYLE ALL. Small dimensions that every play joins;
 *   a copy on each node makes those joins local.
 * - staging_events: DISTSTYLE EVEN (no join key is both even and useful: user_id is
 *   '' for every logged-out event); SORTKEY(source_file_id), so replacing a changed
 *   file deletes a sorted range.
 * - staging_songs, load_files: DISTSTYLE ALL, joined by every transform step.
 * - load_errors, etl_runs: small logs; Redshift's AUTO is right.
 * Primary keys are declared for the planner (`declaresUnenforcedKeys`); Redshift does
 * not enforce them, and the engine says so (`enforcesPrimaryKeys: false`).
 * RAW is a reserved word in Redshift, so load_errors."raw" is quoted (as every
 * statement that names it must be; engines/insert-with-values.ts quotes every column it writes).
 */
import type { LogicalType, SchemaDialect, TableModel } from '../../sql/schema.js';

/** VARCHAR(65535) is Redshift's widest; 256 holds every code and id sparkify has seen. */
export const redshiftTypes: Readonly<Record<LogicalType, string>> = {
  int: 'INTEGER',
  int64: 'BIGINT',
  double: 'DOUBLE PRECISION',
  timestamp: 'TIMESTAMP',
  text: 'VARCHAR(65535)',
  code: 'VARCHAR(256)',
  md5: 'VARCHAR(32)',
  digits: 'VARCHAR(20)',
  tag: 'VARCHAR(16)',
};

/** Distribution and sort keys by table (see above); tables not named take Redshift's AUTO. */
const tableOptions: Readonly<Record<string, readonly string[]>> = {
  staging_events: ['DISTSTYLE EVEN', 'SORTKEY (source_file_id)'],
  staging_songs: ['DISTSTYLE ALL', 'SORTKEY (song_id)'],
  songplays: ['DISTSTYLE KEY', 'DISTKEY (start_time)', 'SORTKEY (start_time)'],
  users: ['DISTSTYLE ALL', 'SORTKEY (user_id)'],
  songs: ['DISTSTYLE ALL', 'SORTKEY (song_id)'],
  artists: ['DISTSTYLE ALL', 'SORTKEY (artist_id)'],
  time: ['DISTSTYLE KEY', 'DISTKEY (start_time)', 'SORTKEY (start_time)'],
  load_files: ['DISTSTYLE ALL', 'SORTKEY (file_id)'],
};

export const redshiftSchema: SchemaDialect = {
  typeOf: (type) => redshiftTypes[type],
  tableOptions: (table: TableModel) => tableOptions[table.name] ?? [],
  declaresUnenforcedKeys: true,
  reservedWords: ['raw'],
};


