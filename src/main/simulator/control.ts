// SimulatorControl: the test/CLI/demo handle on the clock, faults, helpers and a state summary.
import type { SimulatorState } from './state/state';
import type { FaultInjector, FaultSpec } from './http/faults';
import type { Permissions, RestrictedKeys } from './http/permissions';
import { parseInstant } from './core/dates';
import { advanceTo } from './ops/clock';
import { getAccount, restrictAccount as restrict, unrestrictAccount as unrestrict } from './ops/accounts';
import type { PayoutSchedule } from './state/records';
import { failRefund as failRefundOp } from './ops/refunds';
import { closeDispute as closeDisputeOp, openDispute as openDisputeOp } from './ops/disputes';
import { createPayout as createPayoutOp, failPayout as failPayoutOp } from './ops/payouts';
import { renderAccount, renderDispute, renderRefund } from './render/others';
import { renderPayout } from './render/money';
import type Stripe from 'stripe';

export interface SimulatorSummary {
  now: number;
  nowIso: string;
  balances: Record<string, { available: number; pending: number }>;
  counts: Record<string, number>;
  transfersByDestination: Record<string, { count: number; amount: number; reversed: number }>;
  faultsInjected: Record<string, number>;
}

export class SimulatorControl {
  constructor(
    readonly state: SimulatorState,
    private readonly faults: FaultInjector,
    private readonly restrictedKeys: RestrictedKeys,
    private readonly onChange: () => void = () => {},
  ) {}

  private changed<T>(value: T): T {
    this.onChange();
    return value;
  }

  /** Simulated time, epoch seconds. */
  now(): number {
    return this.state.now;
  }

  advance(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error('seconds must be a non-negative number');
    advanceTo(this.state, this.state.now + Math.floor(seconds));
    return this.changed(this.state.now);
  }

  jumpTo(when: string | number): number {
    advanceTo(this.state, parseInstant(when));
    return this.changed(this.state.now);
  }

  /** The platform's automatic payout schedule (runs at 18:00 UTC; weekly = Fridays). */
  setPayoutSchedule(schedule: PayoutSchedule, account: string | null = null): void {
    if (!['daily', 'weekly', 'manual'].includes(schedule))
      throw new Error('schedule must be daily, weekly or manual');
    if (account === null) this.state.settings.platformPayoutSchedule = schedule;
    else getAccount(this.state, account).payoutSchedule = schedule;
    this.onChange();
  }

  setFaults(spec: FaultSpec): void {
    this.faults.set(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  faultSpec(): FaultSpec {
    return this.faults.current();
  }

  restrictAccount(accountId: string, reason = 'requirements.past_due'): Stripe.Account {
    return this.changed(renderAccount(this.state, restrict(this.state, accountId, reason)));
  }

  /** Lifts a restriction: payouts and the transfers capability enabled again, no disabled_reason. */
  unrestrictAccount(accountId: string): Stripe.Account {
    return this.changed(renderAccount(this.state, unrestrict(this.state, accountId)));
  }

  /** The next transfer is refused with balance_insufficient, whatever the balance. */
  failNextTransfer(): void {
    this.state.planted.transferFails = true;
    this.onChange();
  }

  /** The next transfer reversal is refused as if the destination's available balance were too low. */
  failNextReversal(): void {
    this.state.planted.reversalFails = true;
    this.onChange();
  }

  /**
   * The next refund is created `pending` (pending_reason `processing`, its balance transaction made) and,
   * after the refund delay on the clock, succeeds (`pending`) or fails (`failed`, with a refund_failure).
   */
  nextRefund(outcome: 'pending' | 'failed'): void {
    if (outcome !== 'pending' && outcome !== 'failed') throw new Error('outcome must be pending or failed');
    this.state.planted.refund = outcome;
    this.onChange();
  }

  /** Registers a restricted key (rk_test_…): resources it does not name get no access. */
  registerRestrictedKey(key: string, permissions: Permissions): void {
    this.restrictedKeys.register(key, permissions);
  }

  failRefund(refundId: string): Stripe.Refund {
    return this.changed(renderRefund(this.state, failRefundOp(this.state, refundId)));
  }

  openDispute(chargeId: string, reason = 'fraudulent'): Stripe.Dispute {
    return this.changed(renderDispute(this.state, openDisputeOp(this.state, chargeId, reason)));
  }

  closeDispute(disputeId: string, outcome: 'won' | 'lost'): Stripe.Dispute {
    return this.changed(renderDispute(this.state, closeDisputeOp(this.state, disputeId, outcome)));
  }

  /** On-demand payout of `amount`, or (without amount) a sweep of everything available. Null if nothing to pay. */
  createPayout(amount?: number, account: string | null = null): Stripe.Payout | null {
    const p = createPayoutOp(this.state, { account, amount });
    return this.changed(p ? renderPayout(this.state, p) : null);
  }

  failPayout(payoutId: string): Stripe.Payout {
    return this.changed(renderPayout(this.state, failPayoutOp(this.state, payoutId)));
  }

  summary(): SimulatorSummary {
    const s = this.state;
    const balances: SimulatorSummary['balances'] = {};
    for (const [key, b] of s.balances)
      balances[key === '' ? 'platform' : key] = { available: b.total - b.pending, pending: b.pending };
    if (!balances.platform) balances.platform = { available: 0, pending: 0 };
    const transfersByDestination: SimulatorSummary['transfersByDestination'] = {};
    for (const t of s.transfers.items) {
      const row = (transfersByDestination[t.destination] ??= { count: 0, amount: 0, reversed: 0 });
      row.count++;
      row.amount += t.amount;
      row.reversed += t.amountReversed;
    }
    return {
      now: s.now,
      nowIso: new Date(s.now * 1000).toISOString(),
      balances,
      counts: {
        accounts: s.accounts.size,
        paymentIntents: s.payments.size,
        balanceTransactions: s.balanceTxs.size,
        refunds: s.refunds.size,
        transfers: s.transfers.size,
        reversals: s.reversals.size,
        payouts: s.payouts.size,
        disputes: s.disputes.size,
        coupons: s.coupons.size,
        promotionCodes: s.promotionCodes.size,
        eventsEmitted: s.events.emitted,
        eventsRetained: s.events.events.length,
      },
      transfersByDestination,
      faultsInjected: { ...this.faults.injected },
    };
  }
}
