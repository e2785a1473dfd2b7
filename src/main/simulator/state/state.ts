// The simulator's whole state: clock, objects, balances, events and the id generator, in one place.
import { Collection } from '../core/collection';
import { Prng } from '../core/prng';
import { Agenda } from './agenda';
import { addBusinessDays } from '../core/dates';
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

/** One-shot failures planted by the control API for the next request of a kind. */
export interface Planted {
  transferFails: boolean;
  reversalFails: boolean;
  refund: 'pending' | 'failed' | null;
}

export interface SimulatorSettings {
  /** The platform's delay_days: business days after the charge's UTC day that its funds become available. */
  delayDays: number;
  /** Platform's automatic payout schedule (connected accounts have their own). */
  platformPayoutSchedule: PayoutSchedule;
  /** Hour of the UTC day automatic payouts run. */
  payoutHourUtc: number;
  /** Seconds a refund planted `pending` stays processing before it succeeds (or fails). */
  refundPendingSeconds: number;
  /** Seconds a new payout stays `pending` before it is sent to the bank (`in_transit`). */
  payoutSubmitSeconds: number;
  /** Stripe's card fee in basis points plus fixed pence. */
  cardFeeBps: number;
  cardFeeFixed: number;
  disputeFee: number;
}

export const DEFAULT_SETTINGS: SimulatorSettings = {
  delayDays: 2,
  platformPayoutSchedule: 'weekly',
  payoutHourUtc: 18,
  refundPendingSeconds: 1800,
  payoutSubmitSeconds: 3600,
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
  /** Refunds pending for lack of funds, oldest first (derived from the refunds; rebuilt on load). */
  waitingRefunds: string[] = [];
  planted: Planted = { transferFails: false, reversalFails: false, refund: null };
  /** When true, events older than the retention window are dropped as the clock moves (lean mode). */
  pruneEvents = false;

  /** The platform's own account id (derived from the seed, so it does not move the object ids). */
  readonly platformId: string;

  constructor(seed: number, now: number, settings: Partial<SimulatorSettings> = {}) {
    this.seed = seed;
    this.platformId = `acct_${new Prng(seed ^ 0x91a7f0).token(16)}`;
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

  /** When funds received now by `account` become available: after its delay_days, at 00:00 UTC. */
  availableOnFor(account: string | null): number {
    const delay =
      account === null
        ? this.settings.delayDays
        : (this.accounts.get(account)?.delayDays ?? this.settings.delayDays);
    return addBusinessDays(this.now, delay);
  }

  paymentByCharge(chargeId: string): PaymentRec | undefined {
    const pi = this.chargeToPayment.get(chargeId);
    return pi === undefined ? undefined : this.payments.get(pi);
  }
}
