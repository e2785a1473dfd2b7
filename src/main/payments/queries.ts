// A payment row as the Payments page shows it (columns, joins, mapping), and the options of its filter menus.
import type {
  PaymentFacets,
  PaymentListRow,
  PaymentStatus,
  PaymentType,
} from '../../shared/contract/payments';
import type { Sqlite } from '../db/open';

/** Names and codes of a payment; CROSS JOIN keeps payments (or a page of them) the outer loop of the join. */
export const PAYMENT_JOINS = `CROSS JOIN users l ON l.id = p.learner_id
  CROSS JOIN instructors i ON i.id = p.instructor_id
  CROSS JOIN users iu ON iu.id = i.user_id
  LEFT JOIN discount_codes dc ON dc.id = p.discount_code_id
  LEFT JOIN referral_codes rc ON rc.id = p.referral_code_id`;
export const PAYMENT_FROM = `FROM payments p ${PAYMENT_JOINS}`;

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
