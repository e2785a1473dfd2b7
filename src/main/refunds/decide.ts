// Deciding on a refund request. An approval re-checks, inside one immediate transaction, that the hours are still
// unused and that no other refund of the payment is on its way, fixes the amount, records the decision with its
// audit row (both operators) and commits the Stripe refund to the outbox under the key `refund:{request id}`.
import type { ParsedInputOf } from '../../shared/contract';
import type { RefundStatus } from '../../shared/contract/refunds';
import { formatPence } from '../../shared/money';
import type { CallingOperator, HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';
import { submitStripeWrites, type AnyStripeWrite } from '../outbox/index';
import { amountFor, hoursForAmount, hoursProblem, refundableOf, usedPart } from './refundable';
import { approvalLimit } from './request';
import { approveRefusal, rejectRefusal, usedHoursRefusal } from './rules';

/** The outbox intent of a refund request's Stripe refund. */
export const REFUND_INTENT = 'refund';

interface RequestRow {
  id: string;
  payment_id: string;
  hours: number;
  used_hours: number;
  amount_pence: number;
  requested_amount_pence: number | null;
  reason: 'requested_by_customer' | 'duplicate' | 'fraudulent';
  note: string;
  requested_by: string;
  requester: string;
  state: string;
}

function requestRow(sqlite: Sqlite, id: string): RequestRow {
  const row = sqlite
    .prepare(
      `SELECT rr.*, u.name AS requester FROM refund_requests rr JOIN users u ON u.id = rr.requested_by WHERE rr.id = ?`,
    )
    .get(id) as RequestRow | undefined;
  if (!row) throw notFound('The refund request');
  if (row.state !== 'requested')
    throw new AppError('conflict', `This refund request was ${row.state} already; nothing changed.`);
  return row;
}

function recordDecision(
  ctx: HandlerContext,
  operator: CallingOperator,
  row: RequestRow,
  decision: {
    state: 'approved' | 'rejected';
    amountPence: number;
    usedHours: number;
    note: string | null;
    limit: number;
  },
  now: number,
) {
  ctx.sqlite
    .prepare(
      `UPDATE refund_requests SET state = ?, amount_pence = ?, used_hours = ?, decided_by = ?, decided_at = ?,
         decision_note = ? WHERE id = ? AND state = 'requested'`,
    )
    .run(decision.state, decision.amountPence, decision.usedHours, operator.id, now, decision.note, row.id);
  appendAudit(ctx.sqlite, {
    entityType: 'refund',
    entityId: row.id,
    action: decision.state,
    oldValues: { state: 'requested', amount_pence: row.amount_pence },
    newValues: {
      state: decision.state,
      payment_id: row.payment_id,
      hours: row.hours,
      ...(decision.usedHours > 0 ? { used_hours: decision.usedHours } : {}),
      amount_pence: decision.amountPence,
      requested_by: row.requester,
      requested_by_id: row.requested_by,
      decided_by: operator.name,
      decided_by_role: operator.role,
      approval_limit_pence: decision.limit,
      ...(decision.note ? { note: decision.note } : {}),
    },
    userId: operator.id,
    actor: 'operator',
    createdAt: now,
  });
}

function approve(
  ctx: HandlerContext,
  operator: CallingOperator,
  input: { requestId: string; note?: string; expectedAmountPence?: number },
) {
  let amountPence = 0;
  const { jobId } = submitStripeWrites(ctx, {
    title: () => `Refund ${formatPence(amountPence)} in Stripe`,
    by: { id: operator.id, name: operator.name },
    record: (now): AnyStripeWrite[] => {
      const row = requestRow(ctx.sqlite, input.requestId);
      const r = refundableOf(ctx.sqlite, row.payment_id, row.id)!;
      if (r.inFlightHours > 0)
        throw new AppError(
          'conflict',
          'Another refund of this payment is on its way to Stripe: approve this one once it has arrived (a few seconds), so the two cannot overlap.',
        );
      const usedHours = usedPart(r, row.hours, 'none');
      const usedRefusal = usedHoursRefusal(operator.role, usedHours);
      if (usedRefusal) throw new AppError('forbidden', usedRefusal);
      const problem = hoursProblem(r, row.hours, operator.role, 'none');
      if (problem)
        throw new AppError('conflict', `${problem} Reject this request, or ask again for what is left.`);
      if (row.requested_amount_pence === null) amountPence = amountFor(r, row.hours);
      else {
        // Asked for by amount: the amount stays, and must still take exactly the hours it took when asked.
        const taken = hoursForAmount(r, row.requested_amount_pence, operator.role, 'none');
        if ('problem' in taken || taken.hours !== row.hours)
          throw new AppError(
            'conflict',
            `${formatPence(row.requested_amount_pence)} now takes ${'problem' in taken ? 'more than is left' : `${taken.hours} h`}, not the ${row.hours} h it took when asked (another refund of this payment went first). Reject this request, or ask again.`,
          );
        amountPence = row.requested_amount_pence;
      }
      const limit = approvalLimit(ctx, now);
      const refusal = approveRefusal(operator, { requestedBy: row.requested_by, amountPence }, limit);
      if (refusal) throw new AppError('forbidden', refusal);
      if (input.expectedAmountPence !== undefined && input.expectedAmountPence !== amountPence)
        throw new AppError(
          'conflict',
          `The refund is now worth ${formatPence(amountPence)}, not ${formatPence(input.expectedAmountPence)}: another refund of this payment took the last hours first. Check it and approve again.`,
          { amountPence },
        );
      recordDecision(
        ctx,
        operator,
        row,
        { state: 'approved', amountPence, usedHours, note: input.note ?? null, limit },
        now,
      );
      // Its place among the payment's console refunds: sync orders refunds made in the same second by it.
      const number = ctx.sqlite
        .prepare("SELECT count(*) FROM refund_requests WHERE payment_id = ? AND state = 'approved'")
        .pluck()
        .get(row.payment_id) as number;
      const pi = r.payment.paymentIntentId;
      return [
        {
          kind: 'refund.create',
          params: {
            ...(pi.startsWith('ch_') ? { charge: pi } : { payment_intent: pi }),
            amount: amountPence,
            reason: row.reason,
            metadata: {
              lplate_refund_request_id: row.id,
              lplate_refund_hours: String(row.hours),
              ...(usedHours > 0 ? { lplate_refund_used_hours: String(usedHours) } : {}),
              lplate_refund_number: String(number),
            },
          },
          idempotencyKey: `refund:${row.id}`,
          intent: { type: REFUND_INTENT, id: row.id },
          description: `Refund ${formatPence(amountPence)} (${row.hours} h) of ${pi} to ${r.payment.learner.name}`,
        },
      ];
    },
  });
  return { status: 'approved' as RefundStatus, amountPence, jobId };
}

function reject(ctx: HandlerContext, operator: CallingOperator, input: { requestId: string; note: string }) {
  return ctx.sqlite
    .transaction(() => {
      const now = ctx.clock.now();
      const row = requestRow(ctx.sqlite, input.requestId);
      const limit = approvalLimit(ctx, now);
      const refusal = rejectRefusal(
        operator,
        { requestedBy: row.requested_by, amountPence: row.amount_pence },
        limit,
      );
      if (refusal) throw new AppError('forbidden', refusal);
      recordDecision(
        ctx,
        operator,
        row,
        {
          state: 'rejected',
          amountPence: row.amount_pence,
          usedHours: row.used_hours,
          note: input.note,
          limit,
        },
        now,
      );
      return { status: 'rejected' as RefundStatus, amountPence: row.amount_pence, jobId: null };
    })
    .immediate();
}

export function decideRefund(ctx: HandlerContext, input: ParsedInputOf<'refunds.decide'>) {
  const operator = requireOperator(ctx);
  return input.decision === 'approve' ? approve(ctx, operator, input) : reject(ctx, operator, input);
}
