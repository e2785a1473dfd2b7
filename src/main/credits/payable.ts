// Marks the earnings each Friday transfer paid (DOMAIN.md §5): earnings payable by its date, oldest first, take what
// the instructor's transfers settled in turn. A transfer settles its amount net of reversals, plus what it recovered
// by a clawback's reversal and what it deducted; a share clawed back by cancelling is never paid. The rest stays owed.
import { londonDate } from '../../shared/dates';
import { allocate } from '../../shared/money';
import type { ProjectionContext } from '../projection/context';
import { writeRow } from '../projection/rows';
import { SETTLEMENT_KINDS } from '../db/schema/sync';

export const payableRoot = (instructorId: string) => `payable:${instructorId}`;

interface Earning {
  id: string;
  payment_id: string;
  hours_from: number;
  hours_to: number;
  amount_pence: number;
  payable_on: string;
}

interface SettlingClawback {
  amount_pence: number;
  method: string;
  status: string;
  stripe_transfer_id: string | null;
  payout_id: string | null;
  payment_id: string | null;
  hours_from: number | null;
  hours_to: number | null;
  instructor_share: number | null;
  payment_hours: number | null;
}

/** Sums amounts by a key (rows whose key is null are left out). */
function sumBy<T extends { amount_pence: number }>(
  rows: T[],
  key: (row: T) => string | null,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) sums.set(k, (sums.get(k) ?? 0) + row.amount_pence);
  }
  return sums;
}

/**
 * What each earning still needs a transfer for: its amount less the cancelled clawbacks of its hours. A cancelled
 * clawback's amount is spread over the earnings its hours overlap from the last hour back (unpaid hours come last).
 */
function stillDue(earnings: Earning[], cancelled: SettlingClawback[]): Map<string, number> {
  const due = new Map(earnings.map((e) => [e.id, e.amount_pence]));
  for (const c of cancelled) {
    let left = c.amount_pence;
    const overlapping = earnings
      .filter(
        (e) => e.payment_id === c.payment_id && e.hours_from < c.hours_to! && e.hours_to > c.hours_from!,
      )
      .sort((a, b) => b.hours_from - a.hours_from);
    for (const e of overlapping) {
      if (left === 0) break;
      const share = allocate(
        c.instructor_share!,
        c.payment_hours!,
        Math.max(c.hours_from!, e.hours_from),
        Math.min(c.hours_to!, e.hours_to),
      );
      const taken = Math.min(share, left, due.get(e.id)!);
      due.set(e.id, due.get(e.id)! - taken);
      left -= taken;
    }
  }
  return due;
}

export function projectPayable(ctx: ProjectionContext, root: string): void {
  const instructorId = root.slice(payableRoot('').length);
  const earnings = ctx
    .stmt(
      `SELECT id, payment_id, hours_from, hours_to, amount_pence, payable_on FROM earnings
       WHERE instructor_id = ? AND status <> 'cancelled' ORDER BY payable_on, created_at, id`,
    )
    .all(instructorId) as Earning[];
  const clawbacks = ctx
    .stmt(
      `SELECT c.amount_pence, c.method, c.status, c.stripe_transfer_id, c.payout_id, c.payment_id, c.hours_from,
              c.hours_to, p.instructor_amount_pence AS instructor_share, p.hours AS payment_hours
       FROM clawbacks c LEFT JOIN payments p ON p.id = c.payment_id
       WHERE c.instructor_id = ? AND c.status IN ('recovered', 'deducted') ORDER BY c.created_at, c.id`,
    )
    .all(instructorId) as SettlingClawback[];
  const reversedByClawback = sumBy(clawbacks, (c) => (c.method === 'reversal' ? c.stripe_transfer_id : null));
  const deducted = sumBy(clawbacks, (c) => (c.status === 'deducted' ? c.payout_id : null));
  const due = stillDue(
    earnings,
    clawbacks.filter((c) => c.method === 'cancelled' && c.instructor_share !== null && c.hours_from !== null),
  );
  // Every transfer to the instructor, net of its reversals (the journal's), with its payout row when the console made
  // it: a transfer made outside the console counts as paid on its London day (DOMAIN.md §5).
  const transfers = (
    ctx
      .stmt(
        `SELECT tr.transferId, tr.at, tr.net, po.id AS payoutId, po.payout_date AS payoutDate FROM (
           SELECT max(CASE WHEN t.kind = 'transfer' THEN t.source_id END) AS transferId,
                  max(CASE WHEN t.kind = 'transfer' THEN t.occurred_at END) AS at, sum(l.amount_pence) AS net
           FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id
             AND l.account = 'instructor_payable:' || t.instructor_id
           WHERE t.instructor_id = ? AND t.kind IN ${SETTLEMENT_KINDS} GROUP BY t.origin) tr
         LEFT JOIN payouts po ON po.stripe_transfer_id = tr.transferId
         WHERE tr.transferId IS NOT NULL`,
      )
      .all(instructorId) as {
      transferId: string;
      at: number;
      net: number;
      payoutId: string | null;
      payoutDate: string | null;
    }[]
  )
    .map((t) => ({ ...t, day: t.payoutDate ?? londonDate(t.at) }))
    .sort((a, b) =>
      a.day < b.day ? -1 : a.day > b.day ? 1 : a.at - b.at || (a.transferId < b.transferId ? -1 : 1),
    );
  const paidBy = new Map<string, string | null>();
  let settled = 0;
  let next = 0;
  for (const t of transfers) {
    // What a transfer settled but no earning due by its day took is carried to the next one.
    settled +=
      t.net +
      (reversedByClawback.get(t.transferId) ?? 0) +
      (t.payoutId ? (deducted.get(t.payoutId) ?? 0) : 0);
    while (next < earnings.length) {
      const e = earnings[next]!;
      const owed = due.get(e.id)!;
      if (e.payable_on > t.day || owed > settled) break;
      paidBy.set(e.id, t.payoutId);
      settled -= owed;
      next += 1;
    }
  }
  for (const e of earnings) {
    const paid = paidBy.has(e.id);
    writeRow(ctx, 'earnings', 'earning', {
      id: e.id,
      status: paid ? 'paid' : 'owed',
      payout_id: paidBy.get(e.id) ?? null,
    });
  }
}
