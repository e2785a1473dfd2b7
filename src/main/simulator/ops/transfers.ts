// Transfers to connected accounts and their reversals, refused when the money is not available.
import type { Metadata, ReversalRec, TransferRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { renderTransfer } from '../render/transfers';
import { addBalanceTx } from './ledger';
import { emit } from './emit';

export interface TransferInput {
  amount: number;
  destination: string;
  transferGroup?: string | null;
  description?: string | null;
  metadata?: Metadata;
}

export function insufficientFunds(): Error {
  return invalidRequest(
    'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.',
    undefined,
    'balance_insufficient',
  );
}

export function createTransfer(state: SimulatorState, input: TransferInput): TransferRec {
  const dest = state.accounts.get(input.destination);
  if (!dest)
    throw invalidRequest(`No such destination: '${input.destination}'`, 'destination', 'resource_missing');
  if (input.amount <= 0)
    throw invalidRequest(
      'This value must be greater than or equal to 1.',
      'amount',
      'parameter_invalid_integer',
    );
  if (!dest.transfersActive) {
    throw invalidRequest(
      `Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments`,
      'destination',
      'insufficient_capabilities_for_transfer',
    );
  }
  if (state.available(null) < input.amount) throw insufficientFunds();
  const id = state.newId('tr');
  const destinationPayment = state.newId('py');
  const bt = addBalanceTx(state, {
    account: null,
    amount: -input.amount,
    type: 'transfer',
    category: 'transfer',
    source: id,
  });
  const destBt = addBalanceTx(state, {
    account: dest.id,
    amount: input.amount,
    type: 'payment',
    category: 'charge',
    source: destinationPayment,
  });
  const t = state.transfers.add({
    id,
    created: state.now,
    account: null,
    amount: input.amount,
    amountReversed: 0,
    destination: dest.id,
    destinationPayment,
    destinationBtId: destBt.id,
    btId: bt.id,
    metadata: { ...(input.metadata ?? {}) },
    transferGroup: input.transferGroup ?? null,
    description: input.description ?? null,
    reversalIds: [],
  });
  emit(state, 'transfer.created', null, renderTransfer(state, t));
  return t;
}

export function getTransfer(state: SimulatorState, id: string): TransferRec {
  const t = state.transfers.get(id);
  if (!t) throw noSuchObject('transfer', id);
  return t;
}

export function createReversal(
  state: SimulatorState,
  transferId: string,
  input: { amount?: number; metadata?: Metadata; description?: string },
): ReversalRec {
  const t = getTransfer(state, transferId);
  const left = t.amount - t.amountReversed;
  const amount = input.amount ?? left;
  if (left <= 0)
    throw invalidRequest(
      `Transfer ${t.id} has already been fully reversed.`,
      'amount',
      'transfer_already_reversed',
    );
  if (amount <= 0 || amount > left) {
    throw invalidRequest(
      `Amount (${amount}) must be no more than the transfer's remaining amount (${left}).`,
      'amount',
      'parameter_invalid_integer',
    );
  }
  if (state.available(t.destination) < amount) throw insufficientFunds();
  const id = state.newId('trr');
  const bt = addBalanceTx(state, {
    account: null,
    amount,
    type: 'transfer_refund',
    category: 'transfer_reversal',
    source: id,
  });
  addBalanceTx(state, {
    account: t.destination,
    amount: -amount,
    type: 'payment_refund',
    category: 'refund',
    source: t.destinationPayment,
  });
  const r = state.reversals.add({
    id,
    created: state.now,
    account: null,
    transferId: t.id,
    amount,
    btId: bt.id,
    metadata: { ...(input.metadata ?? {}) },
  });
  const before = { amount_reversed: t.amountReversed, reversed: t.amountReversed >= t.amount };
  t.amountReversed += amount;
  t.reversalIds.push(r.id);
  const rendered = renderTransfer(state, t);
  emit(state, 'transfer.reversed', null, rendered, {
    ...before,
    reversals: renderTransfer(state, { ...t, reversalIds: t.reversalIds.slice(0, -1) }).reversals,
  });
  return r;
}
