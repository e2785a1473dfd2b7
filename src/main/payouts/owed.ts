// What each instructor is owed on a Friday (DOMAIN.md §5): earnings payable by then, less every transfer already made
// to them (the console's and those made outside it, net of reversals), less clawbacks (refunds of used hours, lost
// disputes) — ready, or held with why.
import type { HeldCode, OutsideTransfer, PreviewRow } from '../../shared/contract/payouts';
import { formatPence } from '../../shared/money';
import type { Sqlite } from '../db/open';
import { statement } from '../db/statements';
import { SETTLEMENT_KINDS } from '../db/schema/sync';

interface OwedRow {
  id: string;
  name: string;
  email: string;
  account: string | null;
  payoutsEnabled: number | null;
  accountStatus: string | null;
  disabledReason: string | null;
  earned: number;
  transferred: number;
  clawed: number;
}

/**
 * Clawbacks that settle earnings: cancelled, recovered by a reversal, to deduct or deducted — not waived, and not a
 * reversal still on its way to Stripe (its transfer counts in full until Stripe reverses it).
 */
export const COUNTED_CLAWBACK = "status <> 'waived' AND NOT (status = 'outstanding' AND method = 'reversal')";

/**
 * Per instructor: earnings payable on or before @date (`due`), transfers (+) and reversals (−) in the journal
 * (`sent`), counted clawbacks (`claw`). For one instructor (`@only`) each reads that instructor's rows alone.
 */
function settlementCtes(one: boolean): string {
  const only = (column: string) => (one ? ` AND ${column} = @only` : '');
  return `
  due AS (
    SELECT instructor_id, sum(amount_pence) AS earned FROM earnings
    WHERE status <> 'cancelled' AND payable_on <= @date${only('instructor_id')} GROUP BY instructor_id),
  sent AS (
    SELECT t.instructor_id, sum(l.amount_pence) AS transferred
    FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id
    WHERE t.kind IN ${SETTLEMENT_KINDS} AND t.instructor_id IS NOT NULL${only('t.instructor_id')}
      AND l.account = 'instructor_payable:' || t.instructor_id
    GROUP BY t.instructor_id),
  claw AS (
    SELECT instructor_id, sum(amount_pence) AS clawed FROM clawbacks
    WHERE ${COUNTED_CLAWBACK}${only('instructor_id')} GROUP BY instructor_id)`;
}

const owedSql = (one: boolean) => `
  WITH ${settlementCtes(one)},
  who AS (
    SELECT instructor_id FROM due UNION SELECT instructor_id FROM sent UNION SELECT instructor_id FROM claw)
  SELECT i.id, u.name, u.email, a.stripe_account_id AS account, a.payouts_enabled AS payoutsEnabled,
    a.status AS accountStatus, a.disabled_reason AS disabledReason, ifnull(due.earned, 0) AS earned,
    ifnull(sent.transferred, 0) AS transferred, ifnull(claw.clawed, 0) AS clawed
  FROM who JOIN instructors i ON i.id = who.instructor_id JOIN users u ON u.id = i.user_id
  LEFT JOIN stripe_connect_accounts a ON a.instructor_id = i.id
  LEFT JOIN due ON due.instructor_id = i.id LEFT JOIN sent ON sent.instructor_id = i.id
  LEFT JOIN claw ON claw.instructor_id = i.id
  ${one ? 'WHERE i.id = @only' : ''}
  ORDER BY u.name, i.id`;

function held(r: OwedRow, owed: number, minimumPence: number): { code: HeldCode; reason: string } | null {
  if (!r.account)
    return {
      code: 'no_account',
      reason:
        'No connected Stripe account: the instructor must finish Stripe onboarding. The money waits for the next Friday.',
    };
  if (r.payoutsEnabled !== 1 || r.accountStatus === 'restricted' || r.accountStatus === 'rejected')
    return {
      code: 'account_disabled',
      reason: `Stripe has disabled payouts and transfers on ${r.account}${r.disabledReason ? ` (${r.disabledReason})` : ''}: the instructor must complete what Stripe asks in their dashboard. The money waits for the next Friday.`,
    };
  if (owed <= 0)
    return {
      code: 'not_positive',
      reason: `Nothing to pay: transfers and clawbacks already cover the earnings (${formatPence(owed)}).`,
    };
  if (owed < minimumPence)
    return {
      code: 'below_minimum',
      reason: `${formatPence(owed)} is below the ${formatPence(minimumPence)} minimum: carried to the next Friday.`,
    };
  return null;
}

/**
 * Transfers to the instructors' accounts that no console payout made, oldest first. The settlements' condition lets
 * SQLite read the transfers' partial index (`kind = 'transfer'` alone does not), instead of every journal transaction.
 */
const outsideTransfersSql = (one: boolean) => `
  SELECT t.instructor_id AS instructorId, t.source_id AS transferId, t.occurred_at AS createdAt,
    l.amount_pence AS amountPence
  FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id
    AND l.account = 'instructor_payable:' || t.instructor_id
  WHERE t.kind IN ${SETTLEMENT_KINDS} AND t.kind = 'transfer' AND t.instructor_id IS NOT NULL
    ${one ? 'AND t.instructor_id = @only' : ''}
    AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.stripe_transfer_id = t.source_id)
  ORDER BY t.occurred_at, t.id`;

/** The owed list's statements, for one instructor or all of them (exported for their query-plan tests). */
export const OWED_STATEMENTS = {
  owed: { all: owedSql(false), one: owedSql(true) },
  outsideTransfers: { all: outsideTransfersSql(false), one: outsideTransfersSql(true) },
};

function outsideTransfers(sqlite: Sqlite, only: string | null): Map<string, OutsideTransfer[]> {
  const sql = OWED_STATEMENTS.outsideTransfers;
  const rows = statement(sqlite, only ? sql.one : sql.all).all({ only }) as (OutsideTransfer & {
    instructorId: string;
  })[];
  const byInstructor = new Map<string, OutsideTransfer[]>();
  for (const { instructorId, ...t } of rows) {
    const list = byInstructor.get(instructorId) ?? [];
    list.push(t);
    byInstructor.set(instructorId, list);
  }
  return byInstructor;
}

/** Every instructor with something owed, paid or clawed back by @date whose owed is not zero (or `only` one). */
export function owedOn(
  sqlite: Sqlite,
  date: string,
  minimumPence: number,
  only: string | null = null,
): PreviewRow[] {
  const sql = OWED_STATEMENTS.owed;
  const rows = statement(sqlite, only ? sql.one : sql.all).all({ date, only }) as OwedRow[];
  const outside = outsideTransfers(sqlite, only);
  const result: PreviewRow[] = [];
  for (const r of rows) {
    const owedPence = r.earned - r.transferred - r.clawed;
    if (owedPence === 0 && !only) continue;
    const why = held(r, owedPence, minimumPence);
    result.push({
      instructor: { id: r.id, name: r.name, email: r.email },
      stripeAccountId: r.account,
      earningsPence: r.earned,
      transferredPence: r.transferred,
      clawbacksPence: r.clawed,
      owedPence,
      status: why ? 'held' : 'ready',
      held: why,
      outsideTransfers: outside.get(r.id) ?? [],
    });
  }
  return result;
}

/** Owed to instructors for earnings payable only after @date (shown beside the run, never in it). */
export function owedLater(sqlite: Sqlite, date: string): number {
  return statement(
    sqlite,
    "SELECT ifnull(sum(amount_pence), 0) FROM earnings WHERE status = 'owed' AND payable_on > ?",
    'pluck',
  ).get(date) as number;
}
