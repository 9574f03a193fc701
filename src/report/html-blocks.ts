/**
 * Small HTML builders the sections share: a card, a chart figure, a table and the
 * collapsed SQL of a named query. Every piece of text passes through escapeHtml
 * here; only builders' own output is trusted as markup.
 */
import { escapeHtml } from './escape.js';
import { queryStatement, type NamedQuery } from './queries/query-definition.js';
import { sharedSqlOf } from '../sql/statement.js';

export interface Card {
  readonly id: string;
  readonly title: string;
  /** Plain text. */
  readonly description: string;
  /** Markup from the builders in this file. */
  readonly body: string;
  readonly queries: readonly NamedQuery[];
  readonly wide?: boolean;
}

export function card(content: Card): string {
  return `<section class="card${content.wide ? ' wide' : ''}" id="${escapeHtml(content.id)}" aria-labelledby="${escapeHtml(content.id)}-title">
<h2 id="${escapeHtml(content.id)}-title">${escapeHtml(content.title)}</h2>
<p class="desc">${escapeHtml(content.description)}</p>
${content.body}
${sqlDetails(content.queries)}
</section>`;
}

/**
 * The queries behind a card, for an analyst to copy: collapsed, so the page reads as
 * charts first. Each starts with an SQL comment naming it, so a copy still runs.
 * The shared text is shown (an engine's override, if it has one, is what
 * `sparkify query --name` runs).
 */
export function sqlDetails(queries: readonly NamedQuery[]): string {
  if (queries.length === 0) return '';
  const names = queries.map((query) => query.name).join(', ');
  const blocks = queries.map(
    (query) => `<pre><code>-- ${escapeHtml(query.title)}: sparkify query --name ${escapeHtml(query.name)}\n${escapeHtml(sharedSqlOf(queryStatement(query)))}</code></pre>`,
  );
  return `<details class="sql"><summary>SQL <span>${escapeHtml(names)}</span></summary>${blocks.join('')}</details>`;
}

export interface Column<T> {
  readonly header: string;
  /** Cell text, escaped by `table`. */
  readonly text?: (row: T) => string;
  /** Cell markup from a builder here (e.g. `badge`), used instead of `text`. */
  readonly html?: (row: T) => string;
  readonly numeric?: boolean;
}

export function table<T>(caption: string, columns: readonly Column<T>[], rows: readonly T[]): string {
  const cls = (column: Column<T>): string => (column.numeric ? ' class="num"' : '');
  const head = columns.map((column) => `<th scope="col"${cls(column)}>${escapeHtml(column.header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${columns.map((column) => `<td${cls(column)}>${cellOf(column, row)}</td>`).join('')}</tr>`)
    .join('\n');
  // The wrapper scrolls a wide table sideways on a narrow screen instead of the whole page.
  return `<div class="table-scroll"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>
${body || `<tr><td colspan="${columns.length}" class="sub">None.</td></tr>`}
</tbody></table></div>`;
}

function cellOf<T>(column: Column<T>, row: T): string {
  if (column.html) return column.html(row);
  return escapeHtml(column.text ? column.text(row) : '');
}

export function badge(passed: boolean): string {
  return passed ? '<span class="badge pass">pass</span>' : '<span class="badge fail">fail</span>';
}

/** A row of labelled counts, e.g. "Upgrades 3 · Downgrades 1". */
export function pills(items: readonly { label: string; value: string }[]): string {
  return `<ul class="pills">${items.map((item) => `<li>${escapeHtml(item.label)} <strong>${escapeHtml(item.value)}</strong></li>`).join('')}</ul>`;
}
