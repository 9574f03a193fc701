/**
 * A chart as it goes in the page: drawn once per layout (layouts.ts), each drawing
 * in a box the stylesheet shows only in its layout, so text is never shrunk below the
 * size it was drawn at. Each drawing gets its own id prefix, so ids stay unique.
 */
import type { TopLevelSpec } from 'vega-lite';
import { layouts, type Layout } from './layouts.js';
import { renderSvg } from './render-svg.js';

export async function chartFigure(id: string, build: (layout: Layout) => TopLevelSpec): Promise<string> {
  const drawings: string[] = [];
  for (const layout of layouts) {
    drawings.push(`<div class="for-${layout.name}">${await renderSvg(build(layout), `${id}-${layout.name}`)}</div>`);
  }
  return `<figure class="chart" data-chart="${id}">${drawings.join('')}</figure>`;
}
