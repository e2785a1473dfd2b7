// Checks the ledger against the tables it was posted from (DOMAIN.md §7): every transaction balances, the prepaid
// liability is the unused hours at their prices, and what instructors are owed is what they earned less what was paid.
import type { Sqlite } from '../db/open';
import { lotsOf } from '../credits/consumption';
import { hourShares } from './postings';
import { instructorPayable, learnerPrepaid } from './accounts';
import type { InvariantReport, Violation } from '../../shared/contract/ledger';

export type { InvariantReport, Violation };

const MAX_PER_CODE = 50;

function accountBalances(sqlite: Sqlite, prefix: string): Map<string, number> {
  const rows = sqlite
    .prepare(
      'SELECT account, SUM(amount_pence) AS balance FROM journal_lines WHERE account LIKE ? GROUP BY account',
    )
    .all(`${prefix}%`) as { account: string; balance: number }[];
  return new Map(rows.map((r) => [r.account, r.balance]));
}

function unbalanced(sqlite: Sqlite): Violation[] {
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

/** learner_prepaid per pair = Σ over its payments of the list value of hours (used, purchased − refunded]. */
function prepaid(sqlite: Sqlite): Violation[] {
  const ledger = accountBalances(sqlite, 'learner_prepaid:');
  const pairs = sqlite
    .prepare(
      `SELECT DISTINCT learner_id AS learnerId, instructor_id AS instructorId FROM payments ORDER BY learner_id, instructor_id`,
    )
    .all() as { learnerId: string; instructorId: string }[];
  const used = sqlite
    .prepare('SELECT ifnull(SUM(hours_to - hours_from), 0) FROM earnings WHERE payment_id = ?')
    .pluck();
  const stmt = (sql: string) => sqlite.prepare(sql);
  const out: Violation[] = [];
  for (const { learnerId, instructorId } of pairs) {
    const account = learnerPrepaid(learnerId, instructorId);
    let expected = 0;
    for (const lot of lotsOf({ stmt }, learnerId, instructorId)) {
      const from = used.get(lot.id) as number;
      const to = Math.max(from, lot.hours - lot.refundedHours);
      expected += hourShares({ ...lot, hours: lot.hours }, from, to).list;
    }
    const actual = -(ledger.get(account) ?? 0);
    ledger.delete(account);
    if (actual !== expected && out.length < MAX_PER_CODE)
      out.push({
        code: 'prepaid_mismatch',
        message: `learner_prepaid for ${learnerId} with ${instructorId} is ${actual}p; unused hours are worth ${expected}p.`,
        details: { learnerId, instructorId, ledger: actual, expected },
      });
  }
  for (const [account, balance] of ledger)
    if (balance !== 0 && out.length < MAX_PER_CODE)
      out.push({
        code: 'prepaid_mismatch',
        message: `${account} holds ${-balance}p but the pair has no payments.`,
        details: { account, ledger: -balance, expected: 0 },
      });
  return out;
}

/** instructor_payable = earned (earnings) − paid (transfers net of reversals, payout rows or Dashboard transfers). */
function payable(sqlite: Sqlite): Violation[] {
  const ledger = accountBalances(sqlite, 'instructor_payable:');
  const rows = sqlite
    .prepare(
      `SELECT i.id AS instructorId,
              ifnull((SELECT SUM(amount_pence) FROM earnings e WHERE e.instructor_id = i.id AND e.status <> 'cancelled'), 0) AS earned,
              ifnull((SELECT SUM(amount_pence) FROM payouts p WHERE p.instructor_id = i.id AND p.status = 'paid'), 0) AS paid
       FROM instructors i ORDER BY i.id`,
    )
    .all() as { instructorId: string; earned: number; paid: number }[];
  const dashboard = new Map<string, number>();
  const transfers = sqlite
    .prepare(
      `SELECT json_extract(o.payload, '$.destination') AS destination,
              json_extract(o.payload, '$.amount') - ifnull(json_extract(o.payload, '$.amount_reversed'), 0) AS net
       FROM unattributed_objects u JOIN stripe_objects o ON o.id = u.object_id WHERE u.object_type = 'transfer'`,
    )
    .all() as { destination: string | null; net: number }[];
  const instructorOf = sqlite
    .prepare('SELECT instructor_id FROM stripe_connect_accounts WHERE stripe_account_id = ?')
    .pluck();
  for (const t of transfers) {
    const id = t.destination ? (instructorOf.get(t.destination) as string | undefined) : undefined;
    if (id) dashboard.set(id, (dashboard.get(id) ?? 0) + t.net);
  }
  const out: Violation[] = [];
  for (const r of rows) {
    const expected = r.earned - r.paid - (dashboard.get(r.instructorId) ?? 0);
    const actual = -(ledger.get(instructorPayable(r.instructorId)) ?? 0);
    if (actual !== expected && out.length < MAX_PER_CODE)
      out.push({
        code: 'payable_mismatch',
        message: `instructor_payable for ${r.instructorId} is ${actual}p; earned less paid is ${expected}p.`,
        details: { instructorId: r.instructorId, ledger: actual, expected, earned: r.earned, paid: r.paid },
      });
  }
  return out;
}

export function checkInvariants(sqlite: Sqlite): InvariantReport {
  const violations = [...unbalanced(sqlite), ...prepaid(sqlite), ...payable(sqlite)];
  return { ok: violations.length === 0, violations };
}
