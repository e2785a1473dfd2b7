// Names of the tables the contract declares it reads or writes (drives `changed` events and cache invalidation).
export const TABLES = [
  'users',
  'profiles',
  'instructors',
  'stripe_connect_accounts',
  'payments',
  'payment_day_totals',
  'learner_credits',
  'payouts',
  'discount_codes',
  'referral_codes',
  'refunds',
  'audit_logs',
  'reconciliation_reports',
  'reconciliation_locks',
  'operators',
  'settings_history',
  'stripe_events',
  'stripe_observations',
  'stripe_objects',
  'sync_state',
  'sync_errors',
  'lesson_completions',
  'earnings',
  'journal_transactions',
  'journal_lines',
  'journal_daily_totals',
  'instructor_transfer_totals',
  'instructor_list',
  'recon_change_marks',
  'reconciliation_lock_days',
  'ledger_unproven',
  'ledger_proof',
  'unattributed_objects',
  'projection_refs',
  'jobs',
  'stripe_requests',
  'code_definitions',
  'completion_imports',
  'payout_runs',
  'payout_run_items',
  'clawbacks',
  'payout_policies',
  'refund_requests',
  'dispute_decisions',
  'attributions',
] as const;
export type TableName = (typeof TABLES)[number];

/** Every table the projection writes (a rebuild rewrites them all). */
export const PROJECTED_TABLES: readonly TableName[] = [
  'users',
  'profiles',
  'instructors',
  'stripe_connect_accounts',
  'payments',
  'payment_day_totals',
  'learner_credits',
  'payouts',
  'discount_codes',
  'referral_codes',
  'refunds',
  'earnings',
  'journal_transactions',
  'journal_lines',
  'journal_daily_totals',
  'instructor_transfer_totals',
  'instructor_list',
  'stripe_objects',
  'unattributed_objects',
  'projection_refs',
];

/**
 * What writing the projected tables writes: them, the lock flag's day marks that triggers on the journal, payments
 * and payouts keep (src/main/db/schema/recon-marks.ts), and the accounts the ledger's invariants must prove again
 * (src/main/db/schema/ledger-proof.ts).
 */
export const PROJECTION_WRITES: readonly TableName[] = [
  ...PROJECTED_TABLES,
  'recon_change_marks',
  'ledger_unproven',
];
