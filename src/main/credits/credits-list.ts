// The Credits page's list: prepaid hours and liability per learner–instructor pair, filtered, sorted and paged in
// SQL, with totals over every matching pair (per instructor when filtered to one).
import type { ParsedInputOf } from '../../shared/contract';
import type { CappedCreditTotals, CreditRow, CreditsPage, CreditSort } from '../../shared/contract/credits';
import type { Sqlite } from '../db/open';
import { countStepOf, likeAny, Where } from '../db/sql';
import { userContains, usersMatching } from '../people/search';

const REMAINING = 'c.hours_purchased - c.hours_used - c.hours_refunded';

/** CROSS JOIN keeps learner_credits the outer loop: a sort on its own columns walks their index and stops at the page. */
const FROM = `FROM learner_credits c
  CROSS JOIN users lu ON lu.id = c.learner_id
  CROSS JOIN instructors i ON i.id = c.instructor_id
  CROSS JOIN users iu ON iu.id = i.user_id`;

/**
 * Each order's key, as its index on learner_credits names it (the names are the pair's copies of its people's, which
 * triggers keep equal to users'). Every index ends in TIES, so ascending pages are one index walk.
 */
const SORT_KEY: Record<CreditSort, string> = {
  liability: 'c.liability_pence',
  remaining: `(${REMAINING})`,
  learner: 'c.learner_name COLLATE NOCASE',
  instructor: 'c.instructor_name COLLATE NOCASE',
  updated: 'c.updated_at',
};
/** Ties in any order: by the learner's name (either direction of the key), then id. */
const TIES = 'c.learner_name COLLATE NOCASE, c.id';

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
 * and only tests the other filters; a broad one tests each pair's copies of the names.
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
  // Instructors by name alone, looked up only when the learners are few (a broad search tests every pair anyway).
  const instructorUsers = learners.broad
    ? null
    : usersMatching(sqlite, q, NARROW, 'EXISTS (SELECT 1 FROM instructors i WHERE i.user_id = u.id)', true);
  const instructors =
    instructorUsers && !instructorUsers.broad
      ? (sqlite
          .prepare(
            `SELECT id FROM instructors WHERE user_id IN (${instructorUsers.ids.map(() => '?').join(', ')})`,
          )
          .pluck()
          .all(...instructorUsers.ids) as string[])
      : null;
  if (!instructors || instructors.length > NARROW) {
    // Tested on the pair's copies of the names (no pair joins its people), and the ids looked up by index: the totals
    // then read learner_credits_learner_name_idx alone.
    const learner = userContains(q, { name: 'c.learner_name', email: 'c.learner_email' });
    return {
      sql: `(${learner.sql} OR c.instructor_name LIKE ? ESCAPE '\\' OR c.rowid IN (
        SELECT rowid FROM learner_credits WHERE learner_id = ?
        UNION ALL SELECT rowid FROM learner_credits WHERE instructor_id = ?))`,
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

/** A sort key's value: a count of pence or hours, an instant, or a name. */
type SortKeyValue = number | string;

/**
 * One page in `key DESC, TIES` order over wide filters. SQLite cannot walk an ascending index backwards for it (the
 * ties would come out reversed) and would sort whole blocks of equal keys instead, so the page is read a block at a
 * time: find the key at the page's first row, skip the rows of that block before it, then read each block forwards
 * through the (key, TIES) index until the page is full.
 */
function descendingPage(sqlite: Sqlite, key: string, where: Where, limit: number, offset: number) {
  const and = (condition: string) => (where.sql ? `${where.sql} AND ${condition}` : `WHERE ${condition}`);
  const first = sqlite
    .prepare(`SELECT ${key} FROM learner_credits c ${where.sql} ORDER BY ${key} DESC LIMIT 1 OFFSET ?`)
    .pluck()
    .get(...where.params, offset) as SortKeyValue | undefined;
  if (first === undefined) return [];
  const above = sqlite
    .prepare(`SELECT count(*) FROM learner_credits c ${and(`${key} > ?`)}`)
    .pluck()
    .get(...where.params, first) as number;
  const block = sqlite.prepare(
    `SELECT ${CREDIT_COLUMNS} ${FROM} ${and(`${key} = ?`)} ORDER BY ${TIES} LIMIT ? OFFSET ?`,
  );
  const next = sqlite
    .prepare(`SELECT ${key} FROM learner_credits c ${and(`${key} < ?`)} ORDER BY ${key} DESC LIMIT 1`)
    .pluck();
  const rows = block.all(...where.params, first, limit, offset - above) as CreditSqlRow[];
  let at: SortKeyValue | undefined = first;
  while (rows.length < limit) {
    at = next.get(...where.params, at) as SortKeyValue | undefined;
    if (at === undefined) break;
    rows.push(...(block.all(...where.params, at, limit - rows.length, 0) as CreditSqlRow[]));
  }
  return rows;
}

interface Sums {
  pairs: number;
  hoursPurchased: number;
  hoursUsed: number;
  hoursRefunded: number;
  liabilityPence: number;
}
const SUMS = `ifnull(SUM(c.hours_purchased), 0) AS hoursPurchased, ifnull(SUM(c.hours_used), 0) AS hoursUsed,
  ifnull(SUM(c.hours_refunded), 0) AS hoursRefunded, ifnull(SUM(c.liability_pence), 0) AS liabilityPence`;

/**
 * The totals line: without a search or a person's filter, the two rows credit_totals keeps per state (adding up every
 * pair took 26 ms at 200,000 pairs); under a broad search, the first matches up to the count step that covers the page,
 * capped past it (adding up "Le", nearly every pair, took 60–90 ms); otherwise over the filtered pairs. Every filter
 * reads learner_credits alone (a broad search its copies of the names).
 */
function totalSums(
  sqlite: Sqlite,
  query: ParsedInputOf<'credits.list'>,
  where: Where,
  search: { narrow: boolean } | null,
): Sums | CappedCreditTotals {
  if (!search && !query.instructorId && !query.learnerId) {
    const byState = query.state ? [query.state] : [];
    return sqlite
      .prepare(
        `SELECT ifnull(SUM(c.pairs), 0) AS pairs, ${SUMS} FROM credit_totals c ${byState.length ? 'WHERE c.state = ?' : ''}`,
      )
      .get(...byState) as Sums;
  }
  if (!search || search.narrow)
    return sqlite
      .prepare(`SELECT count(*) AS pairs, ${SUMS} FROM learner_credits c ${where.sql}`)
      .get(...where.params) as Sums;
  const cap = countStepOf(query);
  const sums = sqlite
    .prepare(
      `SELECT count(*) AS pairs, ${SUMS} FROM (SELECT c.hours_purchased, c.hours_used, c.hours_refunded, c.liability_pence
         FROM learner_credits c ${where.sql} LIMIT ?) c`,
    )
    .get(...where.params, cap + 1) as Sums;
  return sums.pairs > cap ? { pairs: cap, capped: true } : sums;
}

export function listCredits(sqlite: Sqlite, query: ParsedInputOf<'credits.list'>): CreditsPage {
  const search = query.q ? searchWhere(sqlite, query.q) : null;
  // Under a narrow search the other filters are only tested (`+`: SQLite starts from the searched pairs).
  const c = search?.narrow ? '+c' : 'c';
  const where = new Where();
  if (query.instructorId) where.add(`${c}.instructor_id = ?`, query.instructorId);
  if (query.learnerId) where.add(`${c}.learner_id = ?`, query.learnerId);
  // Written unlike learner_credits_remaining_idx's expression: SQLite would read every pair through that index (a
  // lookup per row) instead of scanning an index that holds the hours.
  if (query.state === 'remaining') where.add('c.hours_purchased > c.hours_used + c.hours_refunded');
  if (query.state === 'used_up') where.add('c.hours_purchased = c.hours_used + c.hours_refunded');
  if (search) where.add(search.sql, ...search.params);
  const sums = totalSums(sqlite, query, where, search);
  const totals =
    'capped' in sums
      ? sums
      : { ...sums, hoursRemaining: sums.hoursPurchased - sums.hoursUsed - sums.hoursRefunded };
  const key = SORT_KEY[query.sort.column];
  // By learner, the name is the key itself: repeating it would make SQLite sort each run of equal names again.
  const ties = query.sort.column === 'learner' ? 'c.id' : TIES;
  const offset = (query.page - 1) * query.pageSize;
  // A filter to one person or a narrow search leaves a few hundred pairs, sorted whole; wide filters walk an index.
  const wide = !query.instructorId && !query.learnerId && !search?.narrow;
  const rows =
    wide && query.sort.direction === 'desc'
      ? descendingPage(sqlite, key, where, query.pageSize, offset)
      : (sqlite
          .prepare(
            `SELECT ${CREDIT_COLUMNS} ${FROM} ${where.sql}
             ORDER BY ${key} ${query.sort.direction === 'asc' ? 'ASC' : 'DESC'}, ${ties} LIMIT ? OFFSET ?`,
          )
          .all(...where.params, query.pageSize, offset) as CreditSqlRow[]);
  return {
    rows: rows.map(toCreditRow),
    total: totals.pairs,
    ...('capped' in totals ? { totalCapped: true as const } : {}),
    page: query.page,
    pageSize: query.pageSize,
    totals,
  };
}
