// The Overview page's KPIs for today, this week or this month (Europe/London, weeks from Monday), vs the previous period.
import { z } from 'zod';
import { method } from './define';

export const OVERVIEW_PERIODS = ['today', 'week', 'month'] as const;
export type OverviewPeriod = (typeof OVERVIEW_PERIODS)[number];

export const KPI_KEYS = [
  'grossVolume',
  'platformFee',
  'refunds',
  'instructorPayable',
  'learnerPrepaid',
  'stripeBalance',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface Kpi {
  key: KpiKey;
  /** Flows (gross, fee, refunds) are sums over the period so far; balances are the balance now. */
  kind: 'flow' | 'balance';
  valuePence: number;
  /** The same measure at the same point of the previous period (e.g. last week up to this weekday and time). */
  previousPence: number;
  /** One point per London day: the day's flow, or the balance at the end of the day. */
  series: { day: string; pence: number }[];
}

export interface OverviewSummary {
  period: OverviewPeriod;
  /** Calendar dates of the whole period, `to` inclusive (figures run up to now). */
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  asOf: number;
  /** False when there is no payment and no journal line yet: the page shows an empty state, never zeros as data. */
  hasData: boolean;
  kpis: Record<KpiKey, Kpi>;
  /**
   * Stripe's own balance as last synced (available + pending, GBP), to set against the ledger's `stripe_balance`,
   * with the refunds the ledger has taken from that balance and Stripe has not yet (pending with no balance
   * transaction): they explain that much of a difference.
   */
  stripeReported: { pence: number; observedAt: number; refundsNotYetPaidPence: number } | null;
}

/** Where an attention item leads: a page of the console (with its route params) or the object in Stripe. */
export type AttentionLink =
  { kind: 'route'; path: string; params: Record<string, string> } | { kind: 'stripe'; url: string };

export interface AttentionItem {
  /** Stable within its group (the object's id). */
  id: string;
  title: string;
  detail: string;
  /** A deadline (evidence due) or when it happened, epoch ms. */
  at: number | null;
  link: AttentionLink;
}

export const ATTENTION_KINDS = [
  'sync_errors',
  'balance_drift',
  'open_disputes',
  'failed_platform_payouts',
  'restricted_accounts',
  'unattributed',
  'failed_refunds',
  'refunds_waiting_for_funds',
  'refunds_awaiting_decision',
  'payout_runs_awaiting_approval',
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionGroup {
  kind: AttentionKind;
  label: string;
  tone: 'red' | 'amber';
  /** Every item of the kind; `items` holds the first few, most urgent first. */
  total: number;
  items: AttentionItem[];
}

export const overviewContract = {
  'overview.attention': method<AttentionGroup[]>()({
    input: z.strictObject({}).default({}),
    access: 'signedIn',
    reads: [
      'sync_errors',
      'sync_state',
      'journal_lines',
      'stripe_objects',
      'stripe_connect_accounts',
      'instructors',
      'users',
      'payments',
      'unattributed_objects',
      'refund_requests',
      'refunds',
      'stripe_requests',
      'payout_runs',
    ],
    writes: [],
    summary:
      'What needs a person now, by kind (only kinds with something in them), each item linking to its object.',
  }),
  'overview.summary': method<OverviewSummary>()({
    input: z.strictObject({ period: z.enum(OVERVIEW_PERIODS).default('today') }),
    access: 'signedIn',
    reads: ['payments', 'refunds', 'journal_transactions', 'journal_lines', 'stripe_objects', 'sync_state'],
    writes: [],
    summary:
      'Gross volume, platform fee, refunds, instructor payable, prepaid liability and Stripe balance, with trends.',
  }),
};
