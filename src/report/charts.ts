/**
 * One Vega-Lite spec per chart, built from ReportFigures for one layout (layouts.ts).
 * Each has a title, a description that states what a screen-reader user would
 * otherwise miss, and axis titles with units. Data is always inline values. Names
 * from the data are shown repaired (readable-text.ts); the figures keep them as stored.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FamilyCount } from './user-agents.js';
import type { DayRow, HourWeekdayRow, LevelRow, ListenedArtistRow, ListenedSongRow, LocationRow, SessionSizeRow, TopArtistRow, TopSongRow } from './figures.js';
import type { LengthBucket } from './session-lengths.js';
import type { Layout, Slot } from './layouts.js';
import { chartConfig, fitWidth, palette, rankedBars } from './chart-theme.js';
import { formatCount, formatDay } from './format.js';
import { repairMojibake } from './readable-text.js';

const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Monday first, as most listeners read a week. */
const weekdayOrder = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function playsPerDayChart(rows: readonly DayRow[], layout: Layout): TopLevelSpec {
  const width = layout.widths.wide;
  const busiest = rows.reduce<DayRow | undefined>((best, row) => (!best || row.plays > best.plays ? row : best), undefined);
  return {
    title: 'Plays per day',
    description:
      `Bar chart of plays on each day (UTC) from ${formatDay(rows[0]?.day ?? null)} to ${formatDay(rows.at(-1)?.day ?? null)}.` +
      (busiest ? ` The busiest day was ${formatDay(busiest.day)} with ${formatCount(busiest.plays)} plays.` : ''),
    width,
    autosize: fitWidth,
    height: layout.name === 'phone' ? 180 : 220,
    data: { values: rows.map((row) => ({ day: row.day.getTime(), plays: row.plays })) },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'day',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: 'Day (UTC)',
        // A date label is about 50 px wide: one per 110 px leaves room between them.
        axis: { format: '%b %d', labelAngle: 0, labelOverlap: true, grid: false, tickCount: Math.max(3, Math.round(width / 110)) },
      },
      y: { field: 'plays', type: 'quantitative', title: 'Plays (count)', axis: { format: ',d', tickCount: layout.name === 'phone' ? 4 : 5, tickMinStep: 1 } },
    },
    config: chartConfig,
  };
}

/**
 * Plays by weekday and hour. On a phone the grid turns on its side (hours down, days
 * across), so its 24 hours get a row each instead of sharing 300 px of width.
 */
export function hourWeekdayChart(rows: readonly HourWeekdayRow[], layout: Layout): TopLevelSpec {
  const plays = new Map(rows.map((row) => [`${row.weekday}:${row.hour}`, row.plays]));
  // Every cell is drawn, zero included, so the grid is always 7 x 24.
  const values = weekdayNames.flatMap((day, weekday) =>
    Array.from({ length: 24 }, (_, hour) => ({ day, hour, plays: plays.get(`${weekday}:${hour}`) ?? 0 })),
  );
  const peak = values.reduce((best, cell) => (cell.plays > best.plays ? cell : best), values[0] ?? { day: '', hour: 0, plays: 0 });
  const upright = layout.name === 'phone';
  const hour = { field: 'hour', type: 'ordinal', title: 'Hour of day (UTC, 0-23)', axis: { labelAngle: 0, ticks: false, domain: false } } as const;
  const day = { field: 'day', type: 'ordinal', sort: weekdayOrder, title: 'Day of week (UTC)', axis: { labelAngle: 0, ticks: false, domain: false } } as const;
  return {
    title: 'Plays by hour and day of week',
    description: `Heatmap of plays for each hour of the day (UTC) on each day of the week. The busiest hour is ${peak.day} ${peak.hour}:00 with ${formatCount(peak.plays)} plays.`,
    width: layout.widths.wide,
    autosize: fitWidth,
    height: { step: upright ? 20 : 28 },
    data: { values },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 1.5 },
    encoding: {
      x: upright ? day : hour,
      y: upright ? hour : day,
      color: {
        field: 'plays',
        type: 'quantitative',
        title: 'Plays (count)',
        scale: { domainMin: 0, range: ['#f3f5fc', palette.primary, '#1c2566'] },
        legend: {
          orient: 'bottom',
          gradientLength: Math.min(200, layout.widths.wide - 120),
          format: ',d',
          direction: 'horizontal',
          tickCount: upright ? 3 : 5,
          labelOverlap: true,
        },
      },
    },
    config: chartConfig,
  };
}

/** Songs as the logs name them: "Title (Artist)" on a phone, where no table sits beside the chart. */
export function listenedSongsChart(rows: readonly ListenedSongRow[], layout: Layout): TopLevelSpec {
  const named = rows.map((row) => ({ name: `“${repairMojibake(row.title)}” by ${repairMojibake(row.artist ?? 'unknown')}`, plays: row.plays }));
  return rankedBars({
    title: 'Top songs as listened',
    description: `Bar chart of the ${rows.length} songs played most often, as the event logs name them${leader(named)}.`,
    // The table beside or below the chart names each song's artist.
    values: rows.map((row, index) => ({ label: `${index + 1}. ${repairMojibake(row.title)}`, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Song',
    width: layout.widths.split,
  });
}

export function listenedArtistsChart(rows: readonly ListenedArtistRow[], layout: Layout): TopLevelSpec {
  const named = rows.map((row) => ({ name: repairMojibake(row.artist), plays: row.plays }));
  return rankedBars({
    title: 'Top artists as listened',
    description: `Bar chart of the ${rows.length} artists played most often, as the event logs name them${leader(named)}.`,
    values: named.map((row, index) => ({ label: `${index + 1}. ${row.name}`, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Artist',
    width: layout.widths.split,
  });
}

export function topSongsChart(rows: readonly TopSongRow[], layout: Layout, slot: Slot = 'half'): TopLevelSpec {
  const named = rows.map((row) => ({ name: repairMojibake(row.title ?? row.song_id), plays: row.plays }));
  return rankedBars({
    title: 'Top catalogue songs',
    description: `Bar chart of the ${rows.length} most-played songs among plays matched to the catalogue${leader(named)}.`,
    values: named.map((row, index) => ({ label: `${index + 1}. ${row.name}`, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Song',
    width: layout.widths[slot],
  });
}

export function topArtistsChart(rows: readonly TopArtistRow[], layout: Layout, slot: Slot = 'half'): TopLevelSpec {
  const named = rows.map((row) => ({ name: repairMojibake(row.artist ?? row.artist_id), plays: row.plays }));
  return rankedBars({
    title: 'Top catalogue artists',
    description: `Bar chart of the ${rows.length} most-played artists among plays matched to the catalogue${leader(named)}.`,
    values: named.map((row, index) => ({ label: `${index + 1}. ${row.name}`, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Artist',
    width: layout.widths[slot],
  });
}

export function levelsChart(rows: readonly LevelRow[], layout: Layout): TopLevelSpec {
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
    width: layout.widths.half,
    labelWidth: 80,
  });
}

export function locationsChart(rows: readonly LocationRow[], layout: Layout): TopLevelSpec {
  return rankedBars({
    title: 'Top locations',
    description: `Bar chart of the ${rows.length} locations with the most plays${leader(rows.map((r) => ({ name: r.location ?? 'unknown', plays: r.plays })))}.`,
    values: rows.map((row) => ({ label: row.location ?? 'unknown', value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: 'Location',
    width: layout.widths.half,
    labelWidth: Math.round(layout.widths.half * 0.45),
  });
}

export function familiesChart(kind: 'Browser' | 'Operating system', rows: readonly FamilyCount[], layout: Layout): TopLevelSpec {
  return rankedBars({
    title: `Plays by ${kind.toLowerCase()}`,
    description: `Bar chart of plays by ${kind.toLowerCase()} family, parsed from user agents${leader(rows.map((r) => ({ name: r.family, plays: r.plays })))}.`,
    values: rows.map((row) => ({ label: row.family, value: row.plays })),
    valueTitle: 'Plays (count)',
    labelTitle: kind,
    width: layout.widths.half,
  });
}

/** Session buckets as horizontal bars in bucket order: their labels read on any width. */
export function sessionSizesChart(rows: readonly SessionSizeRow[], layout: Layout): TopLevelSpec {
  return rankedBars({
    title: 'Plays per session',
    description: `Bar chart of sessions by number of plays: ${rows.map((r) => `${r.bucket} plays: ${formatCount(r.sessions)}`).join('; ')}.`,
    values: rows.map((row) => ({ label: row.bucket, value: row.sessions, color: palette.accent })),
    valueTitle: 'Sessions (count)',
    labelTitle: 'Plays in the session',
    width: layout.widths.half,
    labelWidth: 70,
  });
}

export function sessionLengthsChart(rows: readonly LengthBucket[], layout: Layout): TopLevelSpec {
  return rankedBars({
    title: 'Session length',
    description: `Bar chart of sessions by time from first to last play start: ${rows.map((r) => `${r.bucket}: ${formatCount(r.sessions)}`).join('; ')}.`,
    values: rows.map((row) => ({ label: row.bucket, value: row.sessions, color: palette.accent })),
    valueTitle: 'Sessions (count)',
    labelTitle: 'First to last play start',
    width: layout.widths.half,
    labelWidth: 90,
  });
}

function leader(items: readonly { name: string; plays: number }[]): string {
  const first = items[0];
  return first ? `; first is ${first.name} with ${formatCount(first.plays)} plays` : '';
}
