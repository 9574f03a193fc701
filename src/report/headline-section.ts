/** The big numbers at the top of the report, with the SQL behind them. */
import { escapeHtml } from './escape.js';
import type { ReportFigures } from './figures.js';
import { formatCount, formatDay, formatDuration, formatPercent, plural } from './format.js';
import { sqlDetails } from './html-blocks.js';
import { headline, unmatchedPlays } from './queries/overview.js';
import { sessionSpans } from './queries/sessions.js';

interface Stat {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
  /** Long values (dates) use a smaller size so the tiles keep one height. */
  readonly small?: boolean;
}

export function headlineSection(figures: ReportFigures): string {
  const h = figures.headline;
  const stats: Stat[] = [
    { label: 'Plays', value: formatCount(h.plays), note: 'songs played by logged-in users' },
    { label: 'Listeners', value: formatCount(h.listeners), note: 'distinct users with a play' },
    { label: 'Songs heard', value: formatCount(h.songs_heard), note: `by ${plural(h.artists_heard, 'artist')}` },
    {
      label: 'Matched',
      value: formatPercent(h.matched_share),
      note: `${plural(figures.unmatched.unmatched_plays, 'play')} not in the catalogue`,
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
<p class="desc">Plays are the <code>NextSong</code> events of logged-in users. A play is matched when its song title, artist name and length (within 0.01 s) match a song in the catalogue; unmatched plays are kept and counted, but have no song or artist.</p>
${sqlDetails([headline, unmatchedPlays, sessionSpans])}
</div>
</section>`;
}
