// The refunds list: console requests with their decision and where their Stripe refund stands, and refunds made in
// the Stripe Dashboard (a refunds row no console write made), in one query paged and sorted in SQL.
import type { ParsedInputOf } from '../../shared/contract';
import type { Role } from '../../shared/contract/define';
import type { RefundRow, RefundStatus } from '../../shared/contract/refunds';
import type { CallingOperator } from '../api/context';
import type { Sqlite } from '../db/open';
import { likeAny, selectPage, Where } from '../db/sql';
import { refundProblem } from './problem';
import { approveRefusal, rejectRefusal } from './rules';

/** Every refund, whoever made it, with its status as one word (see RefundStatus). */
export const ALL_REFUNDS = `
  SELECT rr.id, 'request' AS origin, rr.payment_id, rr.hours, rr.used_hours, rr.amount_pence, rr.reason, rr.note,
         rr.requested_by, rr.created_at, rr.decided_by, rr.decided_at, rr.decision_note,
         w.stripe_object_id AS stripe_refund_id, w.job_id, w.error_code, w.error_param, w.error_message,
         w.held_reason, r.failure_reason, r.pending_reason,
         CASE WHEN rr.state <> 'approved' THEN rr.state
              WHEN r.status IS NOT NULL THEN r.status
              WHEN w.state IN ('failed', 'canceled') THEN 'failed'
              WHEN w.state = 'pending' AND w.attempts = 0 THEN 'approved'
              ELSE 'submitted' END AS status
  FROM refund_requests rr
  LEFT JOIN stripe_requests w ON w.intent_type = 'refund' AND w.intent_id = rr.id
  LEFT JOIN (SELECT f.stripe_refund_id, f.status,
                    json_extract(o.payload, '$.failure_reason') AS failure_reason,
                    json_extract(o.payload, '$.pending_reason') AS pending_reason
             FROM refunds f LEFT JOIN stripe_object_states o ON o.id = f.stripe_refund_id) r
         ON r.stripe_refund_id = w.stripe_object_id
  UNION ALL
  SELECT f.id, 'external', f.payment_id, f.hours, f.used_hours, f.amount_pence, f.reason, NULL, NULL, f.created_at, NULL, NULL,
         NULL, f.stripe_refund_id, NULL, NULL, NULL, NULL, NULL,
         json_extract(o.payload, '$.failure_reason'), json_extract(o.payload, '$.pending_reason'), f.status
  FROM refunds f LEFT JOIN stripe_object_states o ON o.id = f.stripe_refund_id
  WHERE NOT EXISTS (SELECT 1 FROM stripe_requests w WHERE w.stripe_object_id = f.stripe_refund_id
                      AND w.intent_type = 'refund')`;

const SORTS = { created: 'a.created_at', amount: 'a.amount_pence' } as const;

interface SqlRow {
  id: string;
  origin: 'request' | 'external';
  payment_id: string;
  hours: number | null;
  used_hours: number;
  amount_pence: number;
  reason: string;
  note: string | null;
  requested_by: string | null;
  requester_name: string | null;
  created_at: number;
  decided_by: string | null;
  decider_name: string | null;
  decided_at: number | null;
  decision_note: string | null;
  stripe_refund_id: string | null;
  job_id: string | null;
  error_code: string | null;
  error_param: string | null;
  error_message: string | null;
  held_reason: string | null;
  failure_reason: string | null;
  pending_reason: string | null;
  status: RefundStatus;
  pi: string;
  paid: number;
  learner_id: string;
  learner_name: string;
  instructor_id: string;
  instructor_name: string;
}

export function listRefunds(
  sqlite: Sqlite,
  operator: CallingOperator,
  limitPence: number,
  input: ParsedInputOf<'refunds.list'>,
) {
  const where = new Where();
  if (input.status) where.add('a.status = ?', input.status);
  if (input.origin) where.add('a.origin = ?', input.origin);
  if (input.paymentId) where.add('a.payment_id = ?', input.paymentId);
  if (input.q) {
    const like = likeAny(input.q);
    where.add(
      `(l.name LIKE ? ESCAPE '\\' OR l.email LIKE ? ESCAPE '\\' OR iu.name LIKE ? ESCAPE '\\'
        OR rq.name LIKE ? ESCAPE '\\' OR p.stripe_payment_intent_id = ? OR a.stripe_refund_id = ? OR a.id = ?)`,
      like,
      like,
      like,
      like,
      input.q,
      input.q,
      input.q,
    );
  }
  const from = `FROM (${ALL_REFUNDS}) a
    JOIN payments p ON p.id = a.payment_id
    JOIN users l ON l.id = p.learner_id
    JOIN instructors i ON i.id = p.instructor_id
    JOIN users iu ON iu.id = i.user_id
    LEFT JOIN users rq ON rq.id = a.requested_by
    LEFT JOIN users dc ON dc.id = a.decided_by
    ${where.sql}`;
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const page = selectPage<SqlRow>(
    sqlite,
    {
      columns: `a.*, rq.name AS requester_name, dc.name AS decider_name, p.stripe_payment_intent_id AS pi,
        p.total_amount_pence AS paid, p.learner_id, l.name AS learner_name, p.instructor_id,
        iu.name AS instructor_name`,
      from,
      params: where.params,
      orderBy: `${SORTS[input.sort.column]} ${direction}, a.id ${direction}`,
    },
    input,
  );
  return {
    ...page,
    rows: page.rows.map((row) => toRefundRow(row, operator, limitPence)),
    awaitingDecision: awaitingDecision(sqlite),
  };
}

export const awaitingDecision = (sqlite: Sqlite) =>
  sqlite.prepare("SELECT count(*) FROM refund_requests WHERE state = 'requested'").pluck().get() as number;

function toRefundRow(row: SqlRow, operator: { id: string; role: Role }, limitPence: number): RefundRow {
  const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? id } : null);
  const subject = {
    requestedBy: row.requested_by ?? '',
    amountPence: row.amount_pence,
    usedHours: row.used_hours,
  };
  return {
    id: row.id,
    origin: row.origin,
    status: row.status,
    amountPence: row.amount_pence,
    hours: row.hours,
    usedHours: row.used_hours,
    reason: row.reason,
    note: row.note,
    payment: { id: row.payment_id, paymentIntentId: row.pi, paidPence: row.paid },
    learner: { id: row.learner_id, name: row.learner_name },
    instructor: { id: row.instructor_id, name: row.instructor_name },
    requestedBy: person(row.requested_by, row.requester_name),
    createdAt: row.created_at,
    decidedBy: person(row.decided_by, row.decider_name),
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    stripeRefundId: row.stripe_refund_id,
    problem: refundProblem(row),
    jobId: row.job_id,
    aboveLimit: row.origin === 'request' && row.amount_pence > limitPence,
    decision:
      row.status === 'requested'
        ? {
            approve: approveRefusal(operator, subject, limitPence),
            reject: rejectRefusal(operator, subject, limitPence),
          }
        : null,
  };
}
