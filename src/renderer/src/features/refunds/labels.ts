// Words and status colours for refunds and disputes, in the one status language of UI.md.
import type { RefundReason, RefundStatus } from '@shared/contract/refunds';
import type { BadgeTone } from '../../components/ui';

export const REFUND_STATUS: Record<RefundStatus, { label: string; tone: BadgeTone }> = {
  requested: { label: 'Awaiting approval', tone: 'amber' },
  approved: { label: 'Approved', tone: 'blue' },
  submitted: { label: 'Sent to Stripe', tone: 'blue' },
  pending: { label: 'Pending in Stripe', tone: 'amber' },
  succeeded: { label: 'Refunded', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  rejected: { label: 'Rejected', tone: 'grey' },
  canceled: { label: 'Cancelled', tone: 'grey' },
};

export const REASONS: Record<RefundReason, string> = {
  requested_by_customer: 'Requested by the learner',
  duplicate: 'Duplicate payment',
  fraudulent: 'Fraudulent payment',
};

export const reasonLabel = (reason: string) => REASONS[reason as RefundReason] ?? reason.replace(/_/g, ' ');

/** Stripe's dispute states in words: open ones need a person, lost is red, won green. */
export function disputeStatus(status: string): { label: string; tone: BadgeTone } {
  if (status === 'won') return { label: 'Won', tone: 'green' };
  if (status === 'lost') return { label: 'Lost', tone: 'red' };
  if (status === 'warning_closed') return { label: 'Closed', tone: 'grey' };
  if (status.includes('under_review')) return { label: 'Under review', tone: 'blue' };
  return { label: 'Needs response', tone: 'amber' };
}

/** "2 h", "1 h" — refunds of an amount that is not whole hours show none. */
export const hoursLabel = (hours: number | null) => (hours === null ? '—' : `${hours} h`);
