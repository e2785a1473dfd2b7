// A small recharts area line of one KPI's daily points, in the series' fixed colour, with exact pence in the tooltip.
import { Area, AreaChart, Tooltip, YAxis } from 'recharts';
import { formatDay } from '@shared/dates';
import { formatPence } from '@shared/money';

export function Sparkline({
  points,
  colour,
  label,
}: {
  points: { day: string; pence: number }[];
  colour: string;
  label: string;
}) {
  const id = `spark-${label.replace(/\W+/g, '-')}`;
  return (
    <div className="sparkline" role="img" aria-label={`${label}, daily trend`}>
      <AreaChart
        responsive
        style={{ width: '100%', height: 48 }}
        data={points}
        margin={{ top: 4, right: 2, bottom: 2, left: 2 }}
      >
        <defs>
          <linearGradient id={id} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={colour} stopOpacity={0.28} />
            <stop offset="100%" stopColor={colour} stopOpacity={0} />
          </linearGradient>
        </defs>
        <YAxis hide domain={['dataMin', 'dataMax']} />
        <Tooltip
          cursor={{ stroke: colour, strokeOpacity: 0.4 }}
          wrapperClassName="sparkline__tooltip"
          labelFormatter={(_, payload) => {
            const day = payload?.[0]?.payload?.day as string | undefined;
            return day ? formatDay(day) : '';
          }}
          formatter={(value) => [formatPence(Number(value)), label]}
        />
        <Area
          type="monotone"
          dataKey="pence"
          stroke={colour}
          strokeWidth={1.75}
          fill={`url(#${id})`}
          isAnimationActive={false}
          dot={false}
        />
      </AreaChart>
    </div>
  );
}
