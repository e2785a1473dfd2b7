// The Credits page's list: prepaid hours and liability per learner–instructor pair, filtered, sorted and paged in
// SQL, with totals over every matching pair (per instructor when filtered to one).
import type { ParsedInputOf } from '../../shared/contract';
import type { CreditRow, CreditsPage, CreditSort } from '../../shared/contract/credits';
import type { Sqlite } from '../db/open';
import { likeAny, Where } from '../db/sql';

const REMAINING = 'c.hours_purchased - c.hours_used - c.hours_refunded';

const FROM = `FROM learner_credits c
  JOIN users lu ON lu.id = c.learner_id
  JOIN instructors i ON i.id = c.instructor_id
  JOIN users iu ON iu.id = i.user_id`;

const SORT_SQL: Record<CreditSort, string> = {
  liability: 'c.liability_pence',
  remaining: REMAINING,
  learner: 'lu.name COLLATE NOCASE',
  instructor: 'iu.name COLLATE NOCASE',
  updated: 'c.updated_at',
};

export const CREDIT_COLUMNS = `c.learner_id, lu.name AS learner_name, lu.email AS learner_email, c.instructor_id,
  iu.name AS instructor_name, c.hours_purchased, c.hours_used, c.hours_refunded, ${REMAINING} AS hours_remaining,
  c.liability_pence, c.updated_at`;

export interface CreditSqlRow {
  learner_id: string;
  learner_name: string;
  learner_email: string;
  instructor_id: string;
  instructor_name: string;
  hours_purchased: number;
  hours_used: number;
  hours_refunded: number;
  hours_remaining: number;
  liability_pence: number;
  updated_at: number;
}

export function toCreditRow(r: CreditSqlRow): CreditRow {
  return {
    id: `${r.learner_id}:${r.instructor_id}`,
    learner: { id: r.learner_id, name: r.learner_name, email: r.learner_email },
    instructor: { id: r.instructor_id, name: r.instructor_name },
    hoursPurchased: r.hours_purchased,
    hoursUsed: r.hours_used,
    hoursRefunded: r.hours_refunded,
    hoursRemaining: r.hours_remaining,
    liabilityPence: r.liability_pence,
    updatedAt: r.updated_at,
  };
}

/** One pair's row, or null when the pair has no paid payments. */
export function creditOf(sqlite: Sqlite, learnerId: string, instructorId: string): CreditRow | null {
  const row = sqlite
    .prepare(`SELECT ${CREDIT_COLUMNS} ${FROM} WHERE c.learner_id = ? AND c.instructor_id = ?`)
    .get(learnerId, instructorId) as CreditSqlRow | undefined;
  return row ? toCreditRow(row) : null;
}

export function listCredits(sqlite: Sqlite, query: ParsedInputOf<'credits.list'>): CreditsPage {
  const where = new Where();
  if (query.instructorId) where.add('c.instructor_id = ?', query.instructorId);
  if (query.learnerId) where.add('c.learner_id = ?', query.learnerId);
  if (query.state === 'remaining') where.add(`${REMAINING} > 0`);
  if (query.state === 'used_up') where.add(`${REMAINING} = 0`);
  if (query.q) {
    const like = likeAny(query.q);
    where.add(
      `(lu.name LIKE ? ESCAPE '\\' OR lu.email LIKE ? ESCAPE '\\' OR iu.name LIKE ? ESCAPE '\\' OR c.learner_id = ? OR c.instructor_id = ?)`,
      like,
      like,
      like,
      query.q.toLowerCase(),
      query.q.toLowerCase(),
    );
  }
  const totals = sqlite
    .prepare(
      `SELECT count(*) AS pairs, ifnull(SUM(c.hours_purchased), 0) AS hoursPurchased,
              ifnull(SUM(c.hours_used), 0) AS hoursUsed, ifnull(SUM(c.hours_refunded), 0) AS hoursRefunded,
              ifnull(SUM(${REMAINING}), 0) AS hoursRemaining, ifnull(SUM(c.liability_pence), 0) AS liabilityPence
       ${FROM} ${where.sql}`,
    )
    .get(...where.params) as CreditsPage['totals'];
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = sqlite
    .prepare(
      `SELECT ${CREDIT_COLUMNS} ${FROM} ${where.sql}
       ORDER BY ${SORT_SQL[query.sort.column]} ${direction}, lu.name COLLATE NOCASE, c.id LIMIT ? OFFSET ?`,
    )
    .all(...where.params, query.pageSize, (query.page - 1) * query.pageSize) as CreditSqlRow[];
  return {
    rows: rows.map(toCreditRow),
    total: totals.pairs,
    page: query.page,
    pageSize: query.pageSize,
    totals,
  };
}
