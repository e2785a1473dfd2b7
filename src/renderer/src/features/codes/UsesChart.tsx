// A code's weekly uses as bars (weeks start on Monday), the revenue they brought in the tooltip to the penny; the
// same figures as a table behind a disclosure.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { CodeDetail } from '@shared/contract/codes';
import { formatDay } from '@shared/dates';
import { formatPence } from '@shared/money';
import { formatCount } from '../../lib/format';
import { ChartTableView, Money } from '../../components/ui';

/** Uses are what learners paid with the code: gross volume's colour, as on the Overview (overview/series.ts). */
const USES_COLOUR = '#4f5bd5';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const shortDay = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;

export function UsesChart({ weeks, code }: { weeks: CodeDetail['weeks']; code: string }) {
  if (weeks.length === 0)
    return <p className="muted">No uses yet: the chart fills in as payments with {code} are synced.</p>;
  const totalUses = weeks.reduce((n, w) => n + w.uses, 0);
  return (
    <>
      <div
        className="uses-chart"
        role="img"
        aria-label={`${code}: ${formatCount(totalUses)} use${totalUses === 1 ? '' : 's'} over ${weeks.length} week${weeks.length === 1 ? '' : 's'}, by week`}
      >
        <BarChart
          responsive
          style={{ width: '100%', height: 160 }}
          data={weeks}
          margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="week"
            tickFormatter={shortDay}
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            tickLine={false}
            axisLine={{ stroke: 'var(--border)' }}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            width={32}
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            cursor={{ fill: 'var(--hover)' }}
            wrapperClassName="chart-tooltip"
            labelFormatter={(week) => `Week of ${formatDay(String(week))}`}
            formatter={(value, _name, item) => {
              const revenue = (item.payload as { revenuePence: number }).revenuePence;
              return [`${formatCount(Number(value))} (${formatPence(revenue)})`, 'Uses (revenue)'];
            }}
          />
          <Bar
            dataKey="uses"
            fill={USES_COLOUR}
            maxBarSize={28}
            radius={[2, 2, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </div>
      <ChartTableView label={`${code} uses by week`}>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col" className="cell--right">
              Uses
            </th>
            <th scope="col" className="cell--right">
              Revenue
            </th>
          </tr>
        </thead>
        <tbody>
          {[...weeks].reverse().map((w) => (
            <tr key={w.week}>
              <td>{formatDay(w.week)}</td>
              <td className="cell--right">{formatCount(w.uses)}</td>
              <td className="cell--right">
                <Money pence={w.revenuePence} />
              </td>
            </tr>
          ))}
        </tbody>
      </ChartTableView>
    </>
  );
}
