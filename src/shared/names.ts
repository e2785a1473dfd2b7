// Readable names for the codes the audit log and the ledger store: one entry per audit action, audited entity,
// ledger account and journal kind. The audit and journal writers take only these (a new one fails to compile until
// named); screens show the name and keep the code on hover.

/** Every action the console writes to the audit log, as a person would say it. */
export const AUDIT_ACTIONS = {
  // Operators and sessions
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  sign_out: 'Signed out',
  password_changed: 'Changed password',
  session_ended: 'Session ended',
  create: 'Created',
  role_changed: 'Changed role',
  deactivated: 'Deactivated',
  reactivated: 'Reactivated',
  // Settings, Stripe connection, ledger, audit chain
  default: 'Set to its default',
  schedule: 'Scheduled change',
  connect: 'Connected Stripe',
  disconnect: 'Disconnected Stripe',
  rebuild: 'Rebuilt the ledger',
  keyed: 'Signing started',
  export: 'Exported',
  cancel: 'Cancelled',
  // Projection (Stripe sync)
  sync_create: 'Arrived from Stripe',
  sync_update: 'Updated from Stripe',
  sync_delete: 'Removed by sync',
  sync_batch: 'Applied from Stripe',
  // Stripe writes (the outbox)
  succeeded: 'Done in Stripe',
  failed: 'Failed in Stripe',
  canceled: 'Cancelled before Stripe',
  confirmed_by_sync: 'Confirmed by sync',
  settled_made: 'Settled by hand: made',
  settled_not_made: 'Settled by hand: not made',
  // Codes
  created: 'Created',
  updated: 'Changed',
  adopted: 'Taken over from Stripe',
  resent: 'Sent to Stripe again',
  // Refunds, clawbacks and disputes
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  earning_cancelled: 'Earning cancelled',
  reversal_requested: 'Transfer reversal asked for',
  reversed: 'Transfer reversed',
  reversal_refused: 'Transfer reversal refused',
  deducted: 'Deducted from a payout',
  waived: 'Clawback waived',
  refund_failed: 'Clawback cancelled: refund failed',
  claw_back_decided: 'Decided: claw back',
  absorb_decided: 'Decided: absorb',
  // Completions and credits
  import: 'Imported',
  record: 'Recorded',
  reverse: 'Reversed',
  // Payout runs
  set: 'Changed',
  fired: 'Schedule fired',
  prepared: 'Prepared',
  prepared_again: 'Prepared again',
  executed: 'Executed',
  retried: 'Retried',
  stopped: 'Stopped',
  auto_execute_refused: 'Auto-execution refused',
  // Reconciliation and the Unattributed inbox
  run: 'Reconciled',
  lock: 'Locked the period',
  attribute: 'Attributed',
  mark_not_marketplace: 'Marked not marketplace money',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Every kind of record the audit log names. */
export const AUDIT_ENTITIES = {
  operator: 'Operator',
  setting: 'Setting',
  stripe_connection: 'Stripe connection',
  ledger: 'Ledger',
  audit_chain: 'Audit chain',
  export: 'Export',
  job: 'Job',
  stripe_request: 'Stripe write',
  discount_code: 'Discount code',
  referral_code: 'Referral code',
  refund: 'Refund',
  clawback: 'Clawback',
  dispute: 'Dispute',
  lesson_completion: 'Lesson completion',
  completion_import: 'Completions import',
  payout_run: 'Payout run',
  payout_policy: 'Payout policy',
  payout_schedule: 'Payout schedule',
  reconciliation: 'Reconciliation',
  attribution: 'Attribution',
  // Projected from Stripe
  sync_batch: 'Sync batch',
  payment: 'Payment',
  payout: 'Payout',
  earning: 'Earning',
  learner_credit: 'Learner credit',
  instructor: 'Instructor',
  user: 'Person',
  stripe_connect_account: 'Connected account',
} as const satisfies Record<string, string>;
export type AuditEntity = keyof typeof AUDIT_ENTITIES;

/** The journal's accounts (DOMAIN.md §7); per-person accounts are `kind:id…` and named by their kind. */
export const LEDGER_ACCOUNTS = {
  stripe_balance: 'Stripe balance',
  platform_fee_revenue: 'Platform fee revenue',
  discounts_expense: 'Discounts given',
  stripe_fees_expense: 'Stripe fees',
  platform_bank: 'Platform bank account',
  disputes_expense: 'Disputes lost',
  unattributed: 'Unattributed (suspense)',
  not_marketplace: 'Not marketplace money',
  learner_prepaid: 'Learner prepaid',
  instructor_payable: 'Instructor payable',
} as const satisfies Record<string, string>;
export type LedgerAccountKind = keyof typeof LEDGER_ACCOUNTS;

/** The journal's transaction kinds (what moved the money), as a person would say it. */
export const JOURNAL_KINDS = {
  payment: 'Learner payment',
  stripe_fee: 'Stripe fee',
  completion: 'Lesson completed',
  refund: 'Refund',
  refund_failure: 'Refund failed',
  transfer: 'Transfer to instructor',
  reversal: 'Transfer reversed',
  clawback: 'Clawback',
  dispute: 'Dispute',
  platform_payout: 'Payout to the bank',
  platform_payout_failure: 'Payout to the bank failed',
} as const satisfies Record<string, string>;
export type JournalKind = keyof typeof JOURNAL_KINDS;

/** A code nobody named yet (an entry written by an older version): its words, so it still reads. */
const words = (code: string) => {
  const text = code.replace(/[_-]+/g, ' ').trim();
  return text ? text[0]!.toUpperCase() + text.slice(1) : code;
};

export const actionName = (code: string): string =>
  (AUDIT_ACTIONS as Record<string, string>)[code] ?? words(code);
export const entityName = (code: string): string =>
  (AUDIT_ENTITIES as Record<string, string>)[code] ?? words(code);
/** `learner_prepaid:{learner}:{instructor}` → "Learner prepaid" (the people are named beside it). */
export const accountName = (account: string): string => {
  const kind = account.split(':')[0]!;
  return (LEDGER_ACCOUNTS as Record<string, string>)[kind] ?? words(kind);
};
export const journalKindName = (code: string): string =>
  (JOURNAL_KINDS as Record<string, string>)[code] ?? words(code);
