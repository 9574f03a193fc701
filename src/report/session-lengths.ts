/**
 * Session lengths, bucketed in Node from each session's first and last play: the
 * portable SQL returns the two timestamps, since timestamp arithmetic is spelled
 * differently on DuckDB, PostgreSQL and Redshift.
 */

export interface SessionSpan {
  readonly first_play: Date;
  readonly last_play: Date;
}

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

export function sessionSeconds(span: SessionSpan): number {
  return (span.last_play.getTime() - span.first_play.getTime()) / 1000;
}

/** Sessions per length bucket, every bucket present (zero where empty) so axes stay fixed. */
export function bucketSessionLengths(spans: readonly SessionSpan[]): LengthBucket[] {
  const counts = sessionLengthBuckets.map(() => 0);
  for (const span of spans) {
    const seconds = sessionSeconds(span);
    const index = sessionLengthBuckets.findIndex((bucket) => seconds < bucket.below);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return sessionLengthBuckets.map((bucket, index) => ({ bucket: bucket.label, sessions: counts[index] ?? 0 }));
}

/** The middle session length in seconds (lower middle for an even count), or null with no sessions. */
export function medianSessionSeconds(spans: readonly SessionSpan[]): number | null {
  if (spans.length === 0) return null;
  const sorted = spans.map(sessionSeconds).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}
