/**
 * The three screen layouts the report draws each chart for, and the CSS that shows
 * one of them. A chart's SVG scales down with its box but text must stay readable
 * (at least 10 CSS pixels), so instead of one drawing shrunk to fit a phone, each
 * chart is drawn at the width its box has in each layout, with fewer ticks, shorter
 * labels or another arrangement where the width calls for it; the page shows the
 * drawing for the window's width. No script is needed: media queries pick it.
 *
 * The widths are the chart boxes' content widths at each layout's narrowest window
 * (390 px for a phone), from the paddings in report-styles.ts; keep the two in step.
 */

export type LayoutName = 'phone' | 'tablet' | 'desktop';

/** Where a chart sits: a full-width card, a half-width card, or beside a table in a full-width card. */
export type Slot = 'wide' | 'half' | 'split';

export interface Layout {
  readonly name: LayoutName;
  /** Window widths this layout is for: [from, below). */
  readonly from: number;
  readonly below: number;
  /** Chart width (whole SVG, labels included) for each slot, in CSS pixels. */
  readonly widths: Readonly<Record<Slot, number>>;
}

/** Windows at least this wide put cards two by two and charts beside their tables. */
export const DESKTOP_FROM = 1100;
const TABLET_FROM = 700;

export const layouts: readonly Layout[] = [
  // 390 - 2 x 12 (page padding) - 2 x 14 (card padding).
  { name: 'phone', from: 0, below: TABLET_FROM, widths: { wide: 338, half: 338, split: 338 } },
  // 700 - 2 x 24 - 2 x 22 = 608: one column of cards. Charts of a half card or beside a table
  // keep their desktop drawing (narrower than the box, never shrunk), which the page then
  // holds once for both layouts.
  { name: 'tablet', from: TABLET_FROM, below: DESKTOP_FROM, widths: { wide: 608, half: 472, split: 460 } },
  // 1100 - 2 x 24 = 1052 of page; a wide card holds 1008, a half card (1052 - 20) / 2 - 44 = 472,
  // a chart beside its table (1008 - 28) / 2.1 = 466.
  { name: 'desktop', from: DESKTOP_FROM, below: Number.POSITIVE_INFINITY, widths: { wide: 1008, half: 472, split: 460 } },
];

/**
 * Shows each chart's drawing for the window's layout and hides the others. A drawing
 * carries a `for-<layout>` class per layout it serves.
 */
export const layoutStyles = [
  '.drawing { display: none; }',
  ...layouts.map((layout) => {
    const range = [
      layout.from > 0 ? `(min-width: ${layout.from}px)` : '',
      Number.isFinite(layout.below) ? `(max-width: ${layout.below - 0.02}px)` : '',
    ].filter(Boolean).join(' and ');
    return `@media ${range} { .drawing.for-${layout.name} { display: block; } }`;
  }),
].join('\n');
