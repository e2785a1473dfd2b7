// The Payments page's list: filtered, sorted and paged in SQL, with a total that stops counting at a cap.
import type { Page } from '../../shared/contract/define';
import type { ParsedInputOf } from '../../shared/contract';
import type { PaymentListRow } from '../../shared/contract/payments';
import type { Sqlite } from '../db/open';
import { PAYMENT_COLUMNS, PAYMENT_JOINS, toPaymentRow, type PaymentSqlRow } from './queries';
import { usersMatching } from '../people/search';
import { londonBounds, Where } from '../db/sql';

export type PaymentQuery = ParsedInputOf<'payments.list'>;
/** The filters alone: what the list, its totals and its export share. */
export type PaymentFilters = Omit<PaymentQuery, 'page' | 'pageSize' | 'sort'>;

/**
 * Counting visits every matching row, so a filtered count stops at the first multiple of this that
 * covers the current page (10,000 for the first 200 pages of 50) and reports "more than that".
 */
export const COUNT_STEP = 10_000;

/**
 * `broad`: the search matched more payments than the count cap. Its payments are then found by walking
 * the sort order and keeping the matches (`+` keeps SQLite off the learner and id indexes), which fills
 * a page quickly; a narrower search looks its payments up by learner and sorts just those.
 */
export function whereOf(query: PaymentFilters, broad = false): Where {
  const where = new Where();
  if (query.status) where.add('p.status = ?', query.status);
  if (query.type) where.add('p.payment_type = ?', query.type);
  if (query.instructorId) where.add('p.instructor_id = ?', query.instructorId);
  if (query.code) where.add('(dc.code = ? OR rc.code = ?)', query.code, query.code);
  const { start, end } = londonBounds(query.from, query.to);
  if (start !== undefined) where.add('p.created_at >= ?', start);
  if (end !== undefined) where.add('p.created_at < ?', end);
  if (query.q) {
    const learners = usersMatching(query.q);
    const p = broad ? '+p' : 'p';
    where.add(
      `(${p}.learner_id IN (${learners.sql}) OR ${p}.stripe_payment_intent_id = ? OR ${p}.id = ?)`,
      ...learners.params,
      query.q,
      query.q,
    );
  }
  return where;
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

function countPayments(
  sqlite: Sqlite,
  query: PaymentQuery,
  where: Where,
): Pick<Page<never>, 'total' | 'totalCapped'> {
  // Unfiltered, SQLite counts the table from its b-tree pages without reading rows: exact and fast.
  if (!where.sql) return { total: sqlite.prepare('SELECT count(*) FROM payments').pluck().get() as number };
  const cap = COUNT_STEP * Math.ceil((query.page * query.pageSize) / COUNT_STEP);
  const counted = sqlite
    .prepare(`SELECT count(*) FROM (SELECT 1 ${filterFrom(query)} ${where.sql} LIMIT ?)`)
    .pluck()
    .get(...where.params, cap + 1) as number;
  return counted > cap ? { total: cap, totalCapped: true } : { total: counted };
}

export function listPayments(sqlite: Sqlite, query: PaymentQuery): Page<PaymentListRow> {
  const count = countPayments(sqlite, query, whereOf(query));
  const where = whereOf(query, count.totalCapped);
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  // Ties break on rowid, which every index carries, so the sort walks an index instead of sorting the table.
  const order = [...SORT_SQL[query.sort.column], 'p.rowid'].map((c) => `${c} ${direction}`).join(', ');
  // The page is chosen from payments alone (skipped rows are never joined); only its rows get names and codes.
  const rows = sqlite
    .prepare(
      `SELECT ${PAYMENT_COLUMNS}
       FROM (SELECT p.rowid AS rid ${filterFrom(query)} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?) page
       CROSS JOIN payments p ON p.rowid = page.rid ${PAYMENT_JOINS}
       ORDER BY ${order}`,
    )
    .all(...where.params, query.pageSize, (query.page - 1) * query.pageSize) as PaymentSqlRow[];
  return { rows: rows.map(toPaymentRow), ...count, page: query.page, pageSize: query.pageSize };
}
