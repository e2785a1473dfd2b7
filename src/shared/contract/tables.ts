// Names of the tables the contract declares it reads or writes (drives `changed` events and cache invalidation).
export const TABLES = [
  'users',
  'profiles',
  'instructors',
  'stripe_connect_accounts',
  'payments',
  'learner_credits',
  'payouts',
  'discount_codes',
  'referral_codes',
  'refunds',
  'audit_logs',
  'reconciliation_reports',
  'operators',
  'settings_history',
] as const;
export type TableName = (typeof TABLES)[number];
