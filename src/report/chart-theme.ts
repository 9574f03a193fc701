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
 * Plotting widths (labels and axis titles come on top), chosen so each SVG's natural
 * size fits its card at a 1280 px wide window and is not shrunk into tiny text.
 */
export const chartWidths = {
  /** A full-width card. */
  wide: 1000,
  /** A half-width card. */
  half: 240,
  /** One of two charts stacked in a half-width card, with short labels. */
  stacked: 330,
  /** The chart beside its table in a full-width card. */
  split: 280,
} as const;

export const chartConfig: Config = {
  font: 'sans-serif',
  background: 'transparent',
  padding: 4,
  view: { stroke: null },
  axis: {
    labelColor: palette.muted,
    titleColor: palette.ink,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    titlePadding: 10,
    gridColor: palette.grid,
    domainColor: '#cbd2dc',
    tickColor: '#cbd2dc',
  },
  legend: { labelColor: palette.muted, titleColor: palette.ink, titleFontSize: 12, labelFontSize: 11 },
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
  readonly width?: number;
  /** Widest label in pixels; longer ones are cut with an ellipsis. */
  readonly labelWidth?: number;
}

const labelFontSize = 11;

/** Horizontal bars in the given order, biggest first as the queries return them. */
export function rankedBars(options: RankedBarsOptions): TopLevelSpec {
  const { values } = options;
  const max = Math.max(1, ...values.map((v) => v.value));
  return {
    title: options.title,
    description: options.description,
    width: options.width ?? chartWidths.half,
    height: { step: 24 },
    data: {
      values: values.map((v) => ({ ...v, label: fitText(v.label, options.labelWidth ?? 200, labelFontSize), color: v.color ?? palette.primary })),
    },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        // The data arrives ranked; keep its order (a sort here conflicts between the layers).
        sort: null,
        title: options.labelTitle,
        // Labels are cut to fit in Node (fitText), where widths are known; vega must not cut again.
        axis: { labelLimit: 1000, labelFontSize, ticks: false, domain: false, labelPadding: 6 },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        title: options.valueTitle,
        // Room at the end of the longest bar for its printed count.
        scale: { domain: [0, max * 1.15], nice: false },
        // About one tick per 80 px, so narrow charts do not crowd their numbers.
        axis: { tickCount: Math.max(2, Math.round((options.width ?? chartWidths.half) / 80)), tickMinStep: 1, format: ',d' },
      },
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 3, height: { band: 0.7 } }, encoding: { color: { field: 'color', type: 'nominal', scale: null } } },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: palette.ink },
        encoding: { text: { field: 'value', type: 'quantitative', format: ',' } },
      },
    ],
    config: chartConfig,
  };
}
