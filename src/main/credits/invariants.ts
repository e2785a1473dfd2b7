// The ledger's checks against the credits tables (DOMAIN.md §7): the prepaid liability is the unused hours at their
// payments' prices, and what instructors are owed is what they earned less what was transferred to them.
import type { Sqlite } from '../db/open';
import type { Violation } from '../../shared/contract/ledger';
import { accountBalances } from '../ledger/balances';
import { instructorPayable, learnerPrepaid } from '../ledger/accounts';
import { MAX_PER_CODE } from '../ledger/invariants';
import { WHOLE_LEDGER, type InvariantScope } from '../projection/registry';
import { PAID_STATUSES, unusedOf, type Lot } from './consumption';

const LOT_COLUMNS = `p.learner_id AS learnerId, p.instructor_id AS instructorId,
  p.learner_id IS NOT NULL AND p.instructor_id IS NOT NULL AND p.status IN ${PAID_STATUSES} AS lot,
  p.total_amount_pence AS paid, p.discount_pence AS discount, p.instructor_amount_pence AS instructor, p.hours`;

/**
 * learner_prepaid per pair = Σ over its payments of the list value of hours (used, purchased − refunded]. Every
 * payment is read in one pass with its refunded and used hours (a query per pair and per lot took seconds at scale);
 * a scope reads only its pairs' payments, each with its own refunds and earnings.
 */
export function prepaidMatchesUnusedHours(sqlite: Sqlite, scope: InvariantScope = WHOLE_LEDGER): Violation[] {
  const ledger = accountBalances(sqlite, 'learner_prepaid:', scope.accounts);
  const rows = (
    scope.accounts === null
      ? sqlite
          .prepare(
            `SELECT ${LOT_COLUMNS}, ifnull(r.hours, 0) AS refundedHours, ifnull(e.hours, 0) AS used
             FROM payments p
             LEFT JOIN (SELECT payment_id, SUM(hours - used_hours) AS hours FROM refunds
                        WHERE status IN ('pending', 'succeeded') GROUP BY payment_id) r ON r.payment_id = p.id
             LEFT JOIN (SELECT payment_id, SUM(hours_to - hours_from) AS hours FROM earnings GROUP BY payment_id) e
               ON e.payment_id = p.id
             ORDER BY p.learner_id, p.instructor_id`,
          )
          .all()
      : sqlite
          .prepare(
            `SELECT ${LOT_COLUMNS},
               ifnull((SELECT SUM(hours - used_hours) FROM refunds r WHERE r.payment_id = p.id
                       AND r.status IN ('pending', 'succeeded')), 0) AS refundedHours,
               ifnull((SELECT SUM(hours_to - hours_from) FROM earnings e WHERE e.payment_id = p.id), 0) AS used
             FROM json_each(?) k
             CROSS JOIN payments p ON p.learner_id = json_extract(k.value, '$[0]') AND +p.instructor_id = json_extract(k.value, '$[1]')
             ORDER BY p.learner_id, p.instructor_id`,
          )
          .all(JSON.stringify(pairsIn(scope.accounts)))
  ) as (Omit<Lot, 'id' | 'pi' | 'created_at'> & {
    learnerId: string;
    instructorId: string;
    lot: number;
  })[];
  const expected = new Map<string, { learnerId: string; instructorId: string; pence: number }>();
  for (const r of rows) {
    const account = learnerPrepaid(r.learnerId, r.instructorId);
    const pair = expected.get(account) ?? { learnerId: r.learnerId, instructorId: r.instructorId, pence: 0 };
    if (r.lot) pair.pence += unusedOf(r, r.used).pence;
    expected.set(account, pair);
  }
  const out: Violation[] = [];
  for (const [account, { learnerId, instructorId, pence }] of expected) {
    const actual = -(ledger.get(account) ?? 0);
    ledger.delete(account);
    if (actual !== pence && out.length < MAX_PER_CODE)
      out.push({
        code: 'prepaid_mismatch',
        message: `learner_prepaid for ${learnerId} with ${instructorId} is ${actual}p; unused hours are worth ${pence}p.`,
        details: { learnerId, instructorId, ledger: actual, expected: pence },
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

/** The [learner, instructor] of each `learner_prepaid:` account among `accounts`. */
const pairsIn = (accounts: ReadonlySet<string>) =>
  [...accounts].filter((a) => a.startsWith('learner_prepaid:')).map((a) => a.split(':').slice(1, 3));

/** Each instructor's transfers made in the Stripe Dashboard (unattributed), net of reversals: what no trigger follows. */
export function dashboardTransfers(sqlite: Sqlite): Map<string, number> {
  const dashboard = new Map<string, number>();
  const transfers = sqlite
    .prepare(
      `SELECT json_extract(o.payload, '$.destination') AS destination,
              json_extract(o.payload, '$.amount') - ifnull(json_extract(o.payload, '$.amount_reversed'), 0) AS net
       FROM unattributed_objects u JOIN stripe_object_states o ON o.id = u.object_id WHERE u.object_type = 'transfer'`,
    )
    .all() as { destination: string | null; net: number }[];
  const instructorOf = sqlite
    .prepare('SELECT instructor_id FROM stripe_connect_accounts WHERE stripe_account_id = ?')
    .pluck();
  for (const t of transfers) {
    const id = t.destination ? (instructorOf.get(t.destination) as string | undefined) : undefined;
    if (id) dashboard.set(id, (dashboard.get(id) ?? 0) + t.net);
  }
  return dashboard;
}

/**
 * instructor_payable = earned (earnings) − paid (transfers net of reversals, payout rows or Dashboard transfers) −
 * clawed back (every clawback but a waived one: refunds of used hours and lost disputes post it when recorded).
 */
export function payableMatchesEarnedLessPaid(
  sqlite: Sqlite,
  scope: InvariantScope = WHOLE_LEDGER,
): Violation[] {
  const ledger = accountBalances(sqlite, 'instructor_payable:', scope.accounts);
  const only =
    scope.accounts &&
    [...scope.accounts].filter((a) => a.startsWith('instructor_payable:')).map((a) => a.slice(19));
  const rows = sqlite
    .prepare(
      `SELECT i.id AS instructorId,
              ifnull((SELECT SUM(amount_pence) FROM earnings e WHERE e.instructor_id = i.id AND e.status <> 'cancelled'), 0) AS earned,
              ifnull((SELECT SUM(amount_pence) FROM payouts p WHERE p.instructor_id = i.id AND p.status = 'paid'), 0) AS paid,
              ifnull((SELECT SUM(amount_pence) FROM clawbacks c WHERE c.instructor_id = i.id AND c.status <> 'waived'), 0) AS clawed
       FROM instructors i ${only ? 'WHERE i.id IN (SELECT value FROM json_each(?))' : ''} ORDER BY i.id`,
    )
    .all(...(only ? [JSON.stringify(only)] : [])) as {
    instructorId: string;
    earned: number;
    paid: number;
    clawed: number;
  }[];
  const dashboard = dashboardTransfers(sqlite);
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
