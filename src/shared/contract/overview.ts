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
  /** Stripe's own balance as last synced (available + pending, GBP), to set against the ledger's `stripe_balance`. */
  stripeReported: { pence: number; observedAt: number } | null;
}

export const overviewContract = {
  'overview.summary': method<OverviewSummary>()({
    input: z.strictObject({ period: z.enum(OVERVIEW_PERIODS).default('today') }),
    access: 'signedIn',
    reads: ['payments', 'refunds', 'journal_transactions', 'journal_lines', 'stripe_objects'],
    writes: [],
    summary:
      'Gross volume, platform fee, refunds, instructor payable, prepaid liability and Stripe balance, with trends.',
  }),
};
