// The simulator's whole state: clock, objects, balances, events and the id generator, in one place.
import { Collection } from '../core/collection';
import { Prng } from '../core/prng';
import { Agenda } from './agenda';
import { EventStore } from './event-store';
import type {
  AccountRec,
  BalanceTxRec,
  CouponRec,
  DisputeRec,
  PaymentRec,
  PayoutRec,
  PayoutSchedule,
  PromotionCodeRec,
  RefundRec,
  ReversalRec,
  TransferRec,
} from './records';

export const API_VERSION = '2026-10-28.endive';

/** Per-account running balance: total of all nets and the part still pending. */
export interface BalanceRec {
  total: number;
  pending: number;
  /** Available balance transactions not yet carried by a sweeping payout (oldest first). */
  sweepable: string[];
}

export interface RequestContext {
  requestId: string | null;
  idempotencyKey: string | null;
}

export interface SimulatorSettings {
  /** Days after the charge's UTC day that its funds become available. */
  availabilityDays: number;
  /** Platform's automatic payout schedule (connected accounts have their own). */
  platformPayoutSchedule: PayoutSchedule;
  /** Hour of the UTC day automatic payouts run. */
  payoutHourUtc: number;
  /** Seconds a refund stays pending before it succeeds. */
  refundPendingSeconds: number;
  /** Stripe's card fee in basis points plus fixed pence. */
  cardFeeBps: number;
  cardFeeFixed: number;
  disputeFee: number;
}

export const DEFAULT_SETTINGS: SimulatorSettings = {
  availabilityDays: 2,
  platformPayoutSchedule: 'weekly',
  payoutHourUtc: 18,
  refundPendingSeconds: 1800,
  cardFeeBps: 150,
  cardFeeFixed: 20,
  disputeFee: 2000,
};

export class SimulatorState {
  now: number;
  readonly seed: number;
  settings: SimulatorSettings;
  ids: Prng;
  accounts = new Collection<AccountRec>();
  payments = new Collection<PaymentRec>();
  /** ch_… → pi_… */
  chargeToPayment = new Map<string, string>();
  balanceTxs = new Collection<BalanceTxRec>();
  refunds = new Collection<RefundRec>();
  transfers = new Collection<TransferRec>();
  reversals = new Collection<ReversalRec>();
  payouts = new Collection<PayoutRec>();
  disputes = new Collection<DisputeRec>();
  coupons = new Collection<CouponRec>();
  promotionCodes = new Collection<PromotionCodeRec>();
  events = new EventStore();
  agenda = new Agenda();
  balances = new Map<string, BalanceRec>();
  /** Context of the API request being served (stamped on the events it causes). */
  request: RequestContext = { requestId: null, idempotencyKey: null };
  /** When true, events older than the retention window are dropped as the clock moves (lean mode). */
  pruneEvents = false;

  constructor(seed: number, now: number, settings: Partial<SimulatorSettings> = {}) {
    this.seed = seed;
    this.now = now;
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.ids = new Prng(seed ^ 0x5eed1d5);
  }

  newId(prefix: string, length = 24): string {
    return `${prefix}_${this.ids.token(length)}`;
  }

  balanceOf(account: string | null): BalanceRec {
    const key = account ?? '';
    let b = this.balances.get(key);
    if (!b) {
      b = { total: 0, pending: 0, sweepable: [] };
      this.balances.set(key, b);
    }
    return b;
  }

  available(account: string | null): number {
    const b = this.balanceOf(account);
    return b.total - b.pending;
  }

  paymentByCharge(chargeId: string): PaymentRec | undefined {
    const pi = this.chargeToPayment.get(chargeId);
    return pi === undefined ? undefined : this.payments.get(pi);
  }
}
