// Attention sources about the local copy itself: open sync errors, and the ledger's Stripe balance drifting from
// the balance Stripe reported.
import { formatPence } from '../../../shared/money';
import type { Sqlite } from '../../db/open';
import { stripeBalanceOf } from '../../ledger/balances';
import { readState } from '../../sync/state';
import type { AttentionSource } from './index';

const SYNC_PANEL = { kind: 'route', path: '/overview', params: { sync: 'open' } } as const;

export const syncErrors: AttentionSource = {
  kind: 'sync_errors',
  label: 'Sync errors',
  tone: 'red',
  read({ sqlite, limit }) {
    const total = sqlite
      .prepare('SELECT count(*) FROM sync_errors WHERE resolved_at IS NULL')
      .pluck()
      .get() as number;
    const rows = sqlite
      .prepare(
        `SELECT id, message, hint, last_seen_at FROM sync_errors WHERE resolved_at IS NULL
         ORDER BY last_seen_at DESC, id LIMIT ?`,
      )
      .all(limit) as { id: string; message: string; hint: string; last_seen_at: number }[];
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: r.message,
        detail: r.hint,
        at: r.last_seen_at,
        link: SYNC_PANEL,
      })),
    };
  },
};

/** Refunds the ledger has taken from the Stripe balance that Stripe has not: pending, with no balance transaction yet. */
const refundsWaitingPence = (sqlite: Sqlite) =>
  sqlite
    .prepare(
      `SELECT COALESCE(sum(f.amount_pence), 0) FROM refunds f JOIN stripe_object_states o ON o.id = f.stripe_refund_id
       WHERE f.status = 'pending' AND json_extract(o.payload, '$.balance_transaction') IS NULL`,
    )
    .pluck()
    .get() as number;

export const balanceDrift: AttentionSource = {
  kind: 'balance_drift',
  label: 'Ledger and Stripe differ',
  tone: 'red',
  read({ sqlite }) {
    const reported = readState(sqlite, 'stripe_balance');
    if (!reported) return { total: 0, items: [] };
    const ledger = stripeBalanceOf(sqlite);
    const diff = reported.pence - ledger;
    if (diff === 0) return { total: 0, items: [] };
    const waiting = refundsWaitingPence(sqlite);
    return {
      total: 1,
      items: [
        {
          id: 'stripe_balance',
          title: `Stripe reports ${formatPence(reported.pence)}; the ledger holds ${formatPence(ledger)}`,
          detail:
            `A difference of ${formatPence(diff)}: ` +
            (waiting > 0
              ? `${formatPence(waiting)} of refunds wait in Stripe for funds (in the ledger, not yet taken from Stripe’s balance); beyond that, `
              : '') +
            'a sync pass may be behind, or money moved that the ledger does not know.',
          at: reported.observedAt,
          link: SYNC_PANEL,
        },
      ],
    };
  },
};
