// Renders transfers and transfer reversals, typed by the stripe package.
import type Stripe from 'stripe';
import type { SimulatorState } from '../state/state';
import type { ReversalRec, TransferRec } from '../state/records';

export function renderReversal(_state: SimulatorState, r: ReversalRec) {
  return {
    id: r.id,
    object: 'transfer_reversal',
    amount: r.amount,
    balance_transaction: r.btId,
    created: r.created,
    currency: 'gbp',
    destination_payment_refund: null,
    metadata: { ...r.metadata },
    source_refund: null,
    transfer: r.transferId,
  } satisfies Stripe.TransferReversal;
}

export function renderTransfer(state: SimulatorState, t: TransferRec) {
  const reversals = t.reversalIds
    .map((id) => state.reversals.get(id))
    .filter((r): r is ReversalRec => r !== undefined)
    .reverse();
  return {
    id: t.id,
    object: 'transfer',
    amount: t.amount,
    amount_reversed: t.amountReversed,
    balance_transaction: t.btId,
    created: t.created,
    currency: 'gbp',
    description: t.description,
    destination: t.destination,
    destination_payment: t.destinationPayment,
    livemode: false,
    metadata: { ...t.metadata },
    reversals: {
      object: 'list',
      data: reversals.slice(0, 10).map((r) => renderReversal(state, r)),
      has_more: reversals.length > 10,
      url: `/v1/transfers/${t.id}/reversals`,
    },
    reversed: t.amountReversed >= t.amount,
    source_transaction: t.sourceTransaction,
    source_type: 'card',
    transfer_group: t.transferGroup,
  } satisfies Stripe.Transfer;
}
