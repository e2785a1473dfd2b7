// Refunds against a charge: Stripe's refusals, succeeded when the balance covers them, else pending until funds arrive.
import type { Metadata, RefundPendingReason, RefundRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { mergeMetadata } from '../core/metadata';
import { renderCharge } from '../render/payments';
import { renderRefund } from '../render/others';
import { addBalanceTx } from './ledger';
import { changed, emit, emitChange } from './emit';
import { formatPence } from '../../../shared/money';

export interface RefundInput {
  paymentId: string;
  amount?: number;
  reason?: string | null;
  metadata?: Metadata | null;
}

/** Stripe's refusals, in its order: disputed, already refunded, more than the charge, more than is left. */
function refuseRefund(state: SimulatorState, paymentId: string, amount: number | undefined): number {
  const p = state.payments.get(paymentId)!;
  if (p.status !== 'succeeded') {
    throw invalidRequest(
      `This PaymentIntent (${p.id}) does not have a successful charge to refund.`,
      'payment_intent',
      'charge_not_refundable',
    );
  }
  const dispute = p.disputeId ? state.disputes.get(p.disputeId) : undefined;
  if (dispute && dispute.status !== 'won')
    throw invalidRequest(
      `Charge ${p.chargeId} has been charged back; cannot issue a refund.`,
      undefined,
      'charge_disputed',
    );
  const left = p.amount - p.amountRefunded;
  if (left <= 0)
    throw invalidRequest(
      `Charge ${p.chargeId} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  const want = amount ?? left;
  // Stripe sends no `code` with these two: only `param: amount` and the message tell them apart.
  if (want > p.amount)
    throw invalidRequest(
      `Refund amount (${formatPence(want)}) is greater than charge amount (${formatPence(p.amount)})`,
      'amount',
    );
  if (want > left)
    throw invalidRequest(
      `Refund amount (${formatPence(want)}) is greater than unrefunded amount on charge (${formatPence(left)})`,
      'amount',
    );
  return want;
}

function refundBalanceTx(state: SimulatorState, r: RefundRec): string {
  return addBalanceTx(state, {
    account: r.account,
    amount: -r.amount,
    type: 'refund',
    category: 'refund',
    source: r.id,
    description: 'REFUND FOR CHARGE',
  }).id;
}

/** Why a card refund the available balance cannot cover waits: the charge's own funds, or the balance. */
function waitReason(state: SimulatorState, paymentId: string): RefundPendingReason {
  const p = state.payments.get(paymentId)!;
  const chargeBt = p.btId ? state.balanceTxs.get(p.btId) : undefined;
  return chargeBt && chargeBt.availableOn > state.now ? 'charge_pending' : 'insufficient_funds';
}

export function createRefund(state: SimulatorState, input: RefundInput): RefundRec {
  const amount = refuseRefund(state, input.paymentId, input.amount);
  const p = state.payments.get(input.paymentId)!;
  const planted = state.planted.refund;
  state.planted.refund = null;
  const covered = state.available(p.account) >= amount;
  const r = state.refunds.add({
    id: state.newId('re'),
    created: state.now,
    account: p.account,
    paymentId: p.id,
    amount,
    status: planted || !covered ? 'pending' : 'succeeded',
    pendingReason: planted ? 'processing' : covered ? null : waitReason(state, p.id),
    reason: input.reason ?? null,
    metadata: mergeMetadata({}, input.metadata ?? {}),
    btId: null,
    failureBtId: null,
    failureReason: null,
    failOnCompletion: planted === 'failed',
  });
  // A refund waiting for funds has not moved money yet: its balance transaction comes when it settles.
  if (r.pendingReason === 'insufficient_funds' || r.pendingReason === 'charge_pending')
    state.waitingRefunds.push(r.id);
  else r.btId = refundBalanceTx(state, r);
  if (planted) state.agenda.push(state.now + state.settings.refundPendingSeconds, 'refund_complete', r.id);
  const previousRefunded = p.amountRefunded;
  const wasRefunded = renderCharge(state, p).refunded;
  p.amountRefunded += amount;
  p.refundIds.push(r.id);
  emit(state, 'refund.created', p.account, renderRefund(state, r));
  emit(state, 'charge.refunded', p.account, renderCharge(state, p), {
    amount_refunded: previousRefunded,
    refunded: wasRefunded,
  });
  return r;
}

export function getRefund(state: SimulatorState, id: string, account: string | null): RefundRec {
  const r = state.refunds.get(id);
  if (!r || r.account !== account) throw noSuchObject('refund', id);
  return r;
}

export function updateRefund(
  state: SimulatorState,
  id: string,
  account: string | null,
  metadata: Metadata | null | undefined,
): RefundRec {
  const r = getRefund(state, id, account);
  emitChange(
    state,
    'refund.updated',
    r.account,
    () => renderRefund(state, r),
    () => {
      if (metadata !== undefined) r.metadata = mergeMetadata(r.metadata, metadata);
    },
  );
  return r;
}

function succeed(state: SimulatorState, r: RefundRec): void {
  emitChange(
    state,
    'refund.updated',
    r.account,
    () => renderRefund(state, r),
    () => {
      r.btId ??= refundBalanceTx(state, r);
      r.status = 'succeeded';
      r.pendingReason = null;
    },
  );
}

/** Clock: a planted processing refund succeeds, or fails as planted. */
export function completeRefund(state: SimulatorState, id: string): void {
  const r = state.refunds.get(id);
  if (!r || r.status !== 'pending') return;
  if (r.failOnCompletion) failRefund(state, id);
  else succeed(state, r);
}

/**
 * Clock: refunds waiting for funds settle, oldest first per account, as soon as the account's available
 * balance covers them (funds becoming available, or money coming back: a reversal, a failed payout…).
 */
export function settleWaitingRefunds(state: SimulatorState): void {
  if (state.waitingRefunds.length === 0) return;
  const blocked = new Set<string | null>();
  const settled = new Set<string>();
  for (const id of state.waitingRefunds) {
    const r = state.refunds.get(id)!;
    if (r.status !== 'pending') settled.add(id);
    else if (!blocked.has(r.account) && state.available(r.account) >= r.amount) {
      succeed(state, r);
      settled.add(id);
    } else blocked.add(r.account);
  }
  state.waitingRefunds = state.waitingRefunds.filter((id) => !settled.has(id));
}

/** The refund fails: its money (if it had left) comes back to the balance, and to the charge. */
export function failRefund(
  state: SimulatorState,
  id: string,
  reason = 'expired_or_canceled_card',
): RefundRec {
  const r = state.refunds.get(id);
  if (!r) throw noSuchObject('refund', id);
  if (r.status === 'failed') throw invalidRequest(`Refund ${id} has already failed.`, 'refund');
  const p = state.payments.get(r.paymentId)!;
  const before = renderRefund(state, r);
  if (r.btId !== null)
    r.failureBtId = addBalanceTx(state, {
      account: r.account,
      amount: r.amount,
      type: 'refund_failure',
      category: 'refund_failure',
      source: r.id,
      description: 'REFUND FAILURE',
    }).id;
  r.status = 'failed';
  r.pendingReason = null;
  r.failureReason = reason;
  const previousRefunded = p.amountRefunded;
  p.amountRefunded -= r.amount;
  const after = renderRefund(state, r);
  emit(state, 'refund.failed', r.account, after, changed(before, after));
  emit(state, 'charge.updated', p.account, renderCharge(state, p), { amount_refunded: previousRefunded });
  return r;
}
