// Disputes as Stripe reports them (read from the synced objects), with the evidence deadline, and finance's recorded
// decision on the instructor's share of a lost one: absorb it, or claw it back (audited, journaled, and carried out
// as any clawback: earnings not transferred are cancelled, transferred ones reversed, a refused reversal deducted).
import { randomUUID } from 'node:crypto';
import type { ParsedInputOf } from '../../shared/contract';
import type { DisputeRow } from '../../shared/contract/disputes';
import type { HandlerContext, WorkspaceInfo } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';
import { dashboardUrl, selectPage, Where } from '../db/sql';
import { submitStripeWrites, type AnyStripeWrite } from '../outbox/index';
import { projectRoots } from '../projection/project';
import type { StripeJson } from '../stripe/json';
import { clawBack } from './clawbacks';

const DAY_MS = 86_400_000;
/** Stripe's dispute states that still wait for the platform's evidence. */
const AWAITING_EVIDENCE = new Set(['needs_response', 'warning_needs_response']);
const CLOSED = "('won', 'lost', 'warning_closed')";

const DISPUTES = `
  SELECT o.id, json_extract(o.payload, '$.status') AS status, json_extract(o.payload, '$.amount') AS amount,
         json_extract(o.payload, '$.reason') AS reason, o.created * 1000 AS created_at,
         json_extract(o.payload, '$.evidence_details.due_by') * 1000 AS due_by,
         p.id AS payment_id, p.stripe_payment_intent_id AS pi, p.learner_id, l.name AS learner_name,
         p.instructor_id, iu.name AS instructor_name,
         (SELECT ifnull(sum(e.amount_pence), 0) FROM earnings e WHERE e.payment_id = p.id AND e.status <> 'cancelled') AS share,
         d.decision, d.note AS decision_note, du.name AS decided_by, d.created_at AS decided_at,
         d.instructor_share_pence AS decided_share
  FROM stripe_object_states o
  LEFT JOIN payments p ON p.stripe_payment_intent_id =
       ifnull(json_extract(o.payload, '$.payment_intent'), json_extract(o.payload, '$.charge'))
  LEFT JOIN users l ON l.id = p.learner_id
  LEFT JOIN instructors i ON i.id = p.instructor_id
  LEFT JOIN users iu ON iu.id = i.user_id
  LEFT JOIN dispute_decisions d ON d.dispute_id = o.id
  LEFT JOIN users du ON du.id = d.decided_by
  WHERE o.object_type = 'dispute'`;

interface SqlRow {
  id: string;
  status: string;
  amount: number;
  reason: string;
  created_at: number;
  due_by: number | null;
  payment_id: string | null;
  pi: string | null;
  learner_id: string | null;
  learner_name: string | null;
  instructor_id: string | null;
  instructor_name: string | null;
  share: number;
  decision: 'claw_back' | 'absorb' | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: number | null;
  decided_share: number | null;
}

const SORTS = { created: 'created_at', due: 'due_by', amount: 'amount' } as const;

export function listDisputes(
  sqlite: Sqlite,
  mode: WorkspaceInfo['mode'],
  now: number,
  input: ParsedInputOf<'disputes.list'>,
) {
  const where = new Where();
  if (input.status === 'open') where.add(`status NOT IN ${CLOSED}`);
  else if (input.status) where.add('status = ?', input.status);
  if (input.paymentId) where.add('payment_id = ?', input.paymentId);
  const from = `FROM (${DISPUTES}) ${where.sql}`;
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const page = selectPage<SqlRow>(
    sqlite,
    { columns: '*', from, params: where.params, orderBy: `${SORTS[input.sort.column]} ${direction}, id` },
    input,
  );
  return { ...page, rows: page.rows.map((r) => toDisputeRow(r, mode, now)) };
}

function toDisputeRow(r: SqlRow, mode: WorkspaceInfo['mode'], now: number): DisputeRow {
  const awaiting = AWAITING_EVIDENCE.has(r.status) && r.due_by !== null;
  return {
    id: r.id,
    status: r.status,
    amountPence: r.amount,
    reason: r.reason,
    createdAt: r.created_at,
    evidenceDueBy: awaiting ? r.due_by : null,
    daysLeft: awaiting ? Math.ceil((r.due_by! - now) / DAY_MS) : null,
    payment: r.payment_id
      ? { id: r.payment_id, paymentIntentId: r.pi!, dashboardUrl: dashboardUrl(mode, 'payments', r.pi!) }
      : null,
    learner: r.learner_id ? { id: r.learner_id, name: r.learner_name ?? r.learner_id } : null,
    instructor: r.instructor_id ? { id: r.instructor_id, name: r.instructor_name ?? r.instructor_id } : null,
    instructorSharePence: r.share,
    decision: r.decision
      ? {
          decision: r.decision,
          note: r.decision_note!,
          decidedBy: r.decided_by!,
          decidedAt: r.decided_at!,
          instructorSharePence: r.decided_share!,
        }
      : null,
    needsDecision: r.status === 'lost' && !r.decision && r.payment_id !== null,
    dashboardUrl: dashboardUrl(mode, 'disputes', r.id),
  };
}

export function decideDispute(ctx: HandlerContext, input: ParsedInputOf<'disputes.decide'>) {
  const operator = requireOperator(ctx);
  submitStripeWrites(ctx, {
    title: 'Claw back a lost dispute’s instructor share',
    by: { id: operator.id, name: operator.name },
    record: (now): AnyStripeWrite[] => {
      const row = ctx.sqlite.prepare(`SELECT * FROM (${DISPUTES}) WHERE id = ?`).get(input.disputeId) as
        SqlRow | undefined;
      if (!row) throw notFound('The dispute');
      if (row.status !== 'lost')
        throw new AppError(
          'conflict',
          `The dispute is ${row.status.replace(/_/g, ' ')}: the instructor’s share is decided only once a dispute is lost.`,
        );
      if (!row.payment_id)
        throw new AppError('conflict', 'The dispute’s payment is not attributed to an instructor yet.');
      if (row.decision)
        throw new AppError('conflict', `${row.decided_by} decided this dispute already; nothing changed.`);
      ctx.sqlite
        .prepare(
          `INSERT INTO dispute_decisions (id, dispute_id, payment_id, decision, instructor_share_pence, note, decided_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(randomUUID(), row.id, row.payment_id, input.decision, row.share, input.note, operator.id, now);
      appendAudit(ctx.sqlite, {
        entityType: 'dispute',
        entityId: row.id,
        action: input.decision === 'claw_back' ? 'claw_back_decided' : 'absorb_decided',
        newValues: {
          decision: input.decision,
          payment_id: row.payment_id,
          instructor_id: row.instructor_id,
          instructor_share_pence: row.share,
          note: input.note,
          decided_by: operator.name,
        },
        userId: operator.id,
        actor: 'operator',
        createdAt: now,
      });
      if (input.decision !== 'claw_back' || row.share === 0) return [];
      // The decision is a console record the payment's projector reads: its clawback posting is journaled now.
      const payload = ctx.sqlite
        .prepare('SELECT payload FROM stripe_object_states WHERE id = ?')
        .pluck()
        .get(row.id);
      const root = ctx.projection.rootOf(JSON.parse(payload as string) as StripeJson, null);
      if (root) projectRoots(ctx.projection, ctx.sqlite, [root], now);
      const hours = ctx.sqlite.prepare('SELECT hours FROM payments WHERE id = ?').pluck().get(row.payment_id);
      return clawBack(
        ctx.sqlite,
        {
          instructorId: row.instructor_id!,
          paymentId: row.payment_id,
          from: 0,
          to: hours as number,
          reason: `Lost dispute ${row.id} (${row.learner_name ?? 'learner'})`,
          sourceRef: row.id,
          createdBy: operator.id,
        },
        now,
        (roots) => projectRoots(ctx.projection, ctx.sqlite, roots, now),
      );
    },
  });
  return { disputeId: input.disputeId };
}
