/**
 * Result rows as text: an aligned table for people, CSV (RFC 4180) and JSON for
 * programs. Timestamps print as ISO-8601 UTC everywhere.
 */
import type { Row } from '../engines/engine.js';
import { toJson } from './output.js';

type Value = Row[string] | undefined;

function text(value: Value): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function formatTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => columns.map((c) => (row[c] === null ? 'NULL' : text(row[c]))));
  // A loop, not Math.max(...cells): spreading some 100 k values overflows the call stack.
  const widths = columns.map((c) => c.length);
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  widths.forEach((w, i) => (widths[i] = Math.min(60, w)));
  const clip = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (values: readonly string[]) => values.map((v, i) => clip(v, widths[i] ?? 0)).join('  ').trimEnd();
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    `(${rows.length} row${rows.length === 1 ? '' : 's'})`,
  ].join('\n');
}

export function formatCsv(rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0] ?? {});
  const field = (value: Value) => {
    const s = text(value);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns.map(field).join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))].join('\r\n');
}

/** Integers past 2^53 (64-bit ids) print as exact JSON numbers. */
export function formatJson(rows: readonly Row[]): string {
  return toJson(rows, 0);
}

export const formats = { table: formatTable, csv: formatCsv, json: formatJson } as const;
export type Format = keyof typeof formats;
