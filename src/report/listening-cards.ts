/**
 * Cards about what is played and when: the top songs and artists as the logs name
 * them, how plays match the catalogue, the catalogue's own top lists, what the latest
 * load added, plays per day and the week heatmap.
 */
import type { CatalogueMatchRow, LatestLoadRow, ListenedArtistRow, ListenedSongRow, ReportFigures, TopArtistRow, TopSongRow } from './figures.js';
import { formatCount, formatPercent, plural } from './format.js';
import { card, table } from './html-blocks.js';
import { chartFigure } from './chart-figure.js';
import {
  hourWeekdayChart,
  listenedArtistsChart,
  listenedSongsChart,
  playsPerDayChart,
  topArtistsChart,
  topSongsChart,
} from './charts.js';
import { topArtists, topSongs } from './queries/catalogue.js';
import { latestLoad } from './queries/latest-load.js';
import { catalogueMatches, listenedArtists, listenedSongs, listenedTotals } from './queries/listened.js';
import { playsByHourWeekday, playsPerDay } from './queries/overview.js';
import { repairMojibake } from './readable-text.js';

export async function listeningCards(figures: ReportFigures): Promise<string[]> {
  return [
    card({
      id: 'top-songs',
      title: 'Top songs as listened',
      description:
        'Every play, counted under the song title and artist the app logged for it, whether or not the song catalogue holds that song.',
      body: `<div class="split">${await chartFigure('top-songs', (layout) => listenedSongsChart(figures.listenedSongs, layout))}${listenedSongsTable(figures.listenedSongs)}</div>`,
      queries: [listenedSongs, listenedTotals],
      wide: true,
    }),
    card({
      id: 'top-artists',
      title: 'Top artists as listened',
      description: 'Every play, counted under the artist the app logged for it, with how many of that artist\'s songs were played.',
      body: `<div class="split">${await chartFigure('top-artists', (layout) => listenedArtistsChart(figures.listenedArtists, layout))}${listenedArtistsTable(figures.listenedArtists)}</div>`,
      queries: [listenedArtists],
      wide: true,
    }),
    card({
      id: 'catalogue-match',
      title: 'Plays matched to the catalogue',
      description: matchSentence(figures),
      body: catalogueMatchTable(figures.catalogueMatches) + `<p class="sub">${whyUnmatched}</p>`,
      queries: [catalogueMatches],
    }),
    card({
      id: 'latest-load',
      title: 'What the latest load changed',
      description: latestLoadSentence(figures.latestLoad),
      body: latestLoadTable(figures.latestLoad),
      queries: [latestLoad],
    }),
    card({
      id: 'catalogue-songs',
      title: 'Top catalogue songs',
      description: `The most-played songs among the ${plural(figures.headline.matched_plays, 'play')} matched to the catalogue.`,
      body: (await chartFigure('catalogue-songs', (layout) => topSongsChart(figures.topSongs, layout))) + topSongsTable(figures.topSongs),
      queries: [topSongs],
    }),
    card({
      id: 'catalogue-artists',
      title: 'Top catalogue artists',
      description: 'The most-played catalogue artists among matched plays, with how many of their songs were heard.',
      body: (await chartFigure('catalogue-artists', (layout) => topArtistsChart(figures.topArtists, layout))) + topArtistsTable(figures.topArtists),
      queries: [topArtists],
    }),
    card({
      id: 'plays-per-day',
      title: 'Plays per day',
      description: 'Every play counted on its calendar day in UTC.',
      body: await chartFigure('plays-per-day', (layout) => playsPerDayChart(figures.playsPerDay, layout)),
      queries: [playsPerDay],
      wide: true,
    }),
    card({
      id: 'plays-by-hour-weekday',
      title: 'When people listen',
      description: 'Plays in each hour of each day of the week, in UTC; darker cells had more plays.',
      body: await chartFigure('plays-by-hour-weekday', (layout) => hourWeekdayChart(figures.playsByHourWeekday, layout)),
      queries: [playsByHourWeekday],
      wide: true,
    }),
  ];
}

const whyUnmatched =
  'A play is matched when the catalogue (the song files) holds a song with the same title, the same artist name and a length within 0.01 s. ' +
  'Plays go unmatched when the catalogue does not hold the song at all (the song files may be a small part of what users play), ' +
  'when the title or artist is written differently (a different spelling, or accents encoded differently in the logs and the song files), ' +
  'or when the lengths differ. Unmatched plays are kept: every chart counts them except the catalogue lists.';

function matchSentence(figures: ReportFigures): string {
  const h = figures.headline;
  return `${formatCount(h.matched_plays)} of ${plural(h.plays, 'play')} (${formatPercent(h.matched_share)}) matched a song in the catalogue; the rest are counted under the names the logs give them.`;
}

function catalogueMatchTable(rows: readonly CatalogueMatchRow[]): string {
  const total = rows.reduce((sum, row) => sum + row.plays, 0);
  return table(
    'How each play compares with the catalogue',
    [
      { header: 'Play', text: (row) => outcomeText[row.outcome] ?? row.outcome },
      { header: 'Plays', text: (row) => formatCount(row.plays), numeric: true },
      { header: 'Share', text: (row) => formatPercent(total ? row.plays / total : null), numeric: true },
      { header: 'Listeners', text: (row) => formatCount(row.listeners), numeric: true },
    ],
    rows,
  );
}

const outcomeText: Record<string, string> = {
  matched: 'Matched: same title, artist and length',
  'length differs': 'Same title and artist, another length',
  'artist name differs': 'Same title, another artist name',
  'title not in catalogue': 'No song of that title in the catalogue',
};

function latestLoadSentence(latest: LatestLoadRow): string {
  if (latest.run_id === null) return 'No successful load is recorded in the run history.';
  return `Run ${latest.run_id}, the latest successful load, added ${plural(latest.plays_added, 'play')} to the ${formatCount(latest.total_plays)} now in the warehouse.`;
}

function latestLoadTable(latest: LatestLoadRow): string {
  const rows = [
    { measure: 'Plays', added: latest.plays_added, total: latest.total_plays },
    { measure: 'Listeners with a new play', added: latest.listeners_added, total: latest.total_listeners },
    { measure: 'New users', added: latest.new_users, total: latest.total_users },
    { measure: 'Level changes', added: latest.level_changes_added, total: latest.total_level_changes },
  ];
  return table(
    latest.run_id === null ? 'Totals' : `Added by run ${latest.run_id}, and totals`,
    [
      { header: '', text: (row) => row.measure },
      { header: 'Added', text: (row) => formatCount(row.added), numeric: true },
      { header: 'Total', text: (row) => formatCount(row.total), numeric: true },
    ],
    rows,
  );
}

function listenedSongsTable(rows: readonly ListenedSongRow[]): string {
  return table(
    'Plays and listeners',
    [
      { header: '#', text: (row) => String(rows.indexOf(row) + 1), numeric: true },
      { header: 'Song', text: (row) => repairMojibake(row.title) },
      { header: 'Artist', text: (row) => (row.artist === null ? 'unknown' : repairMojibake(row.artist)) },
      { header: 'Plays', text: (row) => formatCount(row.plays), numeric: true },
      { header: 'Listeners', text: (row) => formatCount(row.listeners), numeric: true },
    ],
    rows,
  );
}

function listenedArtistsTable(rows: readonly ListenedArtistRow[]): string {
  return table(
    'Plays, songs played and listeners',
    [
      { header: '#', text: (row) => String(rows.indexOf(row) + 1), numeric: true },
      { header: 'Artist', text: (row) => repairMojibake(row.artist) },
      { header: 'Plays', text: (row) => formatCount(row.plays), numeric: true },
      { header: 'Songs', text: (row) => formatCount(row.songs), numeric: true },
      { header: 'Listeners', text: (row) => formatCount(row.listeners), numeric: true },
    ],
    rows,
  );
}

function topSongsTable(rows: readonly TopSongRow[]): string {
  return table(
    'Plays and listeners',
    [
      { header: '#', text: (row) => String(rows.indexOf(row) + 1), numeric: true },
      { header: 'Song', text: (row) => repairMojibake(row.title ?? row.song_id) },
      { header: 'Artist', text: (row) => (row.artist === null ? 'unknown' : repairMojibake(row.artist)) },
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
      { header: 'Artist', text: (row) => repairMojibake(row.artist ?? row.artist_id) },
      { header: 'Plays', text: (row) => formatCount(row.plays), numeric: true },
      { header: 'Songs', text: (row) => formatCount(row.songs), numeric: true },
      { header: 'Listeners', text: (row) => formatCount(row.listeners), numeric: true },
    ],
    rows,
  );
}
