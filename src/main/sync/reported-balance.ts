// Reads Stripe's own balance after each pass, so the Overview can set it beside the ledger's stripe_balance.
import type { RunContext } from './run-context';
import { writeState } from './state';
import { recordSyncError } from '../db/sync-errors';

/** Σ of GBP available + pending, in pence, as Stripe reports it, and the available part (what transfers draw on). */
export async function recordReportedBalance(run: RunContext): Promise<void> {
  try {
    const { value, observedAt } = await run.gateway.timed('GET /v1/balance', (stripe) =>
      stripe.balance.retrieve(),
    );
    const gbp = (parts: { amount: number; currency: string }[]) =>
      parts.filter((p) => p.currency === 'gbp').reduce((sum, p) => sum + p.amount, 0);
    const available = gbp(value.available);
    const pence = available + gbp(value.pending);
    writeState(
      run.sqlite,
      'stripe_balance',
      { pence, availablePence: available, observedAt: observedAt * 1000 },
      run.now(),
    );
  } catch (error) {
    recordSyncError(
      run.sqlite,
      {
        scope: 'request',
        code: 'balance_unreadable',
        message: `Stripe's balance could not be read: ${(error as Error).message}`,
        hint: 'The Overview cannot compare the ledger with Stripe until it can; check the key can read Balance.',
      },
      run.now(),
    );
  }
}
