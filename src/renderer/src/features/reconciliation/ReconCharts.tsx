// The reconciliation charts (recharts): money flows, the effective fee rate, the liabilities and the top instructors
// by transfers — daily or weekly, tooltips in exact pounds, each with a table of the same numbers (print shows both).
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPoint, ReconCharts as Charts } from '@shared/contract/recon';
import { formatDay } from '@shared/dates';
import { formatPence } from '@shared/money';
import { formatBps } from '../../lib/format';
import { ChartTableView, Money } from '../../components/ui';
import { SERIES } from './labels';

type SeriesKey = keyof typeof SERIES;
const FLOWS: SeriesKey[] = [
  'grossPence',
  'platformFeePence',
  'transfersPence',
  'refundsPence',
  'stripeFeesPence',
];
const LIABILITIES: SeriesKey[] = ['learnerPrepaidPence', 'instructorPayablePence'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDay = (d: string) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;
/** Axis ticks in whole pounds with thousands separators (the tooltip has the pence). */
const axisPounds = (pence: number) => `£${Math.round(pence / 100).toLocaleString('en-GB')}`;

const AXIS = { tick: { fontSize: 11, fill: 'var(--muted)' }, tickLine: false } as const;

function ChartTable({
  title,
  points,
  keys,
  bucketLabel,
}: {
  title: string;
  points: ChartPoint[];
  keys: SeriesKey[];
  bucketLabel: string;
}) {
  return (
    <ChartTableView label={title}>
      <thead>
        <tr>
          <th scope="col">{bucketLabel}</th>
          {keys.map((k) => (
            <th key={k} scope="col" className="cell--right">
              {SERIES[k].label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.bucket}>
            <td>{formatDay(p.bucket)}</td>
            {keys.map((k) => (
              <td key={k} className="cell--right">
                <Money pence={p[k]} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ChartTableView>
  );
}

interface Plot {
  key: SeriesKey | 'effectiveFeeBps';
  label: string;
  colour: string;
}

const money = (keys: SeriesKey[]): Plot[] => keys.map((k) => ({ key: k, ...SERIES[k] }));
const RATE: Plot[] = [
  { key: 'effectiveFeeBps', label: 'Effective fee rate', colour: SERIES.platformFeePence.colour },
];
const exactPounds = (v: number) => formatPence(v);
const exactRate = (v: number | null) => (v === null ? 'No payments' : formatBps(v));
const axisRate = (bps: number) => formatBps(Math.round(bps));

/** One time-series chart: bars or lines over the buckets, axis and tooltip formatted for money or a rate. */
function SeriesChart({
  title,
  points,
  plots,
  kind,
  rate = false,
}: {
  title: string;
  points: ChartPoint[];
  plots: Plot[];
  kind: 'bar' | 'line';
  rate?: boolean;
}) {
  const Chart = kind === 'bar' ? BarChart : LineChart;
  return (
    <div className="recon-chart" role="img" aria-label={`${title}: ${plots.map((p) => p.label).join(', ')}`}>
      <Chart
        responsive
        style={{ width: '100%', height: rate ? 180 : 220 }}
        data={points}
        margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="bucket"
          tickFormatter={shortDay}
          minTickGap={20}
          axisLine={{ stroke: 'var(--border)' }}
          {...AXIS}
        />
        <YAxis tickFormatter={rate ? axisRate : axisPounds} width={72} axisLine={false} {...AXIS} />
        <Tooltip
          wrapperClassName="chart-tooltip"
          labelFormatter={(b) => formatDay(String(b))}
          formatter={(value, name) => [
            rate ? exactRate(value === null ? null : Number(value)) : exactPounds(Number(value)),
            String(name),
          ]}
        />
        {rate ? null : <Legend wrapperStyle={{ fontSize: 12 }} />}
        {plots.map((p) =>
          kind === 'bar' ? (
            <Bar
              key={p.key}
              dataKey={p.key}
              name={p.label}
              fill={p.colour}
              isAnimationActive={false}
              maxBarSize={18}
            />
          ) : (
            <Line
              key={p.key}
              dataKey={p.key}
              name={p.label}
              stroke={p.colour}
              dot={false}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
          ),
        )}
      </Chart>
    </div>
  );
}

export function ReconCharts({ charts }: { charts: Charts }) {
  const [weekly, setWeekly] = useState(charts.daily.length > 62);
  const points = weekly ? charts.weekly : charts.daily;
  const bucketLabel = weekly ? 'Week of' : 'Day';
  return (
    <section className="panel panel--padded recon-charts" aria-labelledby="recon-charts-title">
      <div className="recon-charts__head">
        <h2 id="recon-charts-title" className="section-title">
          Charts, {formatDay(charts.from)} – {formatDay(charts.to)}
        </h2>
        <div className="segmented" role="group" aria-label="Chart buckets">
          <button
            type="button"
            className="segmented__button"
            aria-pressed={!weekly}
            onClick={() => setWeekly(false)}
          >
            Daily
          </button>
          <button
            type="button"
            className="segmented__button"
            aria-pressed={weekly}
            onClick={() => setWeekly(true)}
          >
            Weekly
          </button>
        </div>
      </div>
      <h3 className="recon-chart__title">Money flows</h3>
      <SeriesChart title="Money flows" points={points} plots={money(FLOWS)} kind="bar" />
      <ChartTable title="Money flows" points={points} keys={FLOWS} bucketLabel={bucketLabel} />
      <h3 className="recon-chart__title">Effective platform fee rate (net of discounts)</h3>
      <SeriesChart title="Effective platform fee rate" points={points} plots={RATE} kind="line" rate />
      <ChartTableView label="Effective fee rate">
        <thead>
          <tr>
            <th scope="col">{bucketLabel}</th>
            <th scope="col" className="cell--right">
              Net fee
            </th>
            <th scope="col" className="cell--right">
              Rate
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.bucket}>
              <td>{formatDay(p.bucket)}</td>
              <td className="cell--right">
                <Money pence={p.platformFeePence} />
              </td>
              <td className="cell--right">
                {p.effectiveFeeBps === null ? '—' : formatBps(p.effectiveFeeBps)}
              </td>
            </tr>
          ))}
        </tbody>
      </ChartTableView>
      <h3 className="recon-chart__title">Liabilities at the end of each {weekly ? 'week' : 'day'}</h3>
      <SeriesChart title="Liabilities" points={points} plots={money(LIABILITIES)} kind="line" />
      <ChartTable title="Liabilities" points={points} keys={LIABILITIES} bucketLabel={bucketLabel} />
      <h3 className="recon-chart__title">Top instructors by transfers</h3>
      {charts.topInstructors.length === 0 ? (
        <p className="muted">No transfers to instructors in this period.</p>
      ) : (
        <>
          <div className="recon-chart" role="img" aria-label="Top instructors by transfers">
            <BarChart
              responsive
              layout="vertical"
              style={{ width: '100%', height: 32 + charts.topInstructors.length * 28 }}
              data={charts.topInstructors}
              margin={{ top: 4, right: 16, bottom: 0, left: 8 }}
            >
              <XAxis type="number" tickFormatter={axisPounds} {...AXIS} />
              <YAxis type="category" dataKey="name" width={140} axisLine={false} {...AXIS} />
              <Tooltip
                wrapperClassName="chart-tooltip"
                formatter={(v) => [formatPence(Number(v)), 'Transfers']}
              />
              <Bar
                dataKey="transfersPence"
                name="Transfers"
                fill={SERIES.transfersPence.colour}
                isAnimationActive={false}
                maxBarSize={18}
              />
            </BarChart>
          </div>
          <ChartTableView label="Top instructors by transfers">
            <tbody>
              {charts.topInstructors.map((i) => (
                <tr key={i.instructorId}>
                  <th scope="row">{i.name}</th>
                  <td className="cell--right">
                    <Money pence={i.transfersPence} />
                  </td>
                </tr>
              ))}
            </tbody>
          </ChartTableView>
        </>
      )}
    </section>
  );
}
