/** Cards about what is played and when: top songs and artists, plays per day, the week heatmap. */
import type { ReportFigures, TopArtistRow, TopSongRow } from './figures.js';
import { formatCount } from './format.js';
import { card, figure, table } from './html-blocks.js';
import { hourWeekdayChart, playsPerDayChart, topArtistsChart, topSongsChart } from './charts.js';
import { renderSvg } from './render-svg.js';
import { topArtists, topSongs } from './queries/catalogue.js';
import { playsByHourWeekday, playsPerDay } from './queries/overview.js';

export async function listeningCards(figures: ReportFigures): Promise<string[]> {
  const matched = `${formatCount(figures.headline.matched_plays)} of ${formatCount(figures.headline.plays)} plays matched a catalogue song`;
  return [
    card({
      id: 'top-songs',
      title: 'Top songs',
      description: `The most-played songs of the catalogue (${matched}).`,
      body: `<div class="split">${figure(await renderSvg(topSongsChart(figures.topSongs), 'top-songs'))}${topSongsTable(figures.topSongs)}</div>`,
      queries: [topSongs],
      wide: true,
    }),
    card({
      id: 'top-artists',
      title: 'Top artists',
      description: 'The most-played artists among matched plays, with how many of their songs were heard.',
      body: `<div class="split">${figure(await renderSvg(topArtistsChart(figures.topArtists), 'top-artists'))}${topArtistsTable(figures.topArtists)}</div>`,
      queries: [topArtists],
      wide: true,
    }),
    card({
      id: 'plays-per-day',
      title: 'Plays per day',
      description: 'Every play counted on its calendar day in UTC.',
      body: figure(await renderSvg(playsPerDayChart(figures.playsPerDay), 'plays-per-day')),
      queries: [playsPerDay],
      wide: true,
    }),
    card({
      id: 'plays-by-hour-weekday',
      title: 'When people listen',
      description: 'Plays in each hour of each day of the week, in UTC; darker cells had more plays.',
      body: figure(await renderSvg(hourWeekdayChart(figures.playsByHourWeekday), 'plays-by-hour-weekday')),
      queries: [playsByHourWeekday],
      wide: true,
    }),
  ];
}

function topSongsTable(rows: readonly TopSongRow[]): string {
  return table(
    'Plays and listeners',
    [
      { header: '#', text: (row) => String(rows.indexOf(row) + 1), numeric: true },
      { header: 'Song', text: (row) => row.title ?? row.song_id },
      { header: 'Artist', text: (row) => row.artist ?? 'unknown' },
      { header: 'Plays', text: (row) => formatCount(row.plays), numeric: true },
      { header: 'Listeners', text: (row) => formatCount(row.listeners), numeric: true },
    ],
    rows,
  );
}

function topArtistsTable(rows: readonly TopArtistRow[]): string {
  return table(
    'Plays, songs heard and listeners',
    [
      { header: '#', text: (row) => String(rows.indexOf(row) + 1), numeric: true },
      { header: 'Artist', text: (row) => row.artist ?? row.artist_id },
      { header: 'Plays', text: (row) => formatCount(row.plays), numeric: true },
      { header: 'Songs', text: (row) => formatCount(row.songs), numeric: true },
      { header: 'Listeners', text: (row) => formatCount(row.listeners), numeric: true },
    ],
    rows,
  );
}
