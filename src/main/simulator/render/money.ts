// Renders balance transactions, the balance and payouts, typed by the stripe package.
import type Stripe from 'stripe';
import type { SimulatorState } from '../state/state';
import type { BalanceTxRec, PayoutRec } from '../state/records';

export function renderBalanceTransaction(state: SimulatorState, bt: BalanceTxRec) {
  return {
    id: bt.id,
    object: 'balance_transaction',
    amount: bt.amount,
    available_on: bt.availableOn,
    balance_type: 'payments',
    created: bt.created,
    currency: 'gbp',
    description: bt.description,
    exchange_rate: null,
    fee: bt.fee,
    fee_details:
      bt.fee === 0
        ? []
        : [
            {
              amount: bt.fee,
              application: null,
              currency: 'gbp',
              description: bt.type === 'adjustment' ? 'Dispute fee' : 'Stripe processing fees',
              type: 'stripe_fee',
            },
          ],
    net: bt.amount - bt.fee,
    reporting_category: bt.category,
    source: bt.source,
    status: bt.availableOn <= state.now ? 'available' : 'pending',
    type: bt.type,
  } satisfies Stripe.BalanceTransaction;
}

export function renderBalance(state: SimulatorState, account: string | null) {
  const b = state.balanceOf(account);
  const available = b.total - b.pending;
  return {
    object: 'balance',
    available: [{ amount: available, currency: 'gbp', source_types: { card: available } }],
    pending: [{ amount: b.pending, currency: 'gbp', source_types: { card: b.pending } }],
    livemode: false,
  } satisfies Stripe.Balance;
}

export function renderPayout(_state: SimulatorState, p: PayoutRec) {
  return {
    id: p.id,
    object: 'payout',
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: p.arrivalDate,
    automatic: p.automatic,
    balance_transaction: p.btId,
    created: p.created,
    currency: 'gbp',
    description: p.description,
    destination: p.account === null ? 'ba_platform_gb' : `ba_${p.account.slice(5)}`,
    failure_balance_transaction: p.failureBtId,
    failure_code: p.failureCode,
    failure_message: p.failureMessage,
    livemode: false,
    metadata: { ...p.metadata },
    method: 'standard',
    original_payout: null,
    payout_method: null,
    reconciliation_status: p.automatic ? 'completed' : 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: null,
    status: p.status,
    trace_id: null,
    type: 'bank_account',
  } satisfies Stripe.Payout;
}
