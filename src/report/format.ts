/** How numbers, dates and durations read in the report: English, UTC, no locale surprises. */

const counts = new Intl.NumberFormat('en-US');
const days = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });

export function formatCount(value: number): string {
  return counts.format(value);
}

export function formatPercent(share: number | null): string {
  if (share === null) return 'n/a';
  const percent = share * 100;
  // Below 1% keep two significant digits, so a tiny share does not read as zero.
  if (percent > 0 && percent < 1) return `${Number(percent.toPrecision(2))}%`;
  return `${percent.toFixed(1)}%`;
}

/** "1 artist", "2 artists". */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** "Nov 2, 2018" (UTC). */
export function formatDay(date: Date | null): string {
  return date ? days.format(date) : 'n/a';
}

/** "2018-11-02 21:00 UTC". */
export function formatTimestamp(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'n/a';
}

/** "45 s", "12 min", "1 h 05 min". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'n/a';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
