// The Credits page's list: prepaid hours and liability per learner–instructor pair, filtered, sorted and paged in
// SQL, with totals over every matching pair (per instructor when filtered to one).
import type { ParsedInputOf } from '../../shared/contract';
import type { CreditRow, CreditsPage, CreditSort } from '../../shared/contract/credits';
import type { Sqlite } from '../db/open';
import { likeAny, Where } from '../db/sql';
import { userContains, usersMatching } from '../people/search';

const REMAINING = 'c.hours_purchased - c.hours_used - c.hours_refunded';

/** CROSS JOIN keeps learner_credits the outer loop: a sort on its own columns walks their index and stops at the page. */
const FROM = `FROM learner_credits c
  CROSS JOIN users lu ON lu.id = c.learner_id
  CROSS JOIN instructors i ON i.id = c.instructor_id
  CROSS JOIN users iu ON iu.id = i.user_id`;

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

/** A search names its pairs one by one while at most this many learners (or instructors) match. */
const NARROW = 500;

/**
 * The pairs a search names: a learner's name or email, an instructor's name, or either id. A narrow search lists its
 * pairs by rowid (each learner's range of learner_credits_pair_idx, each instructor's of learner_credits_instructor_idx)
 * and only tests the other filters; a broad one tests every pair's names.
 */
function searchWhere(sqlite: Sqlite, q: string): { sql: string; params: unknown[]; narrow: boolean } {
  const like = likeAny(q);
  const id = q.toLowerCase();
  const learners = usersMatching(
    sqlite,
    q,
    NARROW,
    'EXISTS (SELECT 1 FROM learner_credits lc WHERE lc.learner_id = u.id)',
  );
  const instructors = sqlite
    .prepare(
      `SELECT i.id FROM instructors i JOIN users iu ON iu.id = i.user_id WHERE iu.name LIKE ? ESCAPE '\\' LIMIT ?`,
    )
    .pluck()
    .all(like, NARROW + 1) as string[];
  if (learners.broad || instructors.length > NARROW) {
    const learner = userContains(q, 'lu');
    return {
      sql: `(${learner.sql} OR iu.name LIKE ? ESCAPE '\\' OR c.learner_id = ? OR c.instructor_id = ?)`,
      params: [...learner.params, like, id, id],
      narrow: false,
    };
  }
  const marks = (ids: string[]) => ids.map(() => '?').join(', ');
  return {
    sql: `c.rowid IN (SELECT rowid FROM learner_credits WHERE learner_id IN (${marks(learners.ids)})
      UNION ALL SELECT rowid FROM learner_credits WHERE instructor_id IN (${marks(instructors)})
      UNION ALL SELECT rowid FROM learner_credits WHERE learner_id = ?
      UNION ALL SELECT rowid FROM learner_credits WHERE instructor_id = ?)`,
    params: [...learners.ids, ...instructors, id, id],
    narrow: true,
  };
}

export function listCredits(sqlite: Sqlite, query: ParsedInputOf<'credits.list'>): CreditsPage {
  const search = query.q ? searchWhere(sqlite, query.q) : null;
  // Under a narrow search the other filters are only tested (`+`: SQLite starts from the searched pairs).
  const c = search?.narrow ? '+c' : 'c';
  const where = new Where();
  if (query.instructorId) where.add(`${c}.instructor_id = ?`, query.instructorId);
  if (query.learnerId) where.add(`${c}.learner_id = ?`, query.learnerId);
  if (query.state === 'remaining') where.add(`${REMAINING} > 0`);
  if (query.state === 'used_up') where.add(`${REMAINING} = 0`);
  if (search) where.add(search.sql, ...search.params);
  // Only a broad search reads names: otherwise the totals add up learner_credits alone (every pair has its people).
  const totalsFrom = search && !search.narrow ? FROM : 'FROM learner_credits c';
  const totals = sqlite
    .prepare(
      `SELECT count(*) AS pairs, ifnull(SUM(c.hours_purchased), 0) AS hoursPurchased,
              ifnull(SUM(c.hours_used), 0) AS hoursUsed, ifnull(SUM(c.hours_refunded), 0) AS hoursRefunded,
              ifnull(SUM(${REMAINING}), 0) AS hoursRemaining, ifnull(SUM(c.liability_pence), 0) AS liabilityPence
       ${totalsFrom} ${where.sql}`,
    )
    .get(...where.params) as CreditsPage['totals'];
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  // Names only order ties: SQLite sorts a block of equal values at a time.
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
