/**
 * The report's only stylesheet, inlined into the page. System font stacks only:
 * the file must open offline and fetch nothing. The paddings and the 1100 px
 * breakpoint decide how wide each chart's box is: layouts.ts draws charts to those
 * widths, so change the two together.
 */
import { DESKTOP_FROM, layoutStyles } from './layouts.js';

export const reportStyles = `
:root {
  --ink: #1f2937; --muted: #6b7280; --line: #e6e8ee; --bg: #f4f5f9; --card: #ffffff;
  --primary: #4c5fd5; --deep: #1c2566; --accent: #f08c2e; --ok: #166534; --ok-bg: #dcfce7;
  --bad: #991b1b; --bad-bg: #fee2e2;
  --shadow: 0 1px 2px rgba(16, 24, 40, .05), 0 2px 8px rgba(16, 24, 40, .06);
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
.masthead { background: linear-gradient(120deg, var(--deep) 0%, var(--primary) 100%); color: #fff; padding: 30px 0 92px; }
.eyebrow { margin: 0; font-size: 12px; font-weight: 600; letter-spacing: .12em; text-transform: uppercase; opacity: .8; }
h1 { margin: 6px 0 8px; font-size: 32px; line-height: 1.2; letter-spacing: -.01em; }
.meta { margin: 0; font-size: 14px; opacity: .88; }
.answer { margin: 0 0 10px; font-size: 19px; font-weight: 600; line-height: 1.35; max-width: 60ch; }
.meta code { background: rgba(255, 255, 255, .14); padding: 1px 6px; border-radius: 4px; font-size: 13px; overflow-wrap: anywhere; }
.headline { margin: -64px 0 0; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 14px; margin: 0; }
.stat { background: var(--card); border-radius: 12px; padding: 14px 18px 16px; box-shadow: var(--shadow); }
.stat dt { font-size: 12px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.stat dd { margin: 2px 0 0; font-size: 30px; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
.stat dd.small { font-size: 19px; padding-top: 7px; }
.stat .note { display: block; margin-top: 2px; font-size: 12.5px; font-weight: 400; color: var(--muted); }
.headline .card { margin-top: 14px; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; margin: 22px 0; }
.card { min-width: 0; background: var(--card); border-radius: 12px; padding: 20px 22px 16px; box-shadow: var(--shadow); }
.card.wide { grid-column: 1 / -1; }
.card h2 { margin: 0 0 2px; font-size: 18px; letter-spacing: -.005em; }
.card h3 { margin: 18px 0 6px; font-size: 14px; }
.desc { margin: 0 0 14px; font-size: 14px; color: var(--muted); max-width: 75ch; }
.split { display: grid; grid-template-columns: minmax(0, 1fr); gap: 28px; align-items: start; }
.stack { display: grid; gap: 18px; }
figure.chart { margin: 0 0 8px; }
/* A drawing never grows past the size it was drawn at, so its text never shrinks in its own layout. */
figure.chart svg { display: block; max-width: 100%; height: auto; }
.table-scroll { max-width: 100%; overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
caption { text-align: left; font-size: 13px; font-weight: 600; padding-bottom: 6px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-size: 11.5px; font-weight: 600; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
tbody tr:last-child td { border-bottom: none; }
#data-quality th, #data-quality td { padding: 4px 8px; font-size: 13px; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sub { color: var(--muted); font-size: 12.5px; }
.pills { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 10px; padding: 0; list-style: none; }
.pills li { background: var(--bg); border-radius: 999px; padding: 3px 12px; font-size: 13px; }
.pills strong { font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 44px; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; text-align: center; }
.badge.pass { background: var(--ok-bg); color: var(--ok); }
.badge.fail { background: var(--bad-bg); color: var(--bad); }
details.sql { margin-top: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
details.sql summary { cursor: pointer; font-size: 13px; font-weight: 600; color: var(--primary); }
details.sql summary span { font-weight: 400; color: var(--muted); }
details.raw summary { cursor: pointer; font-size: 13px; color: var(--muted); margin-top: 10px; }
pre {
  margin: 8px 0 0; padding: 12px 14px; border-radius: 8px; overflow: auto; background: #111827; color: #e5e7eb;
  font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
.empty { padding: 28px 30px; }
.empty h2 { font-size: 22px; }
.empty code, .desc code { background: var(--bg); padding: 1px 6px; border-radius: 4px; }
footer { padding: 8px 0 40px; font-size: 13px; color: var(--muted); }
@media (min-width: ${DESKTOP_FROM}px) {
  .grid { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .split { grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr); }
  #data-quality .split { grid-template-columns: minmax(0, 1.25fr) minmax(0, 1fr); }
}
@media (max-width: 699.98px) {
  .wrap { padding: 0 12px; }
  .card { padding: 16px 14px 14px; }
  .masthead { padding-bottom: 80px; }
  h1 { font-size: 26px; }
}
${layoutStyles}
@media print {
  body { background: #fff; }
  .masthead { background: none; color: var(--ink); padding-bottom: 16px; }
  .headline { margin-top: 0; }
  .card, .stat { box-shadow: none; border: 1px solid var(--line); break-inside: avoid; }
  details.sql { display: none; }
}
`;
