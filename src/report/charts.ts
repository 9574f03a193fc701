/**
 * One Vega-Lite spec per chart, built from ReportFigures. Each has a title, a
 * description that states what a screen-reader user would otherwise miss, and axis
 * titles with units. Data is always inline values.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FamilyCount } from './user-agents.js';
import type { DayRow, HourWeekdayRow, LevelRow, LocationRow, SessionSizeRow, TopArtistRow, TopSongRow } from './figures.js';
import type { LengthBucket } from './session-lengths.js';
import { chartConfig, chartWidths, palette, rankedBars } from './chart-theme.js';
import { formatCount, formatDay } from './format.js';

const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Monday first, as most listeners read a week. */
const weekdayOrder = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function playsPerDayChart(rows: readonly DayRow[]): TopLevelSpec {
  const busiest = rows.reduce<DayRow | undefined>((best, row) => (!best || row.plays > best.plays ? row : best), undefined);
  return {
    title: 'Plays per day',
    description:
      `Bar chart of plays on each day (UTC) from ${formatDay(rows[0]?.day ?? null)} to ${formatDay(rows.at(-1)?.day ?? null)}.` +
      (busiest ? ` The busiest day was ${formatDay(busiest.day)} with ${formatCount(busiest.plays)} plays.` : ''),
    width: chartWidths.wide,
    height: 220,
    data: { values: rows.map((row) => ({ day: row.day.getTime(), plays: row.plays })) },
    mark: { type: 'bar', cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
    encoding: {
      x: { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Day (UTC)', axis: { format: '%b %d', labelAngle: 0, labelOverlap: true, grid: false } },
      y: { field: 'plays', type: 'quantitative', title: 'Plays (count)', axis: { format: ',d', tickCount: 5, tickMinStep: 1 } },
    },
    config: chartConfig,
  };
}

export function hourWeekdayChart(rows: readonly HourWeekdayRow[]): TopLevelSpec {
  const plays = new Map(rows.map((row) => [`${row.weekday}:${row.hour}`, row.plays]));
  // Every cell is drawn, zero included, so the grid is always 7 x 24.
  const values = weekdayNames.flatMap((day, weekday) =>
    Array.from({ length: 24 }, (_, hour) => ({ day, hour, plays: plays.get(`${weekday}:${hour}`) ?? 0 })),
  );
  const peak = values.reduce((best, cell) => (cell.plays > best.plays ? cell : best), values[0] ?? { day: '', hour: 0, plays: 0 });
  return {
    title: 'Plays by hour and day of week',
    description: `Heatmap of plays for each hour of the day (UTC) on each day of the week. The busiest hour is ${peak.day} ${peak.hour}:00 with ${formatCount(peak.plays)} plays.`,
    width: chartWidths.wide,
    height: { step: 28 },
    data: { values },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 1.5, cornerRadius: 2 },
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: 'Hour of day (UTC, 0-23)', axis: { labelAngle: 0, ticks: false, domain: false } },
      y: { field: 'day', type: 'ordinal', sort: weekdayOrder, title: 'Day of week (UTC)', axis: { ticks: false, domain: false } },
      color: {
        field: 'plays',
        type: 'quantitative',
        title: 'Plays (count)',
        scale: { domainMin: 0, range: ['#f3f5fc', palette.primary, '#1c2566'] },
        legend: { orient: 'bottom', gradientLength: 200, format: ',d', direction: 'horizontal' },
      },
    },
    config: chartConfig,
  };
}

export function topSongsChart(rows: readonly TopSongRow[]): TopLevelSpec {
  return rankedBars({
    title: 'Top songs',
    description: `Bar chart of the ${rows.length} most-played catalogue songs by plays${leader(rows.map((r) => ({ name: r.title ?? r.song_id, plays: r.plays })))}.`,
    // The table beside the chart names each song's artist, so the bar label is the title alone.
    values: rows.map((row, index) => ({ label: `${index + 1}. ${row.title ?? row.song_id}`, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Song',
    width: chartWidths.split,
    labelWidth: 170,
  });
}

export function topArtistsChart(rows: readonly TopArtistRow[]): TopLevelSpec {
  return rankedBars({
    title: 'Top artists',
    description: `Bar chart of the ${rows.length} most-played artists by plays${leader(rows.map((r) => ({ name: r.artist ?? r.artist_id, plays: r.plays })))}.`,
    values: rows.map((row, index) => ({ label: `${index + 1}. ${row.artist ?? row.artist_id}`, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Artist',
    width: chartWidths.split,
    labelWidth: 170,
  });
}

export function levelsChart(rows: readonly LevelRow[]): TopLevelSpec {
  return rankedBars({
    title: 'Plays by level',
    description: `Bar chart of plays by subscription level at the time of play: ${rows.map((r) => `${r.level ?? 'unknown'} ${formatCount(r.plays)}`).join(', ')}.`,
    values: rows.map((row) => ({
      label: row.level ?? 'unknown',
      value: row.plays,
      color: row.level === 'paid' ? palette.paid : palette.free,
    })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Level',
  });
}

export function locationsChart(rows: readonly LocationRow[]): TopLevelSpec {
  return rankedBars({
    title: 'Top locations',
    description: `Bar chart of the ${rows.length} locations with the most plays${leader(rows.map((r) => ({ name: r.location ?? 'unknown', plays: r.plays })))}.`,
    values: rows.map((row) => ({ label: row.location ?? 'unknown', value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Location',
  });
}

export function familiesChart(kind: 'Browser' | 'Operating system', rows: readonly FamilyCount[]): TopLevelSpec {
  return rankedBars({
    title: `Plays by ${kind.toLowerCase()}`,
    description: `Bar chart of plays by ${kind.toLowerCase()} family, parsed from user agents${leader(rows.map((r) => ({ name: r.family, plays: r.plays })))}.`,
    values: rows.map((row) => ({ label: row.family, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: kind,
    width: chartWidths.stacked,
  });
}

export function sessionSizesChart(rows: readonly SessionSizeRow[]): TopLevelSpec {
  return columns({
    title: 'Plays per session',
    description: `Bar chart of sessions by number of plays: ${rows.map((r) => `${r.bucket} plays: ${formatCount(r.sessions)}`).join('; ')}.`,
    values: rows.map((row) => ({ bucket: row.bucket, sessions: row.sessions })),
    bucketTitle: 'Plays in the session (count)',
  });
}

export function sessionLengthsChart(rows: readonly LengthBucket[]): TopLevelSpec {
  return columns({
    title: 'Session length',
    description: `Bar chart of sessions by time from first to last play start: ${rows.map((r) => `${r.bucket}: ${formatCount(r.sessions)}`).join('; ')}.`,
    values: rows.map((row) => ({ bucket: row.bucket, sessions: row.sessions })),
    bucketTitle: 'First to last play start (minutes, hours)',
  });
}

/** Vertical bars over ordered buckets, in the order given. */
function columns(options: { title: string; description: string; values: { bucket: string; sessions: number }[]; bucketTitle: string }): TopLevelSpec {
  return {
    title: options.title,
    description: options.description,
    width: chartWidths.stacked + 100,
    height: 160,
    data: { values: options.values },
    mark: { type: 'bar', cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2, color: palette.accent },
    encoding: {
      x: { field: 'bucket', type: 'ordinal', sort: options.values.map((v) => v.bucket), title: options.bucketTitle, axis: { labelAngle: 0, labelOverlap: false } },
      y: { field: 'sessions', type: 'quantitative', title: 'Sessions (count)', axis: { format: ',d', tickCount: 5, tickMinStep: 1 } },
    },
    config: chartConfig,
  };
}

function leader(items: readonly { name: string; plays: number }[]): string {
  const first = items[0];
  return first ? `; first is ${first.name} with ${formatCount(first.plays)} plays` : '';
}
