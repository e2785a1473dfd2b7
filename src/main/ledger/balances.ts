// Account balances from the journal: totals per account family, per instructor (earned, paid, owed), per pair.
import type { Sqlite } from '../db/open';

export interface InstructorBalance {
  instructorId: string;
  /** Instructor shares of completed lessons. */
  earned: number;
  /** Transfers to the instructor, net of reversals. */
  paid: number;
  /** earned − paid: what the platform owes now. */
  owed: number;
}

export interface PairLiability {
  learnerId: string;
  instructorId: string;
  /** Unused prepaid hours at their payments' prices (list value, pence). */
  liability: number;
}

export interface LedgerBalances {
  /** Balance of each account family (`learner_prepaid` and `instructor_payable` summed over all keys), debit positive. */
  totals: Record<string, number>;
  instructors: InstructorBalance[];
  pairs: PairLiability[];
}

export function balances(sqlite: Sqlite): LedgerBalances {
  const totals: Record<string, number> = {};
  const families = sqlite
    .prepare(
      `SELECT CASE WHEN instr(account, ':') > 0 THEN substr(account, 1, instr(account, ':') - 1) ELSE account END AS family,
              SUM(amount_pence) AS balance
       FROM journal_lines GROUP BY family ORDER BY family`,
    )
    .all() as { family: string; balance: number }[];
  for (const f of families) totals[f.family] = f.balance;
  const instructors = sqlite
    .prepare(
      `SELECT substr(l.account, 20) AS instructorId,
                -SUM(CASE WHEN t.kind = 'completion' THEN l.amount_pence ELSE 0 END) AS earned,
                SUM(CASE WHEN t.kind IN ('transfer', 'reversal') THEN l.amount_pence ELSE 0 END) AS paid,
                -SUM(l.amount_pence) AS owed
         FROM journal_lines l JOIN journal_transactions t ON t.id = l.transaction_id
         WHERE l.account LIKE 'instructor_payable:%' GROUP BY l.account ORDER BY l.account`,
    )
    // owed is earned − paid − clawed back (refunds of used hours, lost disputes).
    .all() as InstructorBalance[];
  const pairs = (
    sqlite
      .prepare(
        `SELECT account, -SUM(amount_pence) AS liability FROM journal_lines
         WHERE account LIKE 'learner_prepaid:%' GROUP BY account ORDER BY account`,
      )
      .all() as { account: string; liability: number }[]
  ).map((r) => {
    const [, learnerId, instructorId] = r.account.split(':') as [string, string, string];
    return { learnerId, instructorId, liability: r.liability };
  });
  return { totals, instructors, pairs };
}

/** The ledger's Stripe balance (pence): compare with Stripe's available + pending. From the journal's daily totals. */
export function stripeBalanceOf(sqlite: Sqlite): number {
  return sqlite
    .prepare("SELECT ifnull(SUM(amount_pence), 0) FROM journal_daily_totals WHERE account = 'stripe_balance'")
    .pluck()
    .get() as number;
}

/**
 * Balances of the accounts whose names start with `prefix` (`learner_prepaid:`), by account; with `only`, of those
 * accounts alone (each read through the account index).
 */
export function accountBalances(
  sqlite: Sqlite,
  prefix: string,
  only: ReadonlySet<string> | null = null,
): Map<string, number> {
  if (only) {
    const accounts = [...only].filter((a) => a.startsWith(prefix));
    const rows = sqlite
      .prepare(
        `SELECT l.account, SUM(l.amount_pence) AS balance FROM json_each(?) k CROSS JOIN journal_lines l ON l.account = k.value
         GROUP BY l.account ORDER BY l.account`,
      )
      .all(JSON.stringify(accounts)) as { account: string; balance: number }[];
    return new Map(rows.map((r) => [r.account, r.balance]));
  }
  // A range on the account index: LIKE would walk all of it (it is case-insensitive, the index is not).
  const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const rows = sqlite
    .prepare(
      'SELECT account, SUM(amount_pence) AS balance FROM journal_lines WHERE account >= ? AND account < ? GROUP BY account',
    )
    .all(prefix, next) as { account: string; balance: number }[];
  return new Map(rows.map((r) => [r.account, r.balance]));
}
