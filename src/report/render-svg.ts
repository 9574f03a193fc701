/**
 * Vega-Lite spec -> SVG text, at build time in Node, ready to inline in the HTML.
 * Rendering never touches the network: specs carry their data inline and the
 * view's loader refuses every URI. The SVG is then checked for references to
 * anything outside itself, so a report can always be opened offline.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './escape.js';
import { externalReferences } from './markup-references.js';
import { useSansSerifMetrics } from './text-metrics.js';

const refuseLoading = (uri: string): Promise<never> =>
  Promise.reject(new Error(`the report renders offline and does not load ${uri}`));

const offlineLoader: vega.Loader = {
  load: refuseLoading,
  sanitize: refuseLoading,
  http: refuseLoading,
  file: refuseLoading,
};

/**
 * Renders `spec` to inline SVG. `id` prefixes the SVG's internal ids (clip paths,
 * gradients), which would otherwise collide between charts on one page.
 */
export async function renderSvg(spec: TopLevelSpec, id: string): Promise<string> {
  // The card around the chart shows the title as a heading, so the SVG leaves it out;
  // it stays in the spec and in the SVG's accessible label.
  useSansSerifMetrics();
  const label = [textOf(spec.title), spec.description].filter(Boolean).join(': ');
  const compiled = compile({ ...spec, title: undefined } as TopLevelSpec, { logger: compileLogger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: offlineLoader });
  try {
    const svg = await view.toSVG();
    const inline = scopeIds(roundPathData(stripNamespaces(svg)), id).replace(/^<svg /, `<svg aria-label="${escapeHtml(label)}" `);
    assertSelfContained(inline, id);
    return inline;
  } finally {
    view.finalize();
  }
}

/**
 * vega-lite warns that it drops "fit-y" whenever a chart fits its width and sizes its
 * height by steps, which is what every chart here asks for; other warnings still show.
 */
const compileLogger: vega.LoggerInterface = (() => {
  const base = vega.logger(vega.Warn);
  const warn = base.warn.bind(base);
  base.warn = (...args: readonly unknown[]) => (String(args[0]).startsWith('Dropping "fit') ? base : warn(...args));
  return base;
})();

/**
 * Path data and transforms with two decimals: vega writes up to 15, which tripled the
 * heatmap's size; a hundredth of a pixel is invisible. Only inside tags (quoted values
 * kept whole), so text from the data is never touched.
 */
export function roundPathData(svg: string): string {
  return inTags(svg, (tag) =>
    tag.replace(/(\s(?:d|transform)=")([^"]*)"/g, (_, start: string, value: string) => `${start}${value.replace(/-?\d+\.\d{3,}/g, (n) => String(Number(Number(n).toFixed(2))))}"`),
  );
}

/** Inline SVG in HTML needs no namespace declarations, and they are the only URLs vega writes. */
export function stripNamespaces(svg: string): string {
  return svg.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
}

/** Internal ids and references to them get the chart's prefix; in tags only, never in text from the data. */
export function scopeIds(svg: string, prefix: string): string {
  return inTags(svg, (tag) =>
    tag
      .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
      .replace(/\bhref="#([^"]+)"/g, `href="#${prefix}-$1"`),
  );
}

/** Applies `edit` to each start tag of the SVG (quoted attribute values kept whole), leaving text between tags as it is. */
function inTags(svg: string, edit: (tag: string) => string): string {
  return svg.replace(/<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>/g, edit);
}

/**
 * Throws if the SVG's markup refers to anything but itself: a remote or local file, an
 * image, a style import. Text from the data (labels, the aria-label) is not markup.
 */
export function assertSelfContained(svg: string, id: string): void {
  const [external] = externalReferences(svg);
  if (external) throw new Error(`chart ${id} refers to something outside the report: ${external}`);
}

function textOf(title: TopLevelSpec['title']): string {
  if (title === undefined) return '';
  if (typeof title === 'string') return title;
  if (Array.isArray(title)) return title.join(' ');
  const text = (title as { text?: unknown }).text;
  return Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : '';
}
