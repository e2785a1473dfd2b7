// Disputes opened by a test helper: funds withdrawn with a fee, then won (reinstated) or lost.
import type { DisputeRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { renderCharge } from '../render/payments';
import { renderDispute } from '../render/others';
import { addBalanceTx } from './ledger';
import { emit } from './emit';

export function openDispute(state: SimulatorState, chargeId: string, reason = 'fraudulent'): DisputeRec {
  const p = state.paymentByCharge(chargeId) ?? state.payments.get(chargeId);
  if (!p || p.status !== 'succeeded') throw noSuchObject('charge', chargeId, 'charge');
  if (p.disputeId)
    throw invalidRequest(`Charge ${p.chargeId} is already disputed.`, 'charge', 'charge_disputed');
  const id = state.newId('dp');
  const amount = p.amount - p.amountRefunded;
  const bt = addBalanceTx(state, {
    account: p.account,
    amount: -amount,
    fee: state.settings.disputeFee,
    type: 'adjustment',
    category: 'dispute',
    source: id,
    description: `Chargeback withdrawal for ${p.chargeId}`,
  });
  const d = state.disputes.add({
    id,
    created: state.now,
    account: p.account,
    paymentId: p.id,
    amount,
    status: 'needs_response',
    reason,
    btIds: [bt.id],
  });
  p.disputeId = id;
  emit(state, 'charge.dispute.created', p.account, renderDispute(state, d));
  emit(state, 'charge.dispute.funds_withdrawn', p.account, renderDispute(state, d));
  emit(state, 'charge.updated', p.account, renderCharge(state, p), { disputed: false });
  return d;
}

export function getDispute(state: SimulatorState, id: string, account: string | null): DisputeRec {
  const d = state.disputes.get(id);
  if (!d || d.account !== account) throw noSuchObject('dispute', id);
  return d;
}

export function closeDispute(state: SimulatorState, id: string, outcome: 'won' | 'lost'): DisputeRec {
  const d = state.disputes.get(id);
  if (!d) throw noSuchObject('dispute', id);
  if (d.status !== 'needs_response') throw invalidRequest(`Dispute ${id} is already closed.`, 'dispute');
  if (outcome === 'won') {
    const bt = addBalanceTx(state, {
      account: d.account,
      amount: d.amount,
      type: 'adjustment',
      category: 'dispute_reversal',
      source: d.id,
      description: `Chargeback reversal for ${d.id}`,
    });
    d.btIds.push(bt.id);
  }
  d.status = outcome;
  if (outcome === 'won') emit(state, 'charge.dispute.funds_reinstated', d.account, renderDispute(state, d));
  emit(state, 'charge.dispute.closed', d.account, renderDispute(state, d), { status: 'needs_response' });
  return d;
}
