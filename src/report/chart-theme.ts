/**
 * The look shared by every chart, and the one chart shape used most (a ranked
 * horizontal bar with its count printed at the bar's end). Fonts are generic
 * families only, so nothing is ever fetched.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { fitText } from './text-metrics.js';

export const palette = {
  ink: '#1f2937',
  muted: '#6b7280',
  grid: '#eceff3',
  primary: '#4c5fd5',
  accent: '#f08c2e',
  free: '#9aa5b8',
  paid: '#f08c2e',
} as const;

/**
 * Every text in a chart is drawn at this size or larger. The page never shows a chart
 * scaled below its drawn width in the layout it was drawn for (layouts.ts), so on
 * screen text is at least this size; 12 leaves room on a phone narrower than 390 px.
 */
export const chartFontSize = 12;

/** The whole drawing, labels included, takes the width a spec gives: layouts.ts gives the width of its box. */
export const fitWidth = { type: 'fit-x', contains: 'padding' } as const;

export const chartConfig: Config = {
  font: 'sans-serif',
  background: 'transparent',
  padding: 4,
  view: { stroke: null },
  axis: {
    labelColor: palette.muted,
    titleColor: palette.ink,
    labelFontSize: chartFontSize,
    titleFontSize: chartFontSize,
    titleFontWeight: 600,
    titlePadding: 10,
    gridColor: palette.grid,
    domainColor: '#cbd2dc',
    tickColor: '#cbd2dc',
  },
  legend: { labelColor: palette.muted, titleColor: palette.ink, titleFontSize: chartFontSize, labelFontSize: chartFontSize },
  text: { fontSize: chartFontSize },
  bar: { color: palette.primary },
};

export interface RankedValue {
  readonly label: string;
  readonly value: number;
  /** Optional color for this bar (e.g. free vs paid). */
  readonly color?: string;
}

export interface RankedBarsOptions {
  readonly title: string;
  readonly description: string;
  readonly values: readonly RankedValue[];
  readonly valueTitle: string;
  readonly labelTitle: string;
  /** The whole chart's width, labels included. */
  readonly width: number;
  /** Widest label in pixels; longer ones are cut with an ellipsis. Default: 40% of the width. */
  readonly labelWidth?: number;
}

/** Room for the count printed at the end of the longest bar. */
const valueRoom = 1.18;

/** Horizontal bars in the given order, biggest first as the queries return them. */
export function rankedBars(options: RankedBarsOptions): TopLevelSpec {
  const { values } = options;
  const max = Math.max(1, ...values.map((v) => v.value));
  return {
    title: options.title,
    description: options.description,
    width: options.width,
    autosize: fitWidth,
    height: { step: 26 },
    data: {
      values: values.map((v) => ({
        ...v,
        label: fitText(v.label, options.labelWidth ?? Math.round(options.width * 0.4), chartFontSize),
        color: v.color ?? palette.primary,
      })),
    },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        // The data arrives ranked; keep its order (a sort here conflicts between the layers).
        sort: null,
        title: options.labelTitle,
        // Labels are cut to fit in Node (fitText), where widths are known; vega must not cut again.
        axis: { labelLimit: 1000, ticks: false, domain: false, labelPadding: 6 },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        title: options.valueTitle,
        // Room at the end of the longest bar for its printed count.
        scale: { domain: [0, max * valueRoom], nice: false },
        // About one tick per 90 px of chart, so narrow charts do not crowd their numbers.
        axis: { tickCount: Math.max(2, Math.round(options.width / 90)), tickMinStep: 1, format: ',d', labelOverlap: true },
      },
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 3, height: { band: 0.7 } }, encoding: { color: { field: 'color', type: 'nominal', scale: null } } },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: chartFontSize, color: palette.ink },
        encoding: { text: { field: 'value', type: 'quantitative', format: ',' } },
      },
    ],
    config: chartConfig,
  };
}
