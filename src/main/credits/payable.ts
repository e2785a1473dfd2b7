// Marks the earnings each Friday transfer paid: earnings payable on or before its payout date, oldest first,
// up to the transfer's amount (net of reversals). Everything else stays owed.
import type { ProjectionContext } from '../projection/context';
import { writeRow } from '../projection/rows';

export function projectPayable(ctx: ProjectionContext, root: string): void {
  const instructorId = root.slice('payable:'.length);
  const earnings = ctx
    .stmt(
      `SELECT id, amount_pence, payable_on FROM earnings WHERE instructor_id = ? AND status <> 'cancelled'
       ORDER BY payable_on, created_at, id`,
    )
    .all(instructorId) as { id: string; amount_pence: number; payable_on: string }[];
  const payouts = ctx
    .stmt(
      `SELECT id, amount_pence, payout_date FROM payouts WHERE instructor_id = ? AND status = 'paid'
       ORDER BY payout_date, created_at, id`,
    )
    .all(instructorId) as { id: string; amount_pence: number; payout_date: string }[];
  const paidBy = new Map<string, string>();
  let next = 0;
  for (const payout of payouts) {
    let left = payout.amount_pence;
    while (next < earnings.length) {
      const e = earnings[next]!;
      if (e.payable_on > payout.payout_date || e.amount_pence > left) break;
      paidBy.set(e.id, payout.id);
      left -= e.amount_pence;
      next += 1;
    }
  }
  for (const e of earnings) {
    const payoutId = paidBy.get(e.id) ?? null;
    writeRow(ctx, 'earnings', 'earning', {
      id: e.id,
      status: payoutId ? 'paid' : 'owed',
      payout_id: payoutId,
    });
  }
}
