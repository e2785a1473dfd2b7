// Words for the reconciliation's checks, and the fixed colour of each money series on its charts.
import type { DiscrepancyKind } from '@shared/contract/recon';
import { SERIES_COLOURS, SERIES_LABELS } from '@shared/series-colours';

type SeriesKey = keyof typeof SERIES_COLOURS;

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

/** The same series has the same colour on every chart (and on the Overview). */
export const SERIES = Object.fromEntries(
  Object.entries(SERIES_COLOURS).map(([key, colour]) => [
    key,
    { label: SERIES_LABELS[key as SeriesKey], colour },
  ]),
) as Record<SeriesKey, { label: string; colour: string }>;
