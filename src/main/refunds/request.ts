// Asking for a refund: checks the hours (or the amount, and the hours it takes) against what the payment can give back
// inside the transaction that records it, fixes the amount, and records the request with its audit row. Nothing goes
// to Stripe yet.
import { randomUUID } from 'node:crypto';
import type { ParsedInputOf } from '../../shared/contract';
import { londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { fieldError, notFound } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { settingOn } from '../settings/service';
import { amountFor, hoursForAmount, hoursProblem, quoteOf, refundableOf, usedPart } from './refundable';

export const approvalLimit = (ctx: Pick<HandlerContext, 'sqlite'>, now: number) =>
  settingOn(ctx.sqlite, 'refund_approval_limit_pence', londonDate(now));

export function quoteRefund(ctx: HandlerContext, paymentId: string) {
  const r = refundableOf(ctx.sqlite, paymentId);
  if (!r) throw notFound('The payment');
  return quoteOf(ctx.sqlite, r, approvalLimit(ctx, ctx.clock.now()), requireOperator(ctx).role);
}

export function requestRefund(ctx: HandlerContext, input: ParsedInputOf<'refunds.request'>) {
  const operator = requireOperator(ctx);
  return ctx.sqlite
    .transaction(() => {
      const now = ctx.clock.now();
      const r = refundableOf(ctx.sqlite, input.paymentId);
      if (!r) throw notFound('The payment');
      // Requests awaiting a decision take their hours first, so this one is worth the hours below theirs.
      const after = { ...r, inFlightHours: r.inFlightHours + r.awaitingHours };
      let hours: number;
      let amountPence: number;
      if (input.amount !== undefined) {
        const taken = hoursForAmount(after, input.amount, operator.role, 'awaiting');
        if ('problem' in taken) throw fieldError('amount', taken.problem);
        hours = taken.hours;
        amountPence = input.amount;
      } else {
        hours = input.hours!;
        const problem = hoursProblem(r, hours, operator.role, 'awaiting');
        if (problem) throw fieldError('hours', problem);
        amountPence = amountFor(after, hours);
      }
      const usedHours = usedPart(r, hours, 'awaiting');
      const id = randomUUID();
      ctx.sqlite
        .prepare(
          `INSERT INTO refund_requests (id, payment_id, hours, used_hours, amount_pence, requested_amount_pence, reason, note,
             requested_by, created_at, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested')`,
        )
        .run(
          id,
          r.payment.id,
          hours,
          usedHours,
          amountPence,
          input.amount ?? null,
          input.reason,
          input.note,
          operator.id,
          now,
        );
      const limit = approvalLimit(ctx, now);
      appendAudit(ctx.sqlite, {
        entityType: 'refund',
        entityId: id,
        action: 'requested',
        newValues: {
          payment_id: r.payment.id,
          payment_intent: r.payment.paymentIntentId,
          hours,
          ...(input.amount !== undefined ? { requested_amount_pence: input.amount } : {}),
          ...(usedHours > 0 ? { used_hours: usedHours } : {}),
          amount_pence: amountPence,
          reason: input.reason,
          note: input.note,
          requested_by: operator.name,
          approval_limit_pence: limit,
        },
        userId: operator.id,
        actor: 'operator',
        createdAt: now,
      });
      return { requestId: id, amountPence, aboveLimit: amountPence > limit };
    })
    .immediate();
}
