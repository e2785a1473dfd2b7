// Refunds against a charge: over-refund refused, pending then succeeded on the clock, a fail helper.
import type { Metadata, RefundRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { renderCharge } from '../render/payments';
import { renderRefund } from '../render/others';
import { addBalanceTx } from './ledger';
import { emit } from './emit';
import { formatPence } from '../../../shared/money';

export interface RefundInput {
  paymentId: string;
  amount?: number;
  reason?: string | null;
  metadata?: Metadata;
}

export function createRefund(state: SimulatorState, input: RefundInput): RefundRec {
  const p = state.payments.get(input.paymentId);
  if (!p) throw noSuchObject('payment_intent', input.paymentId, 'payment_intent');
  if (p.status !== 'succeeded') {
    throw invalidRequest(
      `This PaymentIntent (${p.id}) does not have a successful charge to refund.`,
      'payment_intent',
      'charge_not_refundable',
    );
  }
  const left = p.amount - p.amountRefunded;
  const amount = input.amount ?? left;
  if (left <= 0)
    throw invalidRequest(
      `Charge ${p.chargeId} has already been refunded.`,
      'charge',
      'charge_already_refunded',
    );
  if (amount <= 0)
    throw invalidRequest('Refund amount must be positive.', 'amount', 'parameter_invalid_integer');
  if (amount > left) {
    throw invalidRequest(
      `Refund amount (${formatPence(amount)}) is greater than unrefunded amount on charge (${formatPence(left)})`,
      'amount',
      'amount_too_large',
    );
  }
  const id = state.newId('re');
  const bt = addBalanceTx(state, {
    account: p.account,
    amount: -amount,
    type: 'refund',
    category: 'refund',
    source: id,
    description: 'REFUND FOR CHARGE',
  });
  const r = state.refunds.add({
    id,
    created: state.now,
    account: p.account,
    paymentId: p.id,
    amount,
    status: 'pending',
    reason: input.reason ?? null,
    metadata: { ...(input.metadata ?? {}) },
    btId: bt.id,
    failureBtId: null,
    failureReason: null,
    completesAt: state.now + state.settings.refundPendingSeconds,
  });
  const previousRefunded = p.amountRefunded;
  const wasRefunded = renderCharge(state, p).refunded;
  p.amountRefunded += amount;
  p.refundIds.push(r.id);
  emit(state, 'refund.created', p.account, renderRefund(state, r));
  emit(state, 'charge.refunded', p.account, renderCharge(state, p), {
    amount_refunded: previousRefunded,
    refunded: wasRefunded,
  });
  state.agenda.push(r.completesAt, 'refund_complete', r.id);
  return r;
}

export function getRefund(state: SimulatorState, id: string, account: string | null): RefundRec {
  const r = state.refunds.get(id);
  if (!r || r.account !== account) throw noSuchObject('refund', id);
  return r;
}

/** Clock: a pending refund succeeds. */
export function completeRefund(state: SimulatorState, id: string): void {
  const r = state.refunds.get(id);
  if (!r || r.status !== 'pending') return;
  r.status = 'succeeded';
  emit(state, 'refund.updated', r.account, renderRefund(state, r), { status: 'pending' });
}

/** Test helper: the refund fails, its money comes back to the balance and to the charge. */
export function failRefund(
  state: SimulatorState,
  id: string,
  reason = 'expired_or_canceled_card',
): RefundRec {
  const r = state.refunds.get(id);
  if (!r) throw noSuchObject('refund', id);
  if (r.status === 'failed') throw invalidRequest(`Refund ${id} has already failed.`, 'refund');
  const p = state.payments.get(r.paymentId)!;
  const previousStatus = r.status;
  const bt = addBalanceTx(state, {
    account: r.account,
    amount: r.amount,
    type: 'refund_failure',
    category: 'refund_failure',
    source: r.id,
    description: 'REFUND FAILURE',
  });
  r.status = 'failed';
  r.failureBtId = bt.id;
  r.failureReason = reason;
  const previousRefunded = p.amountRefunded;
  p.amountRefunded -= r.amount;
  emit(state, 'refund.failed', r.account, renderRefund(state, r), { status: previousStatus });
  emit(state, 'charge.updated', p.account, renderCharge(state, p), { amount_refunded: previousRefunded });
  return r;
}
