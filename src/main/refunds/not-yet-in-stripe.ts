// Refunds the ledger has taken from the Stripe balance while Stripe has not yet: they explain a ledger/Stripe difference.
import type { Sqlite } from '../db/open';

/** Σ pence of refunds Stripe holds pending with no balance transaction yet (waiting for funds or for the charge). */
export const refundsNotYetInStripePence = (sqlite: Sqlite): number =>
  sqlite
    .prepare(
      `SELECT COALESCE(sum(f.amount_pence), 0) FROM refunds f JOIN stripe_object_states o ON o.id = f.stripe_refund_id
       WHERE f.status = 'pending' AND json_extract(o.payload, '$.balance_transaction') IS NULL`,
    )
    .pluck()
    .get() as number;
