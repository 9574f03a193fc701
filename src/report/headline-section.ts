/** The big numbers at the top of the report, with the SQL behind them. */
import { escapeHtml } from './escape.js';
import type { ReportFigures } from './figures.js';
import { formatCount, formatDay, formatDuration, formatPercent, plural } from './format.js';
import { sqlDetails } from './html-blocks.js';
import { repairMojibake } from './readable-text.js';
import { headline, unmatchedPlays } from './queries/overview.js';
import { listenedTotals } from './queries/listened.js';
import { sessionMedian } from './queries/sessions.js';

interface Stat {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
  /** Long values (dates) use a smaller size so the tiles keep one height. */
  readonly small?: boolean;
}

/** The report's answer in words: "The most played song was … by …, N plays by M listeners." */
export function answerSentence(figures: ReportFigures): string {
  const [first, ...rest] = figures.listenedSongs;
  if (!first) return 'No play names a song.';
  const name = (row: { title: string; artist: string | null }): string =>
    `“${repairMojibake(row.title)}” by ${row.artist === null ? 'an unknown artist' : repairMojibake(row.artist)}`;
  const tied = rest.filter((row) => row.plays === first.plays);
  if (tied.length === 0) {
    return `The most played song was ${name(first)}, ${plural(first.plays, 'play')} by ${plural(first.listeners, 'listener')}.`;
  }
  const all = [first, ...tied];
  const names = all.slice(0, 3).map(name);
  const more = all.length > 3 ? ` and ${all.length - 3} more` : '';
  return `The most played songs, with ${plural(first.plays, 'play')} each, were ${names.join(', ')}${more}.`;
}

export function headlineSection(figures: ReportFigures): string {
  const h = figures.headline;
  const stats: Stat[] = [
    { label: 'Plays', value: formatCount(h.plays), note: 'songs played by logged-in users' },
    { label: 'Listeners', value: formatCount(h.listeners), note: 'distinct users with a play' },
    {
      label: 'Songs played',
      value: formatCount(figures.listenedTotals.songs),
      note: `by ${plural(figures.listenedTotals.artists, 'artist')}, as the logs name them`,
    },
    {
      label: 'In the catalogue',
      value: formatPercent(h.matched_share),
      note: `${formatCount(h.matched_plays)} of ${plural(h.plays, 'play')} matched a catalogue song`,
    },
    {
      label: 'Sessions',
      value: formatCount(figures.sessionCount),
      note: `median length ${formatDuration(figures.medianSessionSeconds)}`,
    },
    { label: 'Period (UTC)', value: formatDay(h.first_play), note: `to ${formatDay(h.last_play)}`, small: true },
  ];
  const tiles = stats
    .map(
      (stat) =>
        `<div class="stat"><dt>${escapeHtml(stat.label)}</dt><dd${stat.small ? ' class="small"' : ''}>${escapeHtml(stat.value)}` +
        `${stat.note ? `<span class="note">${escapeHtml(stat.note)}</span>` : ''}</dd></div>`,
    )
    .join('\n');
  return `<section class="headline" aria-label="Headline figures">
<dl class="stats">
${tiles}
</dl>
<div class="card">
<p class="desc">Plays are the <code>NextSong</code> events of logged-in users, each counted under the song and artist its event names. A play is matched when its song title, artist name and length (within 0.01 s) match a song in the catalogue; unmatched plays are kept and counted, with no catalogue song or artist. Names whose accents were garbled on the way (double-encoded UTF-8, such as <code>BjÃÂ¶rk</code>) are shown repaired; the warehouse keeps them as they came.</p>
${sqlDetails([headline, unmatchedPlays, listenedTotals, sessionMedian])}
</div>
</section>`;
}
