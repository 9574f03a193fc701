/**
 * Text widths for laying out charts in Node. Without a canvas, vega guesses every
 * character to be 0.8 em wide, which reserves far too much room for axis labels and
 * truncates long ones early. Per-character advance widths of a typical sans-serif
 * (Helvetica/Arial metrics, a little widened to cover DejaVu Sans) make the guess
 * close to what a browser draws. vega documents textMetrics.width as replaceable.
 */
import * as vega from 'vega';

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

/** Advance widths in thousandths of an em, by character; others count as `fallback`. */
const widths = new Map<string, number>();
const groups: readonly [string, number][] = [
  [' !,./:;IJ[\\]fijlt|', 278],
  ['\'', 191],
  ['"', 355],
  ['()-`r{}', 333],
  ['*', 389],
  ['+<=>~', 584],
  ['0123456789#$?L_abdeghnopqu', 556],
  ['Jcksvxyz', 500],
  ['FTZ', 611],
  ['ABEKPSVXY&', 667],
  ['CDHNRUw', 722],
  ['GOQ', 778],
  ['Mm', 833],
  ['%', 889],
  ['W', 944],
  ['@', 1015],
];
for (const [chars, width] of groups) for (const char of chars) widths.set(char, width);
const fallback = 600;
/** DejaVu Sans, the usual "sans-serif" on Linux, runs about 8% wider than Arial. */
const widen = 1.08;
const boldWiden = 1.07;

export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const char of text) units += widths.get(char) ?? (char.charCodeAt(0) > 0x2e80 ? 1000 : fallback);
  return (units / 1000) * fontSize * widen * (bold ? boldWiden : 1);
}

let installed = false;

/** Makes vega measure text with the table above; safe to call more than once. */
export function useSansSerifMetrics(): void {
  if (installed) return;
  // vega-typings does not declare textMetrics, which vega exports from vega-scenegraph.
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    return estimateTextWidth(text === null || text === undefined ? '' : String(text).trim(), size, bold);
  };
  installed = true;
}

/** Cuts `text` with an ellipsis to fit `maxWidth` pixels at `fontSize`, by the same table. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (estimateTextWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  let kept = chars.length;
  while (kept > 0 && estimateTextWidth(`${chars.slice(0, kept).join('').trimEnd()}…`, fontSize) > maxWidth) kept -= 1;
  return `${chars.slice(0, kept).join('').trimEnd()}…`;
}
