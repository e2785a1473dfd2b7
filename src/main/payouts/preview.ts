// The preview of a Friday's run: every instructor's owed amount and status, the totals, and whether Stripe's
// available balance covers the run (with what to do when it does not).
import type { PayoutPreview, PreviewRow } from '../../shared/contract/payouts';
import { formatDay, fridayOnOrAfter, londonDate } from '../../shared/dates';
import { formatPence } from '../../shared/money';
import type { Sqlite } from '../db/open';
import { readState } from '../sync/state';
import { owedLater, owedOn } from './owed';
import { currentPolicy } from './policy';

/** The next Friday (today when today is one), Europe/London. */
export const nextFriday = (now: number) => fridayOnOrAfter(londonDate(now));

export function balanceWarning(
  readyPence: number,
  balance: PayoutPreview['balance'],
  date: string,
): string | null {
  if (readyPence === 0) return null;
  if (!balance)
    return "Stripe's available balance has not been read yet: sync with Stripe before executing, so a short balance shows here first.";
  if (balance.availablePence >= readyPence) return null;
  return `Stripe's available balance (${formatPence(balance.availablePence)}) is lower than the run's total (${formatPence(readyPence)}) by ${formatPence(readyPence - balance.availablePence)}: transfers beyond it would be refused. Wait for pending funds to become available, add funds to the platform balance in Stripe, or execute ${formatDay(date)}'s run later.`;
}

export function previewRun(sqlite: Sqlite, date: string): PayoutPreview {
  const policy = currentPolicy(sqlite);
  const rows: PreviewRow[] = owedOn(sqlite, date, policy.minimumPence);
  const ready = rows.filter((r) => r.status === 'ready');
  const readyPence = ready.reduce((sum, r) => sum + r.owedPence, 0);
  const heldRows = rows.filter((r) => r.status === 'held');
  const reported = readState(sqlite, 'stripe_balance');
  const balance =
    reported && typeof reported.availablePence === 'number'
      ? { availablePence: reported.availablePence, observedAt: reported.observedAt }
      : null;
  return {
    date,
    rows,
    totals: {
      readyPence,
      ready: ready.length,
      heldPence: heldRows.reduce((sum, r) => sum + Math.max(0, r.owedPence), 0),
      held: heldRows.length,
      laterPence: owedLater(sqlite, date),
    },
    balance,
    balanceWarning: balanceWarning(readyPence, balance, date),
    minimumPence: policy.minimumPence,
  };
}
