import { uplotAssets } from './page-assets';
import { PAGE_SCRIPT } from './page-script';
import type { ReportData } from './report-data';

const STYLE = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222; background: #fafafa; }
body { margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 1400px; }
h1 { font-size: 1.4rem; margin: 0.2rem 0 0.8rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 0.85rem; margin: 0 0 0.2rem; font-weight: 600; }
.columns { display: flex; flex-wrap: wrap; gap: 2rem; }
table.kv { border-collapse: collapse; font-size: 0.85rem; } table.kv th { text-align: left; font-weight: 500; color: #555; padding: 1px 12px 1px 0; vertical-align: top; }
table.kv td { padding: 1px 0; font-variant-numeric: tabular-nums; word-break: break-all; }
#problems { background: #fff3f0; border: 1px solid #e8a598; padding: 0.4rem 1rem; margin: 0.6rem 0; }
#problems li { margin: 0.2rem 0; font-size: 0.9rem; } #problems .damaged { color: #a12; }
.histograms { display: flex; flex-wrap: wrap; gap: 0.8rem; }
.histogram { background: #fff; border: 1px solid #e3e3e3; padding: 4px 6px; }
.histogram .note, .muted { font-size: 0.75rem; color: #666; margin: 0.2rem 0; max-width: 320px; }
.u-legend { font-size: 0.7rem; }
#rows, #looked-up { display: grid; grid-template-columns: repeat(auto-fill, minmax(430px, 1fr)); gap: 0.8rem; }
.row-card { background: #fff; border: 1px solid #e3e3e3; padding: 6px; font-size: 0.8rem; }
.row-card header { margin-bottom: 4px; } .flag { margin-left: 6px; padding: 0 4px; border-radius: 3px; color: #fff; }
.flag.clip { background: #c44e52; } .flag.silent { background: #777; }
.mels { display: flex; gap: 4px; align-items: stretch; } .mels figure { margin: 0; flex: 1; min-width: 0; }
.mels img { width: 100%; height: 96px; image-rendering: pixelated; display: block; }
.mels figcaption { font-size: 0.7rem; color: #666; text-align: center; }
.scale { display: flex; gap: 2px; font-size: 0.65rem; color: #555; } .scale .bar { width: 10px; height: 96px; }
.scale .ticks { display: flex; flex-direction: column; justify-content: space-between; height: 96px; }
.row-audio { width: 100%; height: 32px; margin: 4px 0; }
details.params summary { cursor: pointer; color: #335; } table.params { margin-top: 4px; }
#lookup { margin: 0.5rem 0; font-size: 0.9rem; } #lookup-msg { color: #a12; margin-left: 0.5rem; }
pre#config { font-size: 0.75rem; background: #fff; border: 1px solid #e3e3e3; padding: 0.5rem; max-height: 300px; overflow: auto; }
`;

/** JSON that is safe inside a <script> element (no "</script>", no line separators that break JS). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The whole report page: styles, uPlot, the data and the page script inlined; nothing fetched from elsewhere. */
export function reportPage(data: ReportData): string {
  const { js, css } = uplotAssets();
  const title = `vstds report: ${data.summary.dir}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob: 'self'; media-src data: blob: 'self'; connect-src 'self'">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div id="problems" hidden></div>
<div class="columns">
<section><h2>Dataset</h2><div id="summary"></div></section>
<section><h2>Run</h2><div id="run"></div></section>
<section id="splits-section"><h2>Splits</h2><div id="splits"></div></section>
</div>
<h2>Parameters against the spec</h2>
<p class="muted" id="stats-note">computing…</p>
<div class="histograms" id="param-histograms"></div>
<h2>Loudness, pitch, velocity</h2>
<div class="histograms" id="signal-histograms"></div>
<h2>Rows</h2>
<form id="lookup"><label>row by global id <input id="lookup-id" inputmode="numeric" size="10"></label> <button type="submit">show</button><span id="lookup-msg"></span></form>
<div id="looked-up"></div>
<p class="muted" id="rows-note"></p>
<div id="rows"></div>
<h2>Config</h2>
<pre id="config">none stored</pre>
<script>${js}</script>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
