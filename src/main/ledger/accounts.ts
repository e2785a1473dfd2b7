// The journal's account names (DOMAIN.md §7) and the sign convention: debit positive, credit negative. Each is
// named for people in src/shared/names.ts (the type makes an unnamed account a compile error).
import type { LedgerAccountKind } from '../../shared/names';

export const STRIPE_BALANCE: LedgerAccountKind = 'stripe_balance';
export const PLATFORM_FEE_REVENUE: LedgerAccountKind = 'platform_fee_revenue';
export const DISCOUNTS_EXPENSE: LedgerAccountKind = 'discounts_expense';
export const STRIPE_FEES_EXPENSE: LedgerAccountKind = 'stripe_fees_expense';
export const PLATFORM_BANK: LedgerAccountKind = 'platform_bank';
export const DISPUTES_EXPENSE: LedgerAccountKind = 'disputes_expense';
/** Suspense: money Stripe moved that no learner or instructor can be named for (see docs/ledger.md). */
export const UNATTRIBUTED: LedgerAccountKind = 'unattributed';
/** Money finance marked as not the marketplace's (a payment or transfer of the business itself). */
export const NOT_MARKETPLACE: LedgerAccountKind = 'not_marketplace';

export const learnerPrepaid = (learnerId: string, instructorId: string) =>
  `${'learner_prepaid' satisfies LedgerAccountKind}:${learnerId}:${instructorId}`;
export const instructorPayable = (instructorId: string) =>
  `${'instructor_payable' satisfies LedgerAccountKind}:${instructorId}`;
