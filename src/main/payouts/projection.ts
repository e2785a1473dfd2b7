// The payouts domain's part of the projection: transfers to instructors (and their reversals) become payouts.
import type { DomainProjection } from '../projection/registry';
import { idOf } from '../stripe/json';
import { projectTransfer } from './projectors/transfer';

export const payoutsProjection: DomainProjection = {
  domain: 'payouts',
  projectors: { transfer: projectTransfer },
  routes: {
    transfer: (t) => `transfer:${t.id}`,
    transfer_reversal: (r) => {
      const transfer = idOf(r.transfer);
      return transfer ? `transfer:${transfer}` : null;
    },
  },
  tables: [
    { name: 'payouts', kind: 'projected', hash: 'SELECT * FROM payouts ORDER BY id' },
    // What finance prepared, approved and executed: console records (docs/payouts.md).
    { name: 'payout_runs', kind: 'record' },
    { name: 'payout_run_items', kind: 'record' },
    { name: 'clawbacks', kind: 'record' },
    { name: 'payout_policies', kind: 'record' },
  ],
};
