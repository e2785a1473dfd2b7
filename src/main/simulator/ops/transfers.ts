// Transfers to connected accounts (from the available balance, or funded by a charge) and their reversals.
import type { Metadata, ReversalRec, TransferRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { mergeMetadata } from '../core/metadata';
import { renderTransfer } from '../render/transfers';
import { addBalanceTx } from './ledger';
import { emit, emitChange } from './emit';
import { formatPence } from '../../../shared/money';

export interface TransferInput {
  amount: number;
  destination: string;
  transferGroup?: string | null;
  description?: string | null;
  metadata?: Metadata | null;
  /** A charge id: the transfer is funded by that charge, even before its funds are available. */
  sourceTransaction?: string | null;
}

export function insufficientFunds(): Error {
  return invalidRequest(
    'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.',
    undefined,
    'balance_insufficient',
  );
}

/**
 * A reversal the destination cannot fund: Stripe's `balance_insufficient` code; the wording is the simulator's
 * (Stripe's message for this case is not documented).
 */
function destinationInsufficientFunds(t: TransferRec): Error {
  return invalidRequest(
    `The destination account ${t.destination} has insufficient available funds to reverse ${t.id}.`,
    undefined,
    'balance_insufficient',
  );
}

/**
 * With source_transaction: the charge's amount less what earlier transfers from it took, and when its funds
 * become available (the transfer's money moves on that date, on both sides).
 */
function sourceFunds(state: SimulatorState, chargeId: string): { left: number; availableOn: number } {
  const p = state.paymentByCharge(chargeId);
  if (!p || p.account !== null || p.status !== 'succeeded')
    throw invalidRequest(`No such charge: '${chargeId}'`, 'source_transaction', 'resource_missing');
  let taken = 0;
  for (const t of state.transfers.items) if (t.sourceTransaction === chargeId) taken += t.amount;
  const availableOn = state.balanceTxs.get(p.btId!)!.availableOn;
  return { left: p.amount - taken, availableOn: Math.max(availableOn, state.now) };
}

export function createTransfer(state: SimulatorState, input: TransferInput): TransferRec {
  const dest = state.accounts.get(input.destination);
  if (!dest)
    throw invalidRequest(`No such destination: '${input.destination}'`, 'destination', 'resource_missing');
  if (!dest.transfersActive) {
    throw invalidRequest(
      `Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments`,
      'destination',
      'insufficient_capabilities_for_transfer',
    );
  }
  const source = input.sourceTransaction ? sourceFunds(state, input.sourceTransaction) : undefined;
  if (state.planted.transferFails) {
    state.planted.transferFails = false;
    throw insufficientFunds();
  }
  if (source && input.amount > source.left)
    // Stripe's wording for this refusal is not documented; the shape (param amount, no code) is the simulator's.
    throw invalidRequest(
      `The transfer amount (${formatPence(input.amount)}) is greater than what is left of source transaction ${input.sourceTransaction} (${formatPence(source.left)}).`,
      'amount',
    );
  if (!source && state.available(null) < input.amount) throw insufficientFunds();
  const id = state.newId('tr');
  const destinationPayment = state.newId('py');
  const bt = addBalanceTx(state, {
    account: null,
    amount: -input.amount,
    type: 'transfer',
    category: 'transfer',
    source: id,
    availableOn: source?.availableOn,
  });
  const destBt = addBalanceTx(state, {
    account: dest.id,
    amount: input.amount,
    type: 'payment',
    category: 'charge',
    source: destinationPayment,
    availableOn: source?.availableOn,
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
    metadata: mergeMetadata({}, input.metadata ?? {}),
    transferGroup: input.transferGroup ?? null,
    description: input.description ?? null,
    reversalIds: [],
    sourceTransaction: input.sourceTransaction ?? null,
  });
  emit(state, 'transfer.created', null, renderTransfer(state, t));
  return t;
}

export function getTransfer(state: SimulatorState, id: string): TransferRec {
  const t = state.transfers.get(id);
  if (!t) throw noSuchObject('transfer', id);
  return t;
}

export function updateTransfer(
  state: SimulatorState,
  id: string,
  input: { description?: string | null; metadata?: Metadata | null },
): TransferRec {
  const t = getTransfer(state, id);
  emitChange(
    state,
    'transfer.updated',
    null,
    () => renderTransfer(state, t),
    () => {
      if (input.description !== undefined) t.description = input.description;
      if (input.metadata !== undefined) t.metadata = mergeMetadata(t.metadata, input.metadata);
    },
  );
  return t;
}

export function createReversal(
  state: SimulatorState,
  transferId: string,
  input: { amount?: number; metadata?: Metadata | null },
): ReversalRec {
  const t = getTransfer(state, transferId);
  const left = t.amount - t.amountReversed;
  if (left <= 0) throw invalidRequest(`The transfer ${t.id} is already fully reversed.`);
  const amount = input.amount ?? left;
  if (amount > left)
    // Stripe's wording for a partial over-reversal is not documented; the shape (param amount, no code) is ours.
    throw invalidRequest(
      `The reversal amount (${formatPence(amount)}) is greater than the amount left to reverse on transfer ${t.id} (${formatPence(left)}).`,
      'amount',
    );
  if (state.planted.reversalFails) {
    state.planted.reversalFails = false;
    throw destinationInsufficientFunds(t);
  }
  if (state.available(t.destination) < amount) throw destinationInsufficientFunds(t);
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
    metadata: mergeMetadata({}, input.metadata ?? {}),
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
