// Checks the ledger (DOMAIN.md §7): every transaction balances here; each domain adds the checks of its own tables
// through the projection registry (the prepaid liability and what instructors are owed: credits/invariants.ts).
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import type { InvariantReport, Violation } from '../../shared/contract/ledger';

export type { InvariantReport, Violation };

/** Violations reported per check, at most. */
export const MAX_PER_CODE = 50;

export function unbalancedTransactions(sqlite: Sqlite): Violation[] {
  const rows = sqlite
    .prepare(
      `SELECT transaction_id AS id, SUM(amount_pence) AS sum FROM journal_lines GROUP BY transaction_id HAVING SUM(amount_pence) <> 0
       ORDER BY transaction_id LIMIT ${MAX_PER_CODE}`,
    )
    .all() as { id: string; sum: number }[];
  return rows.map((r) => ({
    code: 'unbalanced_transaction',
    message: `Transaction ${r.id} does not balance: its lines sum to ${r.sum}p.`,
    details: { transactionId: r.id, sum: r.sum },
  }));
}

export function checkInvariants(projection: Projection, sqlite: Sqlite): InvariantReport {
  const violations = projection.invariants(sqlite);
  return { ok: violations.length === 0, violations };
}
