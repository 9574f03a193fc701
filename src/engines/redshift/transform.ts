/**
 * The one transform statement Redshift phrases differently. Everything else in
 * sql/transform.ts (md5, CAST AS VARCHAR, window functions, CREATE TEMP TABLE AS with
 * a WITH clause, NULLIF) and sql/merge.ts (EXCEPT, correlated NOT EXISTS one level
 * deep) is documented Redshift SQL and runs as shared; see docs/redshift.md.
 *
 * `time.week` must be the ISO-8601 week. Redshift documents EXTRACT(WEEK ...) only as
 * "week", while it documents TO_CHAR's IW as the ISO week number (the week holding the
 * year's first Thursday is week 1), so the week comes from IW. DOW is documented as
 * 0-6 from Sunday, as SPEC.md wants, and stays as shared.
 */

export const selectTime = `
SELECT start_time,
       CAST(EXTRACT(HOUR FROM start_time) AS INTEGER) AS hour,
       CAST(EXTRACT(DAY FROM start_time) AS INTEGER) AS day,
       CAST(TO_CHAR(start_time, 'IW') AS INTEGER) AS week,
       CAST(EXTRACT(MONTH FROM start_time) AS INTEGER) AS month,
       CAST(EXTRACT(YEAR FROM start_time) AS INTEGER) AS year,
       CAST(EXTRACT(DOW FROM start_time) AS INTEGER) AS weekday
FROM (SELECT DISTINCT start_time FROM songplays) starts`;
