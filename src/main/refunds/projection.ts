// The refunds domain's part of the projection: only console records (requests and their decisions, decisions on
// lost disputes). Stripe's refunds and disputes are projected with their payment; a rebuild never touches these.
import type { DomainProjection } from '../projection/registry';

export const refundsProjection: DomainProjection = {
  domain: 'refunds',
  tables: [
    { name: 'refund_requests', kind: 'record' },
    { name: 'dispute_decisions', kind: 'record' },
  ],
};
