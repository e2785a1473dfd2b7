// Attention source from payout runs: runs prepared (by a person or the schedule) that wait for finance to approve.
import { formatDay } from '../../../shared/dates';
import { formatPence } from '../../../shared/money';
import { readState } from '../../sync/state';
import type { AttentionSource } from './index';

export const runsAwaitingApproval: AttentionSource = {
  kind: 'payout_runs_awaiting_approval',
  label: 'Payout runs waiting for approval',
  tone: 'amber',
  read({ sqlite, limit }) {
    const total = sqlite
      .prepare('SELECT count(*) FROM payout_runs WHERE executed_at IS NULL')
      .pluck()
      .get() as number;
    const rows = sqlite
      .prepare(
        `SELECT id, payout_date AS date, source, prepared_at AS preparedAt, total_pence AS totalPence,
           ready_count AS ready, held_count AS held
         FROM payout_runs WHERE executed_at IS NULL ORDER BY payout_date, id LIMIT ?`,
      )
      .all(limit) as {
      id: string;
      date: string;
      source: 'console' | 'schedule';
      preparedAt: number;
      totalPence: number;
      ready: number;
      held: number;
    }[];
    const last = readState(sqlite, 'payout_schedule')?.last;
    return {
      total,
      items: rows.map((r) => {
        const why = last?.runId === r.id ? last.notExecuted[0] : undefined;
        return {
          id: r.id,
          title: `${formatDay(r.date)}: ${formatPence(r.totalPence)} to ${r.ready.toLocaleString('en-GB')} instructor${r.ready === 1 ? '' : 's'}`,
          detail: `Prepared ${r.source === 'schedule' ? 'by the schedule' : 'by finance'}; ${r.held.toLocaleString('en-GB')} held.${why ? ` Not executed automatically: ${why}` : ''}`,
          at: r.preparedAt,
          link: { kind: 'route', path: '/payouts', params: { date: r.date } },
        };
      }),
    };
  },
};
