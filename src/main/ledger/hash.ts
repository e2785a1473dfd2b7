// A sha256 over the projection, the journal and the stored Stripe objects, in a stable order: equal hashes mean
// byte-identical ledgers. Receipt timestamps, the audit log and operators' own rows are left out.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../db/open';
import type { LedgerHash } from '../../shared/contract/ledger';

export type { LedgerHash };

const NOT_OPERATOR = 'id NOT IN (SELECT user_id FROM operators)';

/** Each hashed table with the query that reads it in a stable order. */
export const HASHED_TABLES: [name: string, sql: string][] = [
  [
    'stripe_objects',
    'SELECT id, object_type, account, created, version, payload, observed_at FROM stripe_objects ORDER BY id',
  ],
  ['users', `SELECT * FROM users WHERE ${NOT_OPERATOR} ORDER BY id`],
  ['profiles', 'SELECT * FROM profiles WHERE user_id NOT IN (SELECT user_id FROM operators) ORDER BY id'],
  ['instructors', 'SELECT * FROM instructors ORDER BY id'],
  ['stripe_connect_accounts', 'SELECT * FROM stripe_connect_accounts ORDER BY id'],
  ['discount_codes', 'SELECT * FROM discount_codes ORDER BY id'],
  ['referral_codes', 'SELECT * FROM referral_codes ORDER BY id'],
  ['payments', 'SELECT * FROM payments ORDER BY id'],
  ['refunds', 'SELECT * FROM refunds ORDER BY id'],
  ['payouts', 'SELECT * FROM payouts ORDER BY id'],
  ['learner_credits', 'SELECT * FROM learner_credits ORDER BY id'],
  [
    'lesson_completions',
    'SELECT id, learner_id, instructor_id, hours, completed_at, source, external_ref FROM lesson_completions ORDER BY id',
  ],
  ['earnings', 'SELECT * FROM earnings ORDER BY id'],
  ['journal_transactions', 'SELECT * FROM journal_transactions ORDER BY id'],
  ['journal_lines', 'SELECT * FROM journal_lines ORDER BY transaction_id, line_no'],
  ['unattributed_objects', 'SELECT * FROM unattributed_objects ORDER BY object_id'],
];

export function ledgerHash(sqlite: Sqlite): LedgerHash {
  const hash = createHash('sha256');
  const tables: LedgerHash['tables'] = [];
  for (const [name, sql] of HASHED_TABLES) {
    hash.update(`#${name}\n`);
    let rows = 0;
    for (const row of sqlite.prepare(sql).raw().iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      rows += 1;
    }
    tables.push({ name, rows });
  }
  return { hash: hash.digest('hex'), tables };
}
