// The printed reconciliation report (one to two A4 pages): period and status, totals, roll-forwards, discrepancies
// and the main charts as static SVG — a self-contained HTML document the PDF port prints.
import type { ReconCharts, ReconReport } from '../../shared/contract/recon';
import { formatDay, formatInstant } from '../../shared/dates';
import { formatPence } from '../../shared/money';
import { SERIES_COLOURS, SERIES_LABELS } from '../../shared/series-colours';
import { barsSvg, linesSvg, type SvgSeries } from './report-svg';
import type { SummaryRow } from './report-export';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const series = (keys: (keyof typeof SERIES_COLOURS)[]): SvgSeries[] =>
  keys.map((key) => ({ key, label: SERIES_LABELS[key], colour: SERIES_COLOURS[key] }));

const STYLE = `
  body { font: 10px/1.4 -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; margin: 0; }
  h1 { font-size: 16px; margin: 0 0 2px; } h2 { font-size: 12px; margin: 12px 0 4px; }
  table { border-collapse: collapse; width: 100%; } td, th { padding: 2px 6px; border-bottom: 1px solid #ddd; text-align: left; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .muted { color: #555; } .ok { color: #1b7a36; } .bad { color: #b42318; }
  .cols { display: flex; gap: 16px; } .cols > table { flex: 1; }
  .charts { break-inside: avoid; }
`;

export function reportHtml(report: ReconReport, summary: SummaryRow[], charts: ReconCharts): string {
  const p = report.period;
  const rollForwards = new Set(report.figures.rollForwards.map((r) => r.label));
  const amounts = summary.filter((r) => r.pence !== null && !rollForwards.has(r.section));
  const half = Math.ceil(amounts.length / 2);
  const rows = (list: SummaryRow[]) =>
    list
      .map(
        (r) =>
          `<tr><td>${esc(r.section)} · ${esc(r.item)}</td><td class="n">${formatPence(r.pence!)}</td></tr>`,
      )
      .join('');
  const points = charts.daily.length > 45 ? charts.weekly : charts.daily;
  const discrepancies = report.discrepancies
    .slice(0, 25)
    .map((d) => `<tr><td>${esc(d.kind)}</td><td>${esc(d.message)}</td><td>${esc(d.ids.join(' '))}</td></tr>`)
    .join('');
  const more =
    report.discrepancies.length > 25
      ? `<p class="muted">…and ${report.discrepancies.length - 25} more (see the XLSX).</p>`
      : '';
  const lock = report.lock
    ? `<p>Locked ${formatDay(report.lock.from)} – ${formatDay(report.lock.to)} by ${esc(report.lock.lockedBy ?? 'an operator')}${report.lock.lateChangeCount > 0 ? `, <span class="bad">${report.lock.lateChangeCount} changes since the lock</span>` : ''}.</p>`
    : '';
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Reconciliation ${p.from} – ${p.to}</title><style>${STYLE}</style></head><body>
<h1>LPlate reconciliation: ${formatDay(p.from)} – ${formatDay(p.to)}</h1>
<p class="muted">${esc(p.kind)} period, Europe/London · run ${formatInstant(report.ranAt)} by ${esc(report.ranBy ?? 'the console')} ·
<span class="${report.status === 'reconciled' ? 'ok' : 'bad'}">${report.status === 'reconciled' ? 'Reconciled' : `${report.discrepancies.length} discrepancies`}</span></p>
${lock}
<h2>Totals</h2><div class="cols"><table>${rows(amounts.slice(0, half))}</table><table>${rows(amounts.slice(half))}</table></div>
<h2>Liability roll-forwards</h2>
<table><tr><th>Liability</th><th class="n">Opening</th><th class="n">+ In</th><th class="n">− Out</th><th class="n">Closing</th><th>Check</th></tr>
${report.figures.rollForwards.map((r) => `<tr><td>${esc(r.label)}</td><td class="n">${formatPence(r.openingPence)}</td><td class="n">${formatPence(r.inPence)}</td><td class="n">${formatPence(r.outPence)}</td><td class="n">${formatPence(r.closingPence)}</td><td class="${r.differencePence === 0 ? 'ok' : 'bad'}">${r.differencePence === 0 ? 'Closes' : `Off by ${formatPence(r.differencePence)}`}</td></tr>`).join('')}</table>
<h2>Discrepancies</h2>
${report.discrepancies.length === 0 ? '<p class="ok">None: every check passed.</p>' : `<table><tr><th>Check</th><th>What is wrong</th><th>Ids</th></tr>${discrepancies}</table>${more}`}
<div class="charts"><h2>Money flows (${points === charts.weekly ? 'weekly' : 'daily'})</h2>
${barsSvg(points, series(['grossPence', 'platformFeePence', 'transfersPence', 'refundsPence', 'stripeFeesPence']))}
<h2>Liabilities</h2>
${linesSvg(points, series(['learnerPrepaidPence', 'instructorPayablePence']))}</div>
</body></html>`;
}
