// Scenario knobs and what the generator returns: the marketplace's own knowledge Stripe lacks.

export interface ScenarioOptions {
  seed?: number;
  /** ISO date the simulated history starts (UTC midnight). */
  startDate?: string;
  instructors?: number;
  learners?: number;
  weeks?: number;
  paymentsPerWeek?: number;
  /** Share (basis points) of payments that are credit packs rather than single lessons. */
  creditPackBps?: number;
  /** Share (bps) of payments using a discount or referral code. */
  codeBps?: number;
  /** Share (bps) of payments later refunded (unused hours) from the Dashboard. */
  refundBps?: number;
  /** Share (bps) of payments later disputed. */
  disputeBps?: number;
  /** Share (bps) of payment attempts declined (pm_card_chargeDeclined). */
  declineBps?: number;
  /** Stripe card fee (bps + fixed pence). */
  stripeFeeBps?: number;
  stripeFeeFixed?: number;
  /** Fridays (from the start) on which the marketplace already paid its transfers; default weeks − 4. */
  paidFridays?: number;
  /** Keep completion rows (and their CSV) in the result; off for huge scenarios. */
  keepCompletions?: boolean;
  /** Drop events older than 30 simulated days as the clock moves (lean mode for huge scenarios). */
  leanEvents?: boolean;
  /** Plant the anomalies of anomalies.ts (default true); false gives an anomaly-free marketplace. */
  anomalies?: boolean;
}

export type ScenarioPreset = 'demo' | 'large';

export interface Instructor {
  id: string;
  name: string;
  email: string;
  ratePence: number;
  accountId: string;
}

export interface Learner {
  id: string;
  name: string;
  email: string;
}

export interface LessonCompletion {
  id: string;
  learnerId: string;
  instructorId: string;
  hours: number;
  /** Epoch seconds (UTC). */
  completedAt: number;
}

export type AnomalyKind =
  | 'payment_without_metadata'
  | 'account_payouts_disabled'
  | 'transfer_without_payout_record'
  | 'failed_platform_payout'
  | 'dispute'
  | 'failed_refund';

export interface Anomaly {
  kind: AnomalyKind;
  /** The Stripe object ids involved (pi_, acct_, tr_, po_, dp_/ch_, re_). */
  ids: string[];
  note: string;
}

/** A payout row as the marketplace recorded it (DOMAIN.md §5). */
export interface MarketplacePayout {
  id: string;
  instructorId: string;
  amountPence: number;
  payoutDate: string;
  stripeTransferId: string | null;
  status: 'paid' | 'failed';
  failureCode: string | null;
}

export interface ScenarioResult {
  seed: number;
  startDate: string;
  endsAt: number;
  instructors: Instructor[];
  learnerCount: number;
  learners: Learner[];
  completions: LessonCompletion[];
  completionCount: number;
  anomalies: Anomaly[];
  /** The marketplace's own payout records for the Fridays it paid (empty unless keepCompletions). */
  payouts: MarketplacePayout[];
  counts: {
    payments: number;
    declined: number;
    refunds: number;
    disputes: number;
    transfers: number;
    transferFailures: number;
    heldForRestrictedAccount: number;
    completions: number;
    events: number;
  };
  /** The marketplace's lesson-completion CSV export (see docs/simulator.md). */
  completionsCsv(): string;
}
