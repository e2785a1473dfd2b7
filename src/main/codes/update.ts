// Changing a code (active, max uses, expiry), sending it to Stripe again, or taking over a code made in Stripe: the
// definition changes at once (audited) and the writes that bring Stripe in step are committed with it.
import type { ParsedInputOf } from '../../shared/contract';
import { formatDay, londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, fieldError, notFound } from '../api/errors';
import type { Sqlite } from '../db/open';
import { statement } from '../db/statements';
import { submitStripeWrites } from '../outbox/index';
import { projectRoots } from '../projection/project';
import { codeTextRoot, UNLIMITED_USES } from './code-text';
import {
  definitionById,
  insertDefinition,
  updateDefinition,
  type CodeDefinition,
  type DefinitionChange,
} from './definitions';
import { CODE_INTENT, MirrorPlanner } from './mirror';
import { auditCode, requireFutureExpiry } from './rules';

interface CodeRowState {
  kind: 'discount' | 'referral';
  code: string;
  percentage: number;
  maxUses: number;
  usesCount: number;
  expiresOn: string | null;
  isActive: boolean;
  referrerId: string | null;
  createdAt: number;
}

function codeRow(sqlite: Sqlite, id: string): CodeRowState | null {
  const row = statement(
    sqlite,
    `SELECT 'discount' AS kind, code, discount_percentage AS percentage, max_uses AS maxUses, uses_count AS usesCount,
              expires_at AS expiresOn, is_active AS isActive, NULL AS referrerId, created_at AS createdAt
       FROM discount_codes WHERE id = @id
       UNION ALL
       SELECT 'referral', code, discount_percentage, max_uses, uses_count, expires_at, is_active, referrer_id, created_at
       FROM referral_codes WHERE id = @id`,
  ).get({ id }) as (Omit<CodeRowState, 'isActive'> & { isActive: number }) | undefined;
  return row ? { ...row, isActive: row.isActive === 1 } : null;
}

/** The definition of a code, taking the code over (from its Stripe terms, audited) when only Stripe had it. */
function definitionOf(ctx: HandlerContext, codeId: string, now: number, note?: string): CodeDefinition {
  const existing = definitionById(ctx.sqlite, codeId);
  if (existing) return existing;
  const row = codeRow(ctx.sqlite, codeId);
  if (!row) throw notFound('A code with this id');
  const operator = requireOperator(ctx);
  const d: CodeDefinition = {
    id: codeId,
    kind: row.kind,
    code: row.code,
    percentage: row.percentage,
    maxUses: row.maxUses >= UNLIMITED_USES ? null : row.maxUses,
    expiresOn: row.expiresOn,
    isActive: row.isActive,
    referrerId: row.referrerId,
    batchId: null,
    origin: 'stripe',
    // Who took it over; it was made when Stripe made it.
    createdBy: operator.id,
    createdAt: row.createdAt,
    updatedAt: now,
  };
  insertDefinition(ctx.sqlite, d);
  auditCode(
    ctx.sqlite,
    d,
    'adopted',
    {
      old: null,
      new: {
        percentage: d.percentage,
        max_uses: d.maxUses,
        expires_on: d.expiresOn,
        active: d.isActive,
        ...(note ? { note } : {}),
      },
    },
    operator.id,
    now,
  );
  return d;
}

function refuseWhileSending(sqlite: Sqlite, d: CodeDefinition): void {
  const open = statement(
    sqlite,
    `SELECT state FROM stripe_requests WHERE intent_type = ? AND intent_id = ? AND state IN ('pending', 'sent', 'unknown')
       ORDER BY seq DESC LIMIT 1`,
    'pluck',
  ).get(CODE_INTENT, d.id) as string | undefined;
  if (open)
    throw new AppError(
      'conflict',
      `A change to ${d.code} is still on its way to Stripe (${open}). Wait for it to finish (see Jobs), then try again.`,
    );
}

/** What changes, checked against the code's uses and today; throws when nothing would. */
function changeOf(
  input: ParsedInputOf<'codes.update'>,
  d: CodeDefinition,
  usesCount: number,
  today: string,
): DefinitionChange {
  const change: DefinitionChange = {};
  if (input.active !== undefined && input.active !== d.isActive) change.isActive = input.active;
  if (input.maxUses !== undefined && input.maxUses !== d.maxUses) {
    if (input.maxUses !== null && input.maxUses < usesCount)
      throw fieldError(
        'maxUses',
        `${d.code} has been used ${usesCount} time${usesCount === 1 ? '' : 's'}: its limit cannot be lower than that.`,
      );
    change.maxUses = input.maxUses;
  }
  if (input.expiresOn !== undefined && input.expiresOn !== d.expiresOn) {
    requireFutureExpiry(input.expiresOn, today);
    change.expiresOn = input.expiresOn;
  }
  if (Object.keys(change).length === 0)
    throw new AppError('conflict', `${d.code} already has these values: nothing to change.`);
  return change;
}

/** The job's title: "Deactivate WELCOME10 in Stripe", or "Change WELCOME10 in Stripe: limit 60, expiry Fri 1 Jan 2027". */
function describe(code: string, change: DefinitionChange): string {
  const parts: string[] = [];
  if (change.maxUses !== undefined) parts.push(`limit ${change.maxUses ?? 'none'}`);
  if (change.expiresOn !== undefined)
    parts.push(`expiry ${change.expiresOn === null ? 'none' : formatDay(change.expiresOn)}`);
  const verb = change.isActive === undefined ? 'Change' : change.isActive ? 'Reactivate' : 'Deactivate';
  return `${verb} ${code} in Stripe${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function updateCode(
  ctx: HandlerContext,
  input: ParsedInputOf<'codes.update'>,
): { jobId: string | null } {
  const operator = requireOperator(ctx);
  const usesCount = codeRow(ctx.sqlite, input.codeId)?.usesCount ?? 0;
  let title = 'Change a code in Stripe';
  const { jobId } = submitStripeWrites(ctx, {
    title: () => title,
    by: { id: operator.id, name: operator.name },
    record: (now) => {
      const d = definitionOf(ctx, input.codeId, now, input.note);
      refuseWhileSending(ctx.sqlite, d);
      const change = changeOf(input, d, usesCount, londonDate(now));
      title = describe(d.code, change);
      updateDefinition(ctx.sqlite, d.id, change, now);
      auditCode(
        ctx.sqlite,
        d,
        'updated',
        {
          old: pick(d, change),
          new: { ...pick({ ...d, ...change }, change), ...(input.note ? { note: input.note } : {}) },
        },
        operator.id,
        now,
      );
      projectRoots(ctx.projection, ctx.sqlite, [codeTextRoot(d.code)], now);
      const planner = new MirrorPlanner(ctx.sqlite, londonDate(now));
      planner.plan(definitionById(ctx.sqlite, d.id)!);
      return planner.writes;
    },
  });
  return { jobId };
}

/** The changed fields' values, named as the audit log names them. */
function pick(d: CodeDefinition, change: DefinitionChange): Record<string, unknown> {
  return {
    ...(change.isActive !== undefined ? { active: d.isActive } : {}),
    ...(change.maxUses !== undefined ? { max_uses: d.maxUses } : {}),
    ...(change.expiresOn !== undefined ? { expires_on: d.expiresOn } : {}),
  };
}

export function resendCode(ctx: HandlerContext, input: ParsedInputOf<'codes.resend'>): { jobId: string } {
  const operator = requireOperator(ctx);
  const d = definitionById(ctx.sqlite, input.codeId);
  if (!d)
    throw new AppError(
      'conflict',
      'This code was made in Stripe: the console sends only its own codes. Take it over first.',
    );
  const { jobId } = submitStripeWrites(ctx, {
    title: `Send ${d.code} to Stripe again`,
    by: { id: operator.id, name: operator.name },
    record: (now) => {
      refuseWhileSending(ctx.sqlite, d);
      const planner = new MirrorPlanner(ctx.sqlite, londonDate(now));
      if (planner.plan(d) === 0)
        throw new AppError('conflict', `${d.code} is already in step with Stripe: nothing to send.`);
      auditCode(
        ctx.sqlite,
        d,
        'resent',
        { old: null, new: { writes: planner.writes.length } },
        operator.id,
        now,
      );
      return planner.writes;
    },
  });
  return { jobId: jobId! };
}

export function adoptCode(ctx: HandlerContext, input: ParsedInputOf<'codes.adopt'>): { codeId: string } {
  ctx.sqlite.transaction(() => {
    if (definitionById(ctx.sqlite, input.codeId))
      throw new AppError('conflict', 'The console manages this code already.');
    const now = ctx.clock.now();
    const d = definitionOf(ctx, input.codeId, now, input.note);
    projectRoots(ctx.projection, ctx.sqlite, [codeTextRoot(d.code)], now);
  })();
  return { codeId: input.codeId };
}
