// The journal's account names (DOMAIN.md §7) and the sign convention: debit positive, credit negative.

export const STRIPE_BALANCE = 'stripe_balance';
export const PLATFORM_FEE_REVENUE = 'platform_fee_revenue';
export const DISCOUNTS_EXPENSE = 'discounts_expense';
export const STRIPE_FEES_EXPENSE = 'stripe_fees_expense';
export const PLATFORM_BANK = 'platform_bank';
export const DISPUTES_EXPENSE = 'disputes_expense';
/** Suspense: money Stripe moved that no learner or instructor can be named for (see docs/ledger.md). */
export const UNATTRIBUTED = 'unattributed';
/** Money finance marked as not the marketplace's (a payment or transfer of the business itself). */
export const NOT_MARKETPLACE = 'not_marketplace';

export const learnerPrepaid = (learnerId: string, instructorId: string) =>
  `learner_prepaid:${learnerId}:${instructorId}`;
export const instructorPayable = (instructorId: string) => `instructor_payable:${instructorId}`;
