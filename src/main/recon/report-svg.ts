// Static SVG charts for the printed report (the PDF printer runs no script, so recharts cannot draw there): grouped
// bars of the money flows per bucket and lines of the two liabilities, with £ axes, the same colours as on screen.
import type { ChartPoint } from '../../shared/contract/recon';
import { formatPence } from '../../shared/money';

export interface SvgSeries {
  key: keyof ChartPoint;
  label: string;
  colour: string;
}

const W = 720;
const H = 200;
const PAD = { left: 64, right: 8, top: 8, bottom: 36 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const value = (p: ChartPoint, key: keyof ChartPoint) => Number(p[key] ?? 0);

function frame(points: ChartPoint[], series: SvgSeries[], max: number, body: string): string {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.5, 1].map((f) => {
    const y = PAD.top + plotH * (1 - f);
    const label = `£${Math.round((max * f) / 100).toLocaleString('en-GB')}`;
    return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${label}</text>`;
  });
  const step = Math.max(1, Math.ceil(points.length / 8));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, points.length);
  const labels = points
    .map((p, i) =>
      i % step === 0
        ? `<text x="${PAD.left + slot * (i + 0.5)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${p.bucket.slice(5)}</text>`
        : '',
    )
    .join('');
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${PAD.left + i * 130}" y="${H - 12}" width="10" height="10" fill="${s.colour}"/><text x="${PAD.left + i * 130 + 14}" y="${H - 3}">${esc(s.label)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" font-size="10" font-family="sans-serif">${ticks.join('')}${body}${labels}${legend}</svg>`;
}

export function barsSvg(points: ChartPoint[], series: SvgSeries[]): string {
  const max = Math.max(1, ...points.flatMap((p) => series.map((s) => value(p, s.key))));
  const plotH = H - PAD.top - PAD.bottom;
  const slot = (W - PAD.left - PAD.right) / Math.max(1, points.length);
  const bar = Math.max(1, (slot * 0.8) / series.length);
  const rects = points.flatMap((p, i) =>
    series.map((s, j) => {
      const v = Math.max(0, value(p, s.key));
      const h = (plotH * v) / max;
      return `<rect x="${PAD.left + slot * i + slot * 0.1 + bar * j}" y="${PAD.top + plotH - h}" width="${bar}" height="${h}" fill="${s.colour}"><title>${esc(`${p.bucket} ${s.label} ${formatPence(v)}`)}</title></rect>`;
    }),
  );
  return frame(points, series, max, rects.join(''));
}

export function linesSvg(points: ChartPoint[], series: SvgSeries[]): string {
  const max = Math.max(1, ...points.flatMap((p) => series.map((s) => value(p, s.key))));
  const plotH = H - PAD.top - PAD.bottom;
  const slot = (W - PAD.left - PAD.right) / Math.max(1, points.length);
  const paths = series.map((s) => {
    const d = points
      .map(
        (p, i) =>
          `${i === 0 ? 'M' : 'L'}${PAD.left + slot * (i + 0.5)},${PAD.top + plotH - (plotH * Math.max(0, value(p, s.key))) / max}`,
      )
      .join(' ');
    return `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"/>`;
  });
  return frame(points, series, max, paths.join(''));
}
