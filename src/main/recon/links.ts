// Where a discrepancy's objects can be looked at: the console's own pages and the Stripe Dashboard.
import type { DiscrepancyLink } from '../../shared/contract/recon';
import type { WorkspaceInfo } from '../api/context';
import { dashboardUrl } from '../db/sql';

type Mode = WorkspaceInfo['mode'];

export const consolePayment = (paymentId: string): DiscrepancyLink => ({
  label: 'Payment in the console',
  href: `#/payments?id=${paymentId}`,
  external: false,
});

export const consoleInstructor = (instructorId: string): DiscrepancyLink => ({
  label: 'Instructor in the console',
  href: `#/instructors?id=${instructorId}`,
  external: false,
});

const SECTIONS = {
  pi: 'payments',
  ch: 'payments',
  py: 'payments',
  tr: 'connect/transfers',
  po: 'payouts',
  acct: 'connect/accounts',
} as const;

/** The Stripe Dashboard page of an id, by its prefix (null for ids the Dashboard has no page for). */
export function stripeLink(mode: Mode, id: string): DiscrepancyLink | null {
  const prefix = id.slice(0, id.indexOf('_')) as keyof typeof SECTIONS;
  const section = SECTIONS[prefix];
  if (!section) return null;
  return { label: `${id} in the Stripe Dashboard`, href: dashboardUrl(mode, section, id), external: true };
}

export const balanceLink = (mode: Mode): DiscrepancyLink => ({
  label: 'Balance in the Stripe Dashboard',
  href: `https://dashboard.stripe.com${mode === 'live' ? '' : '/test'}/balance/overview`,
  external: true,
});
