// The ledger's checks against the credits tables (DOMAIN.md §7): the prepaid liability is the unused hours at their
// payments' prices, and what instructors are owed is what they earned less what was transferred to them.
import type { Sqlite } from '../db/open';
import type { Violation } from '../../shared/contract/ledger';
import { accountBalances } from '../ledger/balances';
import { instructorPayable, learnerPrepaid } from '../ledger/accounts';
import { MAX_PER_CODE } from '../ledger/invariants';
import { lotsOf, unusedOf } from './consumption';

/** learner_prepaid per pair = Σ over its payments of the list value of hours (used, purchased − refunded]. */
export function prepaidMatchesUnusedHours(sqlite: Sqlite): Violation[] {
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
    for (const lot of lotsOf({ stmt }, learnerId, instructorId))
      expected += unusedOf(lot, used.get(lot.id) as number).pence;
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

/**
 * instructor_payable = earned (earnings) − paid (transfers net of reversals, payout rows or Dashboard transfers) −
 * clawed back (every clawback but a waived one: refunds of used hours and lost disputes post it when recorded).
 */
export function payableMatchesEarnedLessPaid(sqlite: Sqlite): Violation[] {
  const ledger = accountBalances(sqlite, 'instructor_payable:');
  const rows = sqlite
    .prepare(
      `SELECT i.id AS instructorId,
              ifnull((SELECT SUM(amount_pence) FROM earnings e WHERE e.instructor_id = i.id AND e.status <> 'cancelled'), 0) AS earned,
              ifnull((SELECT SUM(amount_pence) FROM payouts p WHERE p.instructor_id = i.id AND p.status = 'paid'), 0) AS paid,
              ifnull((SELECT SUM(amount_pence) FROM clawbacks c WHERE c.instructor_id = i.id AND c.status <> 'waived'), 0) AS clawed
       FROM instructors i ORDER BY i.id`,
    )
    .all() as { instructorId: string; earned: number; paid: number; clawed: number }[];
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
    const expected = r.earned - r.paid - r.clawed - (dashboard.get(r.instructorId) ?? 0);
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
