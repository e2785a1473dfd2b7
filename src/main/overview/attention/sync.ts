// Attention sources about the local copy itself: open sync errors, and the ledger's Stripe balance drifting from
// the balance Stripe reported.
import { balanceCheck } from '../../../shared/balance-check';
import { formatPence } from '../../../shared/money';
import { stripeBalanceOf } from '../../ledger/balances';
import { stripeReported } from '../queries';
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

export const balanceDrift: AttentionSource = {
  kind: 'balance_drift',
  label: 'Ledger and Stripe differ',
  tone: 'red',
  read({ sqlite }) {
    const reported = stripeReported(sqlite);
    if (!reported) return { total: 0, items: [] };
    const ledger = stripeBalanceOf(sqlite);
    const check = balanceCheck(reported.pence, ledger, reported.refundsNotYetPaidPence);
    // Refunds Stripe has not paid yet explain their part of a difference; only the rest needs a person.
    if (check.kind !== 'differs') return { total: 0, items: [] };
    const { differencePence: diff, refundsPence: refunds } = check;
    return {
      total: 1,
      items: [
        {
          id: 'stripe_balance',
          title: `Stripe reports ${formatPence(reported.pence)}; the ledger holds ${formatPence(ledger)}`,
          detail:
            `A difference of ${formatPence(diff)}: ` +
            (refunds > 0
              ? `${formatPence(refunds)} is refunds Stripe has not paid yet (in the ledger, not yet taken from Stripe’s balance); for the other ${formatPence(diff - refunds)}, `
              : '') +
            'a sync pass may be behind, or money moved that the ledger does not know.',
          at: reported.observedAt,
          link: SYNC_PANEL,
        },
      ],
    };
  },
};
