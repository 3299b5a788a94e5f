import type { HistoryRecord } from '../history/types.js';
import { headline } from './_internal/headline.js';
import type { RunFile } from './types.js';

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function figureText(name: string, v: number): string {
  return /Rate$|^agreement$|^lower$/.test(name) ? `${(v * 100).toFixed(2)}%` : String(Number(v.toPrecision(4)));
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d1d1f;max-width:1240px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 8px}
.meta{color:#555;margin:0 0 16px}
h1.h-fail{color:#b3261e}h1.h-warn{color:#a15c00}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f7}
.v-pass{color:#137333;font-weight:600}.v-fail,.v-error{color:#b3261e;font-weight:600}.v-inconclusive{color:#a15c00;font-weight:600}
section.entry{border:1px solid #ddd;border-radius:8px;padding:12px 16px;margin:16px 0}
section.entry.bad{border-color:#e8a5a0;background:#fffafa}
.plots{display:flex;flex-wrap:wrap;gap:16px}.plot{min-width:420px}.plot h3{font-size:13px;margin:4px 0;color:#333}
ul.reasons{margin:4px 0 8px;padding-left:20px}code{background:#f2f2f2;padding:0 3px;border-radius:3px}
`;

/** The browser code that draws every plot with uPlot from the embedded data. */
const DRAW = `
(function(){
  var data = JSON.parse(document.getElementById('shadow-data').textContent);
  var W = 460, H = 220, drawn = 0;
  var LEG = '#1f6feb', SHA = '#e8590c', BAD = '#d1242f';
  function box(entry, title, kind){
    var host = document.querySelector('section[data-entry="' + entry + '"] .plots');
    var d = document.createElement('div'); d.className = 'plot'; d.setAttribute('data-plot', kind);
    var h = document.createElement('h3'); h.textContent = title; d.appendChild(h); host.appendChild(d); return d;
  }
  function done(d){ if (d.querySelector('canvas')) { d.setAttribute('data-rendered', '1'); drawn++; } }
  var bars = uPlot.paths.bars({ size: [0.7, 40] });
  var steps = uPlot.paths.stepped({ align: 1 });
  function overlay(i, h, title){
    var d = box(i, title, 'distribution');
    var tl = h.legacy.reduce(function(a,b){return a+b;},0) || 1, ts = h.shadow.reduce(function(a,b){return a+b;},0) || 1;
    var xs = h.edges.slice(0, -1);
    new uPlot({ width: W, height: H, scales: { x: { time: false } },
      series: [{ label: h.name }, { label: 'legacy share', stroke: LEG, fill: 'rgba(31,111,235,.12)', paths: steps }, { label: 'shadow share', stroke: SHA, paths: steps, dash: [6, 3] }],
      axes: [{}, { size: 56 }] }, [xs, h.legacy.map(function(c){return c/tl;}), h.shadow.map(function(c){return c/ts;})], d);
    done(d);
  }
  function barChart(i, title, kind, labels, values, label, color){
    var d = box(i, title, kind);
    var xs = labels.map(function(_, k){ return k; });
    new uPlot({ width: W, height: H, scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
      series: [{ label: 'x', value: function(u, v){ return v == null ? '' : labels[v]; } }, { label: label, stroke: color, fill: color + '55', paths: bars }],
      axes: [{ values: function(u, vs){ return vs.map(function(v){ return Number.isInteger(v) && labels[v] != null ? labels[v] : ''; }); } }, { size: 56 }] },
      [xs, values], d);
    done(d);
  }
  data.entries.forEach(function(e, i){
    var id = String(i), p = e.plots || {}, r = e.report || {};
    (p.distributions || []).forEach(function(h){ overlay(id, h, 'Distribution of ' + h.name + ': legacy vs shadow'); });
    if (r.kind === 'events' && r.fields && r.fields.length) {
      var fs = r.fields.slice(0, 15);
      barChart(id, 'Mismatch rate per field', 'mismatch', fs.map(function(f){return f.field;}), fs.map(function(f){return f.mismatchRate;}), 'mismatch rate', '#8250df');
    }
    if (p.sequenceLengths) overlay(id, p.sequenceLengths, 'Sequence length (events per entity): legacy vs shadow');
    if (r.kind === 'sequences' && r.firstDivergence && r.firstDivergence.absolute.some(function(x){ return x.count > 0; })) {
      var b = r.firstDivergence.absolute;
      barChart(id, 'First divergent position of differing sequences', 'divergence', b.map(function(x){return x.label;}), b.map(function(x){return x.count;}), 'entities', '#bf3989');
    }
    var tr = data.trends[e.eventType + '\\u0000' + e.tier];
    if (tr && tr.points.length) {
      var d = box(id, 'Trend over stored nights (red: failing night)', 'trend');
      var xs = tr.points.map(function(q){ return q.t; });
      var series = [{}], cols = [xs], palette = [LEG, SHA, '#1a7f37'];
      tr.names.forEach(function(n, k){ series.push({ label: n, stroke: palette[k % 3], points: { show: true } }); cols.push(tr.points.map(function(q){ return q.f[n] == null ? null : q.f[n]; })); });
      series.push({ label: 'failing night', stroke: BAD, width: 0, points: { show: true, size: 11, stroke: BAD, fill: BAD } });
      cols.push(tr.points.map(function(q){ return q.bad ? (q.f[tr.names[0]] == null ? 0 : q.f[tr.names[0]]) : null; }));
      new uPlot({ width: W, height: H, series: series, axes: [{}, { size: 56 }] }, cols, d);
      done(d);
    }
  });
  document.body.setAttribute('data-plots-rendered', String(drawn));
})();
`;

/**
 * Renders a run as ONE self-contained HTML file (no server, no network: uPlot and the data are
 * inlined, and a Content-Security-Policy forbids any fetch): per event type and tier the verdict,
 * reasons and key figures, and uPlot charts of what people would rather look at than read —
 * distribution overlays of numeric fields and model outputs (legacy vs shadow), per-field mismatch
 * rates, sequence-length and first-divergence histograms, and each key figure's trend over the stored
 * nights with failing nights marked. `history` holds the stored records (the current run's may be
 * among them; they are not counted twice). The `<h1 id="headline" data-level>` headline is the
 * Markdown's (`pass`, `warn`: inconclusive or no checks ran, `fail`: failing checks or unhandled
 * errors, which are listed under it).
 *
 * @example
 * writeFileSync('report.html', renderHtml(run, (await readHistory('.shadow-history')).records, uplotAssets()));
 */
export function renderHtml(run: RunFile, history: readonly HistoryRecord[], uplot: { js: string; css: string }, trendNights = 30): string {
  const s = run.summary;
  const trends: Record<string, { names: string[]; points: { t: number; f: Record<string, number>; bad: boolean; run: string }[] }> = {};
  for (const [i, e] of run.entries.entries()) {
    void i;
    const key = `${e.eventType}\u0000${e.tier}`;
    if (trends[key]) continue;
    const names = Object.keys(e.figures).filter((n) => !/Rows$|^entities$/.test(n)).slice(0, 3);
    const past = history.filter((h) => h.eventType === e.eventType && h.tier === e.tier && h.runId !== run.runId);
    const now = run.entries.filter((x) => x.eventType === e.eventType && x.tier === e.tier);
    const points = [
      ...past.map((h) => ({ t: Date.parse(h.timestamp) / 1000, f: h.figures, bad: h.verdict !== 'pass', run: h.runId })),
      ...now.map((x) => ({ t: Date.parse(run.timestamp) / 1000, f: x.figures, bad: x.verdict !== 'pass', run: run.runId })),
    ]
      .sort((a, b) => a.t - b.t)
      .slice(-trendNights);
    if (points.length >= 2 && names.length > 0) trends[key] = { names, points };
  }
  const body: string[] = [];
  const h = headline(run);
  body.push(`<h1 id="headline" class="h-${h.level}" data-level="${h.level}">Shadow validation: ${html(h.text)}</h1>`);
  if (run.unhandledErrors?.length) body.push(`<ul class="reasons" id="unhandled">${run.unhandledErrors.map((u) => `<li><code>UNHANDLED_ERROR</code> ${html(u)}</li>`).join('')}</ul>`);
  if (s.checks === 0) body.push('<p class="meta" id="no-checks">No shadow check ran: no test recorded a Report (no tests, all skipped, or a <code>-t</code> filter that matched none).</p>');
  body.push(
    `<p class="meta">run <code id="run-id">${html(run.runId)}</code> · ${html(run.timestamp)}${run.partition ? ` · partition <code id="partition">${html(run.partition)}</code>` : ''}${run.commit ? ` · commit <code>${html(run.commit.slice(0, 12))}</code>` : ''} · ${s.checks} checks · ${(run.durationMs / 1000).toFixed(1)} s</p>`,
  );
  const types = [...new Set(run.entries.map((e) => e.eventType))].sort();
  const tiers = [...new Set(run.entries.map((e) => e.tier))].sort();
  body.push('<table id="summary"><tr><th>event type</th>' + tiers.map((t) => `<th>${html(t)}</th>`).join('') + '</tr>');
  for (const t of types) {
    const cells = tiers.map((tier) => {
      const idx = run.entries.map((e, i) => [e, i] as const).filter(([e]) => e.eventType === t && e.tier === tier);
      if (idx.length === 0) return '<td>—</td>';
      return `<td>${idx.map(([e, i]) => `<a href="#e-${i}" class="v-${e.verdict}" data-summary="${i}" data-verdict="${e.verdict}">${e.verdict}</a>`).join('<br>')}</td>`;
    });
    body.push(`<tr><th>${html(t)}</th>${cells.join('')}</tr>`);
  }
  body.push('</table>');
  for (const [i, e] of run.entries.entries()) {
    body.push(`<section class="entry${e.verdict === 'pass' ? '' : ' bad'}" id="e-${i}" data-entry="${i}" data-event-type="${html(e.eventType)}" data-tier="${html(e.tier)}" data-verdict="${e.verdict}">`);
    body.push(`<h2>${html(e.eventType)} / ${html(e.tier)} — <span class="v-${e.verdict}">${e.verdict}</span></h2>`);
    const info = [html(e.test), e.rows ? `${e.rows.legacy} legacy rows, ${e.rows.shadow} shadow rows` : '', e.engine ? `engine ${e.engine}` : '', e.durationMs !== undefined ? `${(e.durationMs / 1000).toFixed(2)} s` : '', e.sample ? `sampled ${e.sample.sampled.legacy}/${e.sample.rows.legacy} legacy rows by ${html(e.sample.entity)}, seed ${e.sample.seed}` : ''].filter(Boolean);
    body.push(`<p class="meta">${info.join(' · ')}</p>`);
    if (e.reasons.length) body.push(`<ul class="reasons">${e.reasons.map((r) => `<li><code>${html(r.code)}</code> ${html(r.message)}</li>`).join('')}</ul>`);
    const figs = Object.entries(e.figures);
    if (figs.length) {
      body.push(`<table class="figures"><tr>${figs.map(([k]) => `<th>${html(k)}</th>`).join('')}</tr><tr>${figs.map(([k, v]) => `<td data-figure="${html(k)}" data-value="${v}">${figureText(k, v)}</td>`).join('')}</tr></table>`);
    }
    body.push('<div class="plots"></div></section>');
  }
  const data = { entries: run.entries.map((e) => ({ eventType: e.eventType, tier: e.tier, plots: e.plots, report: e.report ? pick(e.report) : undefined })), trends };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>Shadow validation · ${html(run.runId)}</title>
<style>${uplot.css}${CSS}</style></head>
<body>
${body.join('\n')}
<script type="application/json" id="shadow-data">${scriptJson(data)}</script>
<script>${uplot.js}</script>
<script>${DRAW}</script>
</body></html>
`;
}

/** The parts of a Report the plots use, so the file stays small. */
function pick(r: object): object {
  const x = r as { kind?: string; fields?: { field: string; mismatchRate: number }[]; firstDivergence?: unknown };
  return { kind: x.kind, fields: x.kind === 'events' ? x.fields?.map((f) => ({ field: f.field, mismatchRate: f.mismatchRate })) : undefined, firstDivergence: x.kind === 'sequences' ? x.firstDivergence : undefined };
}
