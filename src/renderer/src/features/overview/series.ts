// The KPIs in display order with their words and their fixed chart colour (the same series has the same colour everywhere).
import type { KpiKey, OverviewPeriod } from '@shared/contract/overview';

export const KPI_META: { key: KpiKey; label: string; hint: string; colour: string }[] = [
  {
    key: 'grossVolume',
    label: 'Gross volume',
    hint: 'Captured learner payments, before refunds.',
    colour: '#4f5bd5',
  },
  {
    key: 'platformFee',
    label: 'Platform fee',
    hint: 'Platform share of captured payments, net of discounts.',
    colour: '#0f8b8d',
  },
  { key: 'refunds', label: 'Refunds', hint: 'Refunds that succeeded in Stripe.', colour: '#d9480f' },
  {
    key: 'instructorPayable',
    label: 'Instructor payable',
    hint: 'Earned by instructors and not yet transferred (ledger).',
    colour: '#8e44ad',
  },
  {
    key: 'learnerPrepaid',
    label: 'Learner prepaid liability',
    hint: 'Paid for but not yet taught (ledger).',
    colour: '#b7791f',
  },
  {
    key: 'stripeBalance',
    label: 'Stripe balance',
    hint: 'The ledger’s stripe_balance, against what Stripe reports.',
    colour: '#1b7fc4',
  },
];

export const PERIODS: { id: OverviewPeriod; label: string; previous: string }[] = [
  { id: 'today', label: 'Today', previous: 'yesterday by this time' },
  { id: 'week', label: 'This week', previous: 'last week by this time' },
  { id: 'month', label: 'This month', previous: 'last month by this time' },
];
