// The Payments page's list: filtered, sorted and paged in SQL, with a total that stops counting at a cap.
import type { Page } from '../../shared/contract/define';
import type { ParsedInputOf } from '../../shared/contract';
import type { PaymentListRow } from '../../shared/contract/payments';
import type { Sqlite } from '../db/open';
import { PAYMENT_COLUMNS, PAYMENT_JOINS, toPaymentRow, type PaymentSqlRow } from './queries';
import { userContains, usersMatching } from '../people/search';
import { COUNT_STEP, countAtMost, countUpTo, londonBounds, Where } from '../db/sql';

export type PaymentQuery = ParsedInputOf<'payments.list'>;
/** The filters alone: what the list, its totals and its export share. */
export type PaymentFilters = Omit<PaymentQuery, 'page' | 'pageSize' | 'sort' | 'cursor'>;

export { COUNT_STEP };

/**
 * A search's learners are looked up one by one (their payments through payments_learner_idx) while at most this
 * many match; a broader search tests each payment's learner as it walks the filters' or the sort's index.
 */
export const NARROW_LEARNERS = 500;

/** Users with at least one payment: a name that only instructors or operators carry does not make a search broad. */
const HAS_PAYMENTS = 'EXISTS (SELECT 1 FROM payments lp WHERE lp.learner_id = u.id)';

/** The learners a search names: their ids when at most NARROW_LEARNERS match, else the first ones and `broad`. */
export type SearchLearners = { ids: string[]; broad: boolean };

export function searchLearners(sqlite: Sqlite, query: PaymentFilters): SearchLearners | undefined {
  return query.q ? usersMatching(sqlite, query.q, NARROW_LEARNERS, HAS_PAYMENTS) : undefined;
}

/**
 * The filters as SQL on `payments p`. A search matches a learner's name or email, or a payment or PaymentIntent id
 * exactly. A narrow search (or the first learners of a broad one, for a lower bound) names its payments by rowid:
 * each learner's range of payments_learner_idx and the two ids' unique indexes; the other filters are then only
 * tested (`+` keeps SQLite from walking their index, which under a wide filter visits most of the table). A broad
 * search tests each row's learner as SQLite walks the filters' or the sort's index.
 */
export function whereOf(query: PaymentFilters, learners: SearchLearners | undefined): Where {
  const where = new Where();
  const p = query.q && learners && !learners.broad ? '+p' : 'p';
  if (query.status) where.add(`${p}.status = ?`, query.status);
  if (query.type) where.add(`${p}.payment_type = ?`, query.type);
  if (query.instructorId) where.add(`${p}.instructor_id = ?`, query.instructorId);
  if (query.code) where.add('(dc.code = ? OR rc.code = ?)', query.code, query.code);
  const { start, end } = londonBounds(query.from, query.to);
  if (start !== undefined) where.add(`${p}.created_at >= ?`, start);
  if (end !== undefined) where.add(`${p}.created_at < ?`, end);
  if (!query.q) return where;
  if (learners && !learners.broad) {
    const byLearner = learners.ids.length
      ? `SELECT rowid FROM payments WHERE learner_id IN (${learners.ids.map(() => '?').join(', ')}) UNION ALL `
      : '';
    return where.add(
      `p.rowid IN (${byLearner}SELECT rowid FROM payments WHERE stripe_payment_intent_id = ?
        UNION ALL SELECT rowid FROM payments WHERE id = ?)`,
      ...learners.ids,
      query.q,
      query.q,
    );
  }
  const contains = userContains(query.q);
  return where.add(
    `(EXISTS (SELECT 1 FROM users u WHERE u.id = p.learner_id AND ${contains.sql})
      OR p.stripe_payment_intent_id = ? OR p.id = ?)`,
    ...contains.params,
    query.q,
    query.q,
  );
}

/**
 * A broad search under filters that alone match more than COUNT_STEP payments: too many to test one by one for a
 * count or a sum, so those count the payments of the search's first learners instead (a lower bound). Under narrower
 * filters (walked on their own index) a broad search is still counted and summed exactly.
 */
export function broadAndWide(
  sqlite: Sqlite,
  query: PaymentFilters,
  learners: SearchLearners | undefined,
): learners is SearchLearners {
  if (!learners?.broad) return false;
  const filters = whereOf({ ...query, q: undefined }, undefined);
  if (!filters.sql) return true;
  return (
    countAtMost(sqlite, `${filterFrom(query)} ${filters.sql}`, filters.params, COUNT_STEP + 1) > COUNT_STEP
  );
}

/** Each sort follows an index: payments_created_idx, payments_total_idx, payments_status_created_idx (+ rowid). */
const SORT_SQL = {
  created_at: ['p.created_at'],
  total: ['p.total_amount_pence'],
  status: ['p.status', 'p.created_at'],
} as const;

/** Counting and paging join only what the filters read (learner and instructor rows always exist: NOT NULL foreign keys). */
export function filterFrom(query: PaymentFilters): string {
  return [
    'FROM payments p',
    query.code ? 'LEFT JOIN discount_codes dc ON dc.id = p.discount_code_id' : '',
    query.code ? 'LEFT JOIN referral_codes rc ON rc.id = p.referral_code_id' : '',
  ].join(' ');
}

/**
 * The page's total: exact unfiltered, else counted up to the cap. A
 * broad search counts only the payments of its first learners, so its total is a lower bound whatever it comes to.
 */
function countPayments(
  sqlite: Sqlite,
  query: PaymentQuery,
  learners: SearchLearners | undefined,
): Pick<Page<never>, 'total' | 'totalCapped'> {
  const bounded = broadAndWide(sqlite, query, learners);
  const where = whereOf(query, bounded ? { ids: learners.ids, broad: false } : learners);
  // Unfiltered: the per-day counts payment_day_totals keeps (a few hundred rows, not a million index entries).
  if (!where.sql) {
    return {
      total: sqlite.prepare('SELECT COALESCE(SUM(count), 0) FROM payment_day_totals').pluck().get() as number,
    };
  }
  const counted = countUpTo(sqlite, `${filterFrom(query)} ${where.sql}`, where.params, query);
  return bounded ? { total: counted.total, totalCapped: true } : counted;
}

/**
 * The rowids of a page walked by OFFSET: every row before it is visited (and, in a broad search, tested) once more.
 */
function offsetPage(sqlite: Sqlite, query: PaymentQuery, where: Where, order: string): number[] {
  return sqlite
    .prepare(`SELECT p.rowid ${filterFrom(query)} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, query.pageSize, (query.page - 1) * query.pageSize) as number[];
}

/**
 * The rowids of a page that starts after (or ends before) a cursor row, or undefined when no payment has its id. The
 * walk goes away from the cursor through the sort's keys one level at a time, each part a range of the sort's index:
 * for keys (a, b) and rowid r going down, first `a = A AND b = B AND rowid < R` (the rest of the cursor's block of
 * equal keys), then `a = A AND b < B`, then `a < A`, until the page is full. One row-value comparison `(a, b, rowid)
 * < (A, B, R)` would give the same rows, but SQLite seeks it on `a` alone and walks a whole tie block to the cursor.
 */
function seekPage(
  sqlite: Sqlite,
  query: PaymentQuery & { cursor: NonNullable<PaymentQuery['cursor']> },
  where: Where,
  keys: string[],
): number[] | undefined {
  const forward = 'after' in query.cursor;
  const id = 'after' in query.cursor ? query.cursor.after : query.cursor.before;
  const at = sqlite
    .prepare(`SELECT ${keys.join(', ')} FROM payments p WHERE p.id = ?`)
    .raw()
    .get(id) as unknown[] | undefined;
  if (!at) return undefined;
  // After the cursor walks in the list's order; before it walks backwards, and the page is put in order at the end.
  const down = (query.sort.direction === 'desc') === forward;
  const order = keys.map((k) => `${k} ${down ? 'DESC' : 'ASC'}`).join(', ');
  const rowids: number[] = [];
  for (let level = keys.length - 1; level >= 0 && rowids.length < query.pageSize; level--) {
    const seek = [...keys.slice(0, level).map((k) => `${k} = ?`), `${keys[level]} ${down ? '<' : '>'} ?`];
    const sql = where.sql ? `${where.sql} AND ${seek.join(' AND ')}` : `WHERE ${seek.join(' AND ')}`;
    rowids.push(
      ...(sqlite
        .prepare(`SELECT p.rowid ${filterFrom(query)} ${sql} ORDER BY ${order} LIMIT ?`)
        .pluck()
        .all(...where.params, ...at.slice(0, level + 1), query.pageSize - rowids.length) as number[]),
    );
  }
  return rowids;
}

export function listPayments(sqlite: Sqlite, query: PaymentQuery): Page<PaymentListRow> {
  const learners = searchLearners(sqlite, query);
  const count = countPayments(sqlite, query, learners);
  const where = whereOf(query, learners);
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  // Ties break on rowid, which every index carries, so the sort walks an index instead of sorting the table.
  const keys = [...SORT_SQL[query.sort.column], 'p.rowid'];
  const order = keys.map((c) => `${c} ${direction}`).join(', ');
  // A narrow search's few hundred rows are sorted whole whatever the page: a cursor would save nothing there.
  const walksIndex = !(query.q && learners && !learners.broad);
  const rowids =
    (query.cursor && walksIndex
      ? seekPage(sqlite, { ...query, cursor: query.cursor }, where, keys)
      : undefined) ?? offsetPage(sqlite, query, where, order);
  // The page is chosen from payments alone (skipped rows are never joined); only its rows get names and codes.
  const rows = sqlite
    .prepare(
      `SELECT ${PAYMENT_COLUMNS} FROM payments p ${PAYMENT_JOINS}
       WHERE p.rowid IN (${rowids.map(() => '?').join(', ')}) ORDER BY ${order}`,
    )
    .all(...rowids) as PaymentSqlRow[];
  // A broad search's lower bound never falls short of the rows already paged through.
  const shown = (query.page - 1) * query.pageSize + rows.length;
  const total = count.totalCapped ? { ...count, total: Math.max(count.total, shown) } : count;
  return { rows: rows.map(toPaymentRow), ...total, page: query.page, pageSize: query.pageSize };
}
