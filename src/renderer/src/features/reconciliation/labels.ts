// Words for the reconciliation's checks, and the fixed colour of each money series on its charts.
import type { DiscrepancyKind } from '@shared/contract/recon';
import { KPI_META } from '../overview/series';

export const CHECK_LABELS: Record<DiscrepancyKind, string> = {
  charge_missing_in_ledger: 'Charge missing in the ledger',
  payment_missing_in_stripe: 'Payment missing in Stripe',
  payment_amount_differs: 'Amount differs',
  payment_status_differs: 'Status differs',
  split_mismatch: 'Total ≠ instructor + fee',
  fee_mismatch: 'Fee not 18% less discount',
  transfer_without_payout: 'Transfer without payout row',
  payout_without_transfer: 'Payout row without transfer',
  transfer_amount_differs: 'Transfer amount differs',
  bank_payout_unbalanced: 'Bank payout does not add up',
  stripe_balance_differs: 'Stripe balance differs',
  roll_forward_open: 'Roll-forward does not close',
  unattributed: 'Unattributed',
  ledger_invariant: 'Ledger invariant',
};

const colour = (key: (typeof KPI_META)[number]['key']) => KPI_META.find((m) => m.key === key)!.colour;

/** The same series has the same colour on every chart (and on the Overview). */
export const SERIES = {
  grossPence: { label: 'Gross volume', colour: colour('grossVolume') },
  platformFeePence: { label: 'Platform fee', colour: colour('platformFee') },
  transfersPence: { label: 'Transfers', colour: '#2f9e44' },
  refundsPence: { label: 'Refunds', colour: colour('refunds') },
  stripeFeesPence: { label: 'Stripe fees', colour: '#5c677d' },
  learnerPrepaidPence: { label: 'Learner prepaid', colour: colour('learnerPrepaid') },
  instructorPayablePence: { label: 'Instructor payable', colour: colour('instructorPayable') },
} as const;
