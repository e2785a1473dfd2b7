// Pausing or resuming a code: the operator's intent and its audit row are committed with the Stripe write (an
// update of the promotion code the row mirrors), then the outbox sends it and a job shows how it went.
import { randomUUID } from 'node:crypto';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { submitStripeWrites } from '../outbox/index';
import { isFinal, latestRequestFor } from '../outbox/requests';
import { CODE_STATUS_INTENT } from './queries';

interface CodeRecord {
  table: 'discount_codes' | 'referral_codes';
  code: string;
  promotionCodeId: string | null;
}

function findCode(ctx: HandlerContext, id: string): CodeRecord | null {
  for (const table of ['discount_codes', 'referral_codes'] as const) {
    const row = ctx.sqlite
      .prepare(`SELECT code, stripe_promotion_code_id AS promotionCodeId FROM ${table} WHERE id = ?`)
      .get(id) as Omit<CodeRecord, 'table'> | undefined;
    if (row) return { table, ...row };
  }
  return null;
}

/** Whether the promotion code is active in Stripe (as last synced): a code can be inactive for other reasons too. */
function activeInStripe(ctx: HandlerContext, promotionCodeId: string): boolean {
  return (
    ctx.sqlite
      .prepare("SELECT json_extract(payload, '$.active') FROM stripe_objects WHERE id = ?")
      .pluck()
      .get(promotionCodeId) === 1
  );
}

export function setCodeActive(
  ctx: HandlerContext,
  input: { codeId: string; active: boolean; note?: string },
): { jobId: string; requestId: string } {
  const operator = requireOperator(ctx);
  const found = findCode(ctx, input.codeId);
  if (!found) throw notFound('A code with this id');
  const { code, promotionCodeId } = found;
  if (!promotionCodeId)
    throw new AppError('conflict', `${code} has no promotion code in Stripe to pause or resume.`);
  const verb = input.active ? 'Resume' : 'Pause';
  const requestId = randomUUID();
  const { jobId } = submitStripeWrites(ctx, {
    title: `${verb} ${code} in Stripe`,
    by: { id: operator.id, name: operator.name },
    record: (now) => {
      // Checked in the transaction that records the change, so two desks cannot both queue one.
      const latest = latestRequestFor(ctx.sqlite, CODE_STATUS_INTENT, input.codeId);
      if (latest && !isFinal(latest.state))
        throw new AppError(
          'conflict',
          `A change to ${code} is still on its way to Stripe (${latest.state}). Wait for it to finish, then try again.`,
        );
      const was = activeInStripe(ctx, promotionCodeId);
      if (was === input.active)
        throw new AppError('conflict', `${code} is already ${input.active ? 'active' : 'paused'} in Stripe.`);
      appendAudit(ctx.sqlite, {
        entityType: found.table === 'discount_codes' ? 'discount_code' : 'referral_code',
        entityId: input.codeId,
        action: input.active ? 'resume_requested' : 'pause_requested',
        oldValues: { active: was },
        newValues: { active: input.active, ...(input.note ? { note: input.note } : {}) },
        userId: operator.id,
        actor: 'operator',
        createdAt: now,
      });
      return [
        {
          id: requestId,
          kind: 'promotion_code.update',
          target: promotionCodeId,
          params: { active: input.active },
          idempotencyKey: `promotion-code-active:${requestId}`,
          intent: { type: CODE_STATUS_INTENT, id: input.codeId },
          description: `${verb} ${code}`,
        },
      ];
    },
  });
  return { jobId, requestId };
}
