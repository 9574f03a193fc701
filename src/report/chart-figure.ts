/**
 * A chart as it goes in the page: drawn for each layout (layouts.ts), each drawing in
 * a box the stylesheet shows only in its layouts, so text is never shrunk below the
 * size it was drawn at. Layouts that ask for the same drawing share one. Each drawing
 * gets its own id prefix, so ids stay unique.
 */
import type { TopLevelSpec } from 'vega-lite';
import { layouts, type Layout, type LayoutName } from './layouts.js';
import { renderSvg } from './render-svg.js';

export async function chartFigure(id: string, build: (layout: Layout) => TopLevelSpec): Promise<string> {
  const drawings: { spec: TopLevelSpec; key: string; layouts: LayoutName[] }[] = [];
  for (const layout of layouts) {
    const spec = build(layout);
    const key = JSON.stringify(spec);
    const same = drawings.find((drawing) => drawing.key === key);
    if (same) same.layouts.push(layout.name);
    else drawings.push({ spec, key, layouts: [layout.name] });
  }
  const html: string[] = [];
  for (const drawing of drawings) {
    const classes = drawing.layouts.map((name) => `for-${name}`).join(' ');
    html.push(`<div class="drawing ${classes}">${await renderSvg(drawing.spec, `${id}-${drawing.layouts.join('-')}`)}</div>`);
  }
  return `<figure class="chart" data-chart="${id}">${html.join('')}</figure>`;
}
