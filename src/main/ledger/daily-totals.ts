// Keeps journal_daily_totals and instructor_transfer_totals in step with the journal: the journal's writer calls it for
// each transaction it adds (+1) or takes away (−1), so sync, rebuild and replay all leave the totals equal to the
// journal's own sums.
import { londonDate } from '../../shared/dates';
import type { ProjectionContext } from '../projection/context';
import { STRIPE_BALANCE } from './accounts';
import type { Line } from './postings';

/** The account's class: its name up to the first ':' (`learner_prepaid:…` → `learner_prepaid`). */
export const accountClass = (account: string) => {
  const colon = account.indexOf(':');
  return colon < 0 ? account : account.slice(0, colon);
};

export function countInDailyTotals(
  ctx: ProjectionContext,
  tx: { kind: string; occurred_at: number; instructor_id: string | null },
  lines: readonly Line[],
  sign: 1 | -1,
): void {
  const byClass = new Map<string, { amount: number; lines: number }>();
  for (const l of lines) {
    const c = byClass.get(accountClass(l.account)) ?? { amount: 0, lines: 0 };
    c.amount += l.amount;
    c.lines += 1;
    byClass.set(accountClass(l.account), c);
  }
  const day = londonDate(tx.occurred_at);
  const add = ctx.stmt(
    `INSERT INTO journal_daily_totals (day, account, kind, amount_pence, lines) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (day, account, kind) DO UPDATE
       SET amount_pence = amount_pence + excluded.amount_pence, lines = lines + excluded.lines`,
  );
  const emptied = ctx.stmt(
    'DELETE FROM journal_daily_totals WHERE day = ? AND account = ? AND kind = ? AND lines = 0',
  );
  for (const [account, c] of byClass) {
    add.run(day, account, tx.kind, sign * c.amount, sign * c.lines);
    if (sign < 0) emptied.run(day, account, tx.kind);
  }
  if (tx.instructor_id !== null && (tx.kind === 'transfer' || tx.kind === 'reversal'))
    countInstructorTransfer(ctx, day, tx.instructor_id, lines, sign);
}

/** A transfer or reversal's pence out of the platform's Stripe balance, added to its instructor's day and month. */
function countInstructorTransfer(
  ctx: ProjectionContext,
  day: string,
  instructorId: string,
  lines: readonly Line[],
  sign: 1 | -1,
): void {
  const balance = lines.filter((l) => l.account === STRIPE_BALANCE);
  if (balance.length === 0) return;
  const out = -balance.reduce((sum, l) => sum + l.amount, 0);
  const add = ctx.stmt(
    `INSERT INTO instructor_transfer_totals (bucket, instructor_id, amount_pence, transactions) VALUES (?, ?, ?, ?)
     ON CONFLICT (bucket, instructor_id) DO UPDATE
       SET amount_pence = amount_pence + excluded.amount_pence, transactions = transactions + excluded.transactions`,
  );
  const emptied = ctx.stmt(
    'DELETE FROM instructor_transfer_totals WHERE bucket = ? AND instructor_id = ? AND transactions = 0',
  );
  for (const bucket of [day, day.slice(0, 7)]) {
    add.run(bucket, instructorId, sign * out, sign);
    if (sign < 0) emptied.run(bucket, instructorId);
  }
}
