// Payments for the Payments page: the list filtered, paged and sorted in SQL, and the filter menus.
import type { Page } from '../../shared/contract/define';
import type { ParsedInputOf } from '../../shared/contract';
import type {
  PaymentFacets,
  PaymentListRow,
  PaymentStatus,
  PaymentType,
} from '../../shared/contract/payments';
import type { Sqlite } from '../db/open';
import { likeAny, londonBounds, Where } from './sql';

export type PaymentQuery = ParsedInputOf<'payments.list'>;

/** CROSS JOIN keeps payments the outer loop, so paging walks a payments index rather than the users table. */
export const PAYMENT_FROM = `FROM payments p
  CROSS JOIN users l ON l.id = p.learner_id
  CROSS JOIN instructors i ON i.id = p.instructor_id
  CROSS JOIN users iu ON iu.id = i.user_id
  LEFT JOIN discount_codes dc ON dc.id = p.discount_code_id
  LEFT JOIN referral_codes rc ON rc.id = p.referral_code_id`;

export const PAYMENT_COLUMNS = `p.id, p.created_at, p.updated_at, p.status, p.payment_type, p.hours,
  p.learner_id, l.name AS learner_name, l.email AS learner_email, p.instructor_id, iu.name AS instructor_name,
  p.stripe_payment_intent_id, p.total_amount_pence, p.instructor_amount_pence, p.platform_fee_pence,
  p.discount_pence, p.amount_refunded_pence, dc.code AS discount_code, rc.code AS referral_code`;

export interface PaymentSqlRow {
  id: string;
  created_at: number;
  updated_at: number;
  status: PaymentStatus;
  payment_type: PaymentType;
  hours: number;
  learner_id: string;
  learner_name: string;
  learner_email: string;
  instructor_id: string;
  instructor_name: string;
  stripe_payment_intent_id: string;
  total_amount_pence: number;
  instructor_amount_pence: number;
  platform_fee_pence: number;
  discount_pence: number;
  amount_refunded_pence: number;
  discount_code: string | null;
  referral_code: string | null;
}

export function toPaymentRow(r: PaymentSqlRow): PaymentListRow {
  return {
    id: r.id,
    createdAt: r.created_at,
    status: r.status,
    type: r.payment_type,
    hours: r.hours,
    learner: { id: r.learner_id, name: r.learner_name, email: r.learner_email },
    instructor: { id: r.instructor_id, name: r.instructor_name },
    paymentIntentId: r.stripe_payment_intent_id,
    totalPence: r.total_amount_pence,
    instructorPence: r.instructor_amount_pence,
    feePence: r.platform_fee_pence,
    discountPence: r.discount_pence,
    refundedPence: r.amount_refunded_pence,
    code: r.discount_code ?? r.referral_code,
  };
}

function whereOf(query: PaymentQuery): Where {
  const where = new Where();
  if (query.status) where.add('p.status = ?', query.status);
  if (query.type) where.add('p.payment_type = ?', query.type);
  if (query.instructorId) where.add('p.instructor_id = ?', query.instructorId);
  if (query.code) where.add('(dc.code = ? OR rc.code = ?)', query.code, query.code);
  const { start, end } = londonBounds(query.from, query.to);
  if (start !== undefined) where.add('p.created_at >= ?', start);
  if (end !== undefined) where.add('p.created_at < ?', end);
  if (query.q) {
    const like = likeAny(query.q);
    // Matching learners first (users is small), then their payments by payments_learner_idx.
    where.add(
      `(p.learner_id IN (SELECT id FROM users WHERE name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')
        OR p.stripe_payment_intent_id = ? OR p.id = ?)`,
      like,
      like,
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

/** The count joins only what the filters read (learner and instructor rows always exist: NOT NULL foreign keys). */
function countFrom(query: PaymentQuery): string {
  return [
    'FROM payments p',
    query.code ? 'LEFT JOIN discount_codes dc ON dc.id = p.discount_code_id' : '',
    query.code ? 'LEFT JOIN referral_codes rc ON rc.id = p.referral_code_id' : '',
  ].join(' ');
}

export function listPayments(sqlite: Sqlite, query: PaymentQuery): Page<PaymentListRow> {
  const where = whereOf(query);
  const total = sqlite
    .prepare(`SELECT count(*) ${countFrom(query)} ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  // Ties break on rowid, which every index carries, so the sort walks an index instead of sorting the table.
  const order = [...SORT_SQL[query.sort.column], 'p.rowid'].map((c) => `${c} ${direction}`).join(', ');
  const rows = sqlite
    .prepare(`SELECT ${PAYMENT_COLUMNS} ${PAYMENT_FROM} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...where.params, query.pageSize, (query.page - 1) * query.pageSize) as PaymentSqlRow[];
  return { rows: rows.map(toPaymentRow), total, page: query.page, pageSize: query.pageSize };
}

export function paymentFacets(sqlite: Sqlite): PaymentFacets {
  return {
    instructors: sqlite
      .prepare(
        `SELECT i.id, u.name FROM instructors i JOIN users u ON u.id = i.user_id
         WHERE EXISTS (SELECT 1 FROM payments p WHERE p.instructor_id = i.id)
         ORDER BY u.name COLLATE NOCASE, i.id`,
      )
      .all() as { id: string; name: string }[],
    codes: sqlite
      .prepare(
        `SELECT code FROM discount_codes WHERE id IN (SELECT discount_code_id FROM payments)
         UNION SELECT code FROM referral_codes WHERE id IN (SELECT referral_code_id FROM payments)
         ORDER BY code`,
      )
      .pluck()
      .all() as string[],
  };
}
