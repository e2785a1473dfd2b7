// Checks the ledger (DOMAIN.md §7): every transaction balances here; each domain adds the checks of its own tables
// through the projection registry (the prepaid liability and what instructors are owed: credits/invariants.ts).
import type { Sqlite } from '../db/open';
import { WHOLE_LEDGER, type InvariantScope, type Projection } from '../projection/registry';
import type { InvariantReport, Violation } from '../../shared/contract/ledger';

export type { InvariantReport, Violation };

/** Violations reported per check, at most. */
export const MAX_PER_CODE = 50;

export function unbalancedTransactions(sqlite: Sqlite, scope: InvariantScope = WHOLE_LEDGER): Violation[] {
  const having = `GROUP BY l.transaction_id HAVING SUM(l.amount_pence) <> 0 ORDER BY l.transaction_id LIMIT ${MAX_PER_CODE}`;
  // Every line of a transaction marks its hour when it changes, so a transaction unmarked since the last clean check
  // still balances: only the transactions of hours marked since are read.
  const rows = (
    scope.sinceMarkSeq === null
      ? sqlite
          .prepare(`SELECT l.transaction_id AS id, SUM(l.amount_pence) AS sum FROM journal_lines l ${having}`)
          .all()
      : sqlite
          .prepare(
            `SELECT l.transaction_id AS id, SUM(l.amount_pence) AS sum
             FROM recon_change_marks m
             CROSS JOIN journal_transactions t
               ON t.occurred_at >= m.hour * 3600000 AND t.occurred_at < (m.hour + 1) * 3600000
             CROSS JOIN journal_lines l INDEXED BY journal_lines_pk_idx ON l.transaction_id = t.id
             WHERE m.seq > ? ${having}`,
          )
          .all(scope.sinceMarkSeq)
  ) as { id: string; sum: number }[];
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
