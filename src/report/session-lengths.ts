/**
 * The session-length buckets of the report. The session-lengths query (queries/sessions.ts)
 * buckets in SQL with the same bounds and returns the non-empty ones; the chart shows
 * every bucket.
 */

export interface LengthBucket {
  readonly bucket: string;
  readonly sessions: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Upper bounds (exclusive, seconds) of each bucket; the last one is open-ended. */
export const sessionLengthBuckets: readonly { readonly label: string; readonly below: number }[] = [
  { label: '< 1 min', below: MINUTE },
  { label: '1-5 min', below: 5 * MINUTE },
  { label: '5-15 min', below: 15 * MINUTE },
  { label: '15-30 min', below: 30 * MINUTE },
  { label: '30-60 min', below: HOUR },
  { label: '1-2 h', below: 2 * HOUR },
  { label: '2-4 h', below: 4 * HOUR },
  { label: '4 h +', below: Number.POSITIVE_INFINITY },
];

/** Every bucket, in order, zero where the query returned none, so axes stay fixed. */
export function allLengthBuckets(rows: readonly LengthBucket[]): LengthBucket[] {
  const counts = new Map(rows.map((row) => [row.bucket, row.sessions]));
  return sessionLengthBuckets.map((bucket) => ({ bucket: bucket.label, sessions: counts.get(bucket.label) ?? 0 }));
}
