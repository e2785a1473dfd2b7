// Payouts to a bank: sweeping automatic ones on the clock, on-demand ones; pending → in_transit → paid/failed, or canceled.
import type { Metadata, PayoutRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { addBusinessDays } from '../core/dates';
import { mergeMetadata } from '../core/metadata';
import { renderPayout } from '../render/money';
import { addBalanceTx } from './ledger';
import { changed, emit } from './emit';
import { insufficientFunds } from './transfers';

export interface PayoutInput {
  account?: string | null;
  /** Omitted: sweep every available transaction not yet paid out (like an automatic payout). */
  amount?: number;
  automatic?: boolean;
  description?: string | null;
  metadata?: Metadata | null;
  failOnArrival?: boolean;
}

export function createPayout(state: SimulatorState, input: PayoutInput): PayoutRec | null {
  const account = input.account ?? null;
  if (account !== null && state.accounts.get(account)?.payoutsEnabled === false) {
    throw invalidRequest('Payouts are disabled on this account.', undefined, 'payouts_not_allowed');
  }
  const balance = state.balanceOf(account);
  const id = state.newId('po');
  let amount: number;
  if (input.amount === undefined) {
    amount = 0;
    for (const btId of balance.sweepable) {
      const bt = state.balanceTxs.get(btId)!;
      amount += bt.amount - bt.fee;
    }
    if (amount <= 0) return null;
    for (const btId of balance.sweepable) state.balanceTxs.get(btId)!.payoutId = id;
    balance.sweepable = [];
  } else {
    amount = input.amount;
    if (state.available(account) < amount) throw insufficientFunds();
  }
  const bt = addBalanceTx(state, {
    account,
    amount: -amount,
    type: 'payout',
    category: 'payout',
    source: id,
    description: 'STRIPE PAYOUT',
  });
  bt.payoutId = input.amount === undefined ? id : null;
  if (input.amount !== undefined) balance.sweepable.push(bt.id);
  // A sweep (no amount) is what Stripe's automatic payouts do; only payouts of an amount are manual.
  const automatic = input.automatic ?? input.amount === undefined;
  const p = state.payouts.add({
    id,
    created: state.now,
    account,
    amount,
    // Stripe's GB standard payouts arrive the next business day; arrival_date is that day at 00:00 UTC.
    arrivalDate: addBusinessDays(state.now, 1),
    automatic,
    status: 'pending',
    btId: bt.id,
    failureBtId: null,
    failureCode: null,
    failureMessage: null,
    description: input.description ?? (automatic ? 'STRIPE PAYOUT' : null),
    metadata: mergeMetadata({}, input.metadata ?? {}),
    failOnArrival: input.failOnArrival ?? false,
  });
  emit(state, 'payout.created', account, renderPayout(state, p));
  state.agenda.push(state.now + state.settings.payoutSubmitSeconds, 'payout_submit', p.id);
  state.agenda.push(p.arrivalDate, 'payout_arrive', p.id);
  return p;
}

export function getPayout(state: SimulatorState, id: string, account: string | null): PayoutRec {
  const p = state.payouts.get(id);
  if (!p || p.account !== account) throw noSuchObject('payout', id);
  return p;
}

/** Clock: the payout is sent to the bank. */
export function submitPayout(state: SimulatorState, id: string): void {
  const p = state.payouts.get(id);
  if (!p || p.status !== 'pending') return;
  p.status = 'in_transit';
  emit(state, 'payout.updated', p.account, renderPayout(state, p), { status: 'pending' });
}

/** Stripe refunds a pending payout to the balance; automatic payouts and sent ones cannot be canceled. */
export function cancelPayout(state: SimulatorState, id: string, account: string | null): PayoutRec {
  const p = getPayout(state, id, account);
  if (p.status !== 'pending')
    throw invalidRequest('Payouts can only be canceled while they are pending.', undefined);
  // Stripe refuses to cancel automatic payouts; this wording is the simulator's.
  if (p.automatic) throw invalidRequest('Automatic payouts cannot be canceled.', undefined);
  const before = renderPayout(state, p);
  addBalanceTx(state, {
    account: p.account,
    amount: p.amount,
    type: 'payout_cancel',
    category: 'payout_reversal',
    source: p.id,
    description: 'PAYOUT CANCELED',
  });
  p.status = 'canceled';
  const after = renderPayout(state, p);
  emit(state, 'payout.canceled', p.account, after, changed(before, after));
  emit(state, 'payout.updated', p.account, after, changed(before, after));
  return p;
}

/** Clock: the payout reaches the bank (or fails if so marked). */
export function arrivePayout(state: SimulatorState, id: string): void {
  const p = state.payouts.get(id);
  if (!p || (p.status !== 'in_transit' && p.status !== 'pending')) return;
  if (p.failOnArrival) {
    failPayout(state, id);
    return;
  }
  const previous = { status: p.status };
  p.status = 'paid';
  const obj = renderPayout(state, p);
  emit(state, 'payout.paid', p.account, obj, previous);
  emit(state, 'payout.updated', p.account, obj, previous);
}

/** Test helper: the bank rejects the payout; its money returns to the available balance. */
export function failPayout(state: SimulatorState, id: string, code = 'account_closed'): PayoutRec {
  const p = state.payouts.get(id);
  if (!p) throw noSuchObject('payout', id);
  if (p.status === 'failed' || p.status === 'canceled')
    throw invalidRequest(`Payout ${id} is already ${p.status}.`, 'payout');
  const previous = p.status;
  const bt = addBalanceTx(state, {
    account: p.account,
    amount: p.amount,
    type: 'payout_failure',
    category: 'payout_reversal',
    source: p.id,
    description: 'PAYOUT FAILURE',
  });
  p.status = 'failed';
  p.failureBtId = bt.id;
  p.failureCode = code;
  p.failureMessage = 'The bank account has been closed.';
  const obj = renderPayout(state, p);
  const prev = {
    status: previous,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
  };
  emit(state, 'payout.failed', p.account, obj, prev);
  emit(state, 'payout.updated', p.account, obj, prev);
  return p;
}

/** Clock: every account whose schedule says so sweeps its available balance to its bank. */
export function runAutomaticPayouts(state: SimulatorState, isFriday: boolean): void {
  const due = (schedule: string) => schedule === 'daily' || (schedule === 'weekly' && isFriday);
  if (due(state.settings.platformPayoutSchedule)) createPayout(state, { account: null, automatic: true });
  for (const a of state.accounts.items) {
    if (a.payoutsEnabled && due(a.payoutSchedule) && state.balanceOf(a.id).sweepable.length > 0) {
      createPayout(state, { account: a.id, automatic: true });
    }
  }
}
