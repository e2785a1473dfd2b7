// Creating codes: one typed in, or a batch generated with a prefix. Each definition, its audit row and the Stripe
// writes that mirror it (a coupon per percentage, a promotion code per code) are committed together, then sent as
// one job.
import { randomUUID } from 'node:crypto';
import type { ParsedInputOf } from '../../shared/contract';
import { londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { submitStripeWrites } from '../outbox/index';
import { projectRoots } from '../projection/project';
import { codeRowId, codeTextRoot } from './code-text';
import type { CodeDefinition } from './definitions';
import { MirrorPlanner } from './mirror';
import { auditCode, generateCode, insertNewDefinition, requireFutureExpiry, requireReferrer } from './rules';

type Terms = Pick<CodeDefinition, 'kind' | 'percentage' | 'maxUses' | 'expiresOn' | 'referrerId' | 'batchId'>;

/** Records new definitions (audited, projected) and plans their writes, inside the submission's transaction. */
function recordNew(
  ctx: HandlerContext,
  codes: string[],
  terms: Terms,
  note: string | undefined,
  now: number,
) {
  const operator = requireOperator(ctx);
  const planner = new MirrorPlanner(ctx.sqlite, londonDate(now));
  for (const code of codes) {
    const d: CodeDefinition = {
      id: codeRowId(code),
      code,
      ...terms,
      isActive: true,
      origin: 'console',
      createdBy: operator.id,
      createdAt: now,
      updatedAt: now,
    };
    insertNewDefinition(ctx.sqlite, d);
    auditCode(
      ctx.sqlite,
      d,
      'created',
      {
        old: null,
        new: {
          code,
          percentage: d.percentage,
          max_uses: d.maxUses,
          expires_on: d.expiresOn,
          ...(d.referrerId ? { referrer_id: d.referrerId } : {}),
          ...(d.batchId ? { batch_id: d.batchId } : {}),
          ...(note ? { note } : {}),
        },
      },
      operator.id,
      now,
    );
    planner.plan(d);
  }
  projectRoots(ctx.projection, ctx.sqlite, codes.map(codeTextRoot), now);
  return planner.writes;
}

export function createCode(ctx: HandlerContext, input: ParsedInputOf<'codes.create'>) {
  const operator = requireOperator(ctx);
  requireFutureExpiry(input.expiresOn, londonDate(ctx.clock.now()));
  requireReferrer(ctx.sqlite, input.kind, input.referrerId);
  const { jobId } = submitStripeWrites(ctx, {
    title: `Create ${input.code} in Stripe`,
    by: { id: operator.id, name: operator.name },
    record: (now) =>
      recordNew(
        ctx,
        [input.code],
        {
          kind: input.kind,
          percentage: input.percentage,
          maxUses: input.maxUses,
          expiresOn: input.expiresOn,
          referrerId: input.referrerId ?? null,
          batchId: null,
        },
        input.note,
        now,
      ),
  });
  return { codeId: codeRowId(input.code), code: input.code, jobId: jobId! };
}

export function generateCodes(ctx: HandlerContext, input: ParsedInputOf<'codes.generate'>) {
  const operator = requireOperator(ctx);
  requireFutureExpiry(input.expiresOn, londonDate(ctx.clock.now()));
  const batchId = randomUUID();
  let codes: string[] = [];
  const { jobId } = submitStripeWrites(ctx, {
    title: `Create ${input.count.toLocaleString('en-GB')} ${input.prefix} code${input.count === 1 ? '' : 's'} in Stripe`,
    by: { id: operator.id, name: operator.name },
    record: (now) => {
      const taken = new Set<string>();
      codes = Array.from({ length: input.count }, () => generateCode(ctx.sqlite, input.prefix, taken)).sort();
      return recordNew(
        ctx,
        codes,
        {
          kind: 'discount',
          percentage: input.percentage,
          maxUses: input.maxUses,
          expiresOn: input.expiresOn,
          referrerId: null,
          batchId,
        },
        input.note,
        now,
      );
    },
  });
  return { batchId, jobId: jobId!, codes };
}
