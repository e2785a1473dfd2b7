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

/**
 * A refund's problem in words: amber while Stripe holds it pending, when its only words are Stripe's reason for
 * waiting (a write held for a person is cleared once Stripe has the refund, see problem.ts), red when it went wrong.
 */
export const problemClass = (status: RefundStatus) =>
  status === 'pending' ? 'refund-problem refund-problem--waiting' : 'refund-problem';

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

/** "5 days left", "1 day left", "due today", "overdue by 2 days": how long finance has to send evidence. */
export function daysLeftLabel(daysLeft: number): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (daysLeft > 0) return `${days(daysLeft)} left`;
  if (daysLeft === 0) return 'due today';
  return `overdue by ${days(-daysLeft)}`;
}

/** "2 h", "1 h" — refunds of an amount that is not whole hours show none. */
export const hoursLabel = (hours: number | null) => (hours === null ? '—' : `${hours} h`);
