// The Clawbacks section and its Waive action (finance, manager): each clawback with its payment, source and how it
// is recovered, paged in SQL; waiving an outstanding one (audited, with a note) takes it off the next payout run and
// re-projects its payment, whose journal then shows the platform bearing the share.
import type { ParsedInputOf } from '../../shared/contract';
import type { ClawbackListRow, ClawbackRecovery } from '../../shared/contract/refunds';
import { formatDay } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';
import { likeAny, selectPage, Where } from '../db/sql';
import { projectRoots } from '../projection/project';

const RECOVERY = `CASE
  WHEN c.status = 'waived' AND c.waived_by IS NULL THEN 'refund_failed'
  WHEN c.status = 'waived' THEN 'waived'
  WHEN c.method = 'cancelled' THEN 'earning_cancelled'
  WHEN c.method = 'reversal' AND c.status = 'recovered' THEN 'reversed'
  WHEN c.method = 'reversal' THEN 'reversal_pending'
  WHEN c.status = 'deducted' THEN 'deducted'
  WHEN c.payout_id IS NOT NULL THEN 'deduction_in_run'
  ELSE 'deduction_pending' END`;

const FROM = `FROM clawbacks c
  JOIN instructors i ON i.id = c.instructor_id JOIN users iu ON iu.id = i.user_id
  LEFT JOIN refund_requests rr ON rr.id = c.source_ref
  LEFT JOIN dispute_decisions dd ON dd.dispute_id = c.source_ref
  LEFT JOIN payments p ON p.id = coalesce(rr.payment_id, dd.payment_id)
  LEFT JOIN users l ON l.id = p.learner_id
  LEFT JOIN payout_run_items ri ON ri.id = c.payout_id LEFT JOIN payout_runs run ON run.id = ri.run_id
  LEFT JOIN users wb ON wb.id = c.waived_by`;

const STATES = {
  outstanding: "c.status = 'outstanding'",
  settled: "c.status IN ('recovered', 'deducted')",
  waived: "c.status = 'waived'",
} as const;
const SORTS = { created: 'c.created_at', amount: 'c.amount_pence' } as const;

interface SqlRow {
  id: string;
  instructor_id: string;
  instructor_name: string;
  amount_pence: number;
  reason: string;
  source_ref: string;
  from_refund: number;
  payment_id: string | null;
  pi: string | null;
  learner_id: string | null;
  learner_name: string | null;
  recovery: ClawbackRecovery;
  stripe_transfer_id: string | null;
  payout_date: string | null;
  created_at: number;
  updated_at: number;
  waived_by: string | null;
  waiver_name: string | null;
  note: string | null;
}

const COLUMNS = `c.id, c.instructor_id, iu.name AS instructor_name, c.amount_pence, c.reason, c.source_ref,
  rr.id IS NOT NULL AS from_refund, p.id AS payment_id, p.stripe_payment_intent_id AS pi, p.learner_id,
  l.name AS learner_name, ${RECOVERY} AS recovery, c.stripe_transfer_id, run.payout_date, c.created_at,
  c.updated_at, c.waived_by, wb.name AS waiver_name, c.note`;

/** Why a clawback cannot be waived, in words that say what to do instead (null: it can). */
export function waiveRefusal(c: Pick<SqlRow, 'recovery' | 'payout_date'>): string | null {
  const run = c.payout_date ? formatDay(c.payout_date) : 'a payout run';
  switch (c.recovery) {
    case 'deduction_pending':
      return null;
    case 'waived':
      return 'It was waived already.';
    case 'refund_failed':
      return 'Its refund failed, so nothing is clawed back.';
    case 'earning_cancelled':
      return 'Settled: the earning was cancelled before it was paid.';
    case 'reversed':
      return 'Settled: Stripe reversed the transfer.';
    case 'deducted':
      return `Settled: deducted from the payout of ${run}.`;
    case 'reversal_pending':
      return 'Its transfer reversal is on its way to Stripe: wait for the answer (a refused reversal becomes a deduction, which can be waived).';
    case 'deduction_in_run':
      return `The payout run of ${run} deducts it: it is settled when that transfer is made.`;
  }
}

function toRow(r: SqlRow): ClawbackListRow {
  return {
    id: r.id,
    instructor: { id: r.instructor_id, name: r.instructor_name },
    amountPence: r.amount_pence,
    reason: r.reason,
    source: { kind: r.from_refund ? 'refund' : 'dispute', id: r.source_ref },
    payment: r.payment_id && r.pi ? { id: r.payment_id, paymentIntentId: r.pi } : null,
    learner: r.learner_id ? { id: r.learner_id, name: r.learner_name ?? r.learner_id } : null,
    recovery: r.recovery,
    transferId: r.stripe_transfer_id,
    payoutDate: r.payout_date,
    createdAt: r.created_at,
    settledAt: r.recovery === 'deduction_pending' || r.recovery === 'deduction_in_run' ? null : r.updated_at,
    waivedBy: r.waived_by ? { id: r.waived_by, name: r.waiver_name ?? r.waived_by } : null,
    note: r.note,
    waiveRefusal: waiveRefusal(r),
  };
}

export function listClawbacks(sqlite: Sqlite, input: ParsedInputOf<'clawbacks.list'>) {
  const where = new Where();
  if (input.state) where.add(STATES[input.state]);
  if (input.instructorId) where.add('c.instructor_id = ?', input.instructorId);
  if (input.q) {
    const like = likeAny(input.q);
    where.add(
      `(iu.name LIKE ? ESCAPE '\\' OR l.name LIKE ? ESCAPE '\\' OR c.reason LIKE ? ESCAPE '\\'
        OR p.stripe_payment_intent_id = ? OR c.stripe_transfer_id = ? OR c.source_ref = ? OR c.id = ?)`,
      like,
      like,
      like,
      input.q,
      input.q,
      input.q,
      input.q,
    );
  }
  const direction = input.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const page = selectPage<SqlRow>(
    sqlite,
    {
      columns: COLUMNS,
      from: `${FROM} ${where.sql}`,
      params: where.params,
      orderBy: `${SORTS[input.sort.column]} ${direction}, c.id ${direction}`,
    },
    input,
  );
  return { ...page, rows: page.rows.map(toRow) };
}

export function waiveClawback(ctx: HandlerContext, input: ParsedInputOf<'clawbacks.waive'>) {
  const operator = requireOperator(ctx);
  return ctx.sqlite
    .transaction(() => {
      const now = ctx.clock.now();
      const row = ctx.sqlite.prepare(`SELECT ${COLUMNS} ${FROM} WHERE c.id = ?`).get(input.clawbackId) as
        SqlRow | undefined;
      if (!row) throw notFound('The clawback');
      const refusal = waiveRefusal(row);
      if (refusal) throw new AppError('conflict', `${refusal} Nothing changed.`);
      ctx.sqlite
        .prepare(
          "UPDATE clawbacks SET status = 'waived', waived_by = ?, note = ?, updated_at = ? WHERE id = ? AND status = 'outstanding'",
        )
        .run(operator.id, input.note, now, row.id);
      appendAudit(ctx.sqlite, {
        entityType: 'clawback',
        entityId: row.id,
        action: 'waived',
        oldValues: { status: 'outstanding' },
        newValues: {
          status: 'waived',
          instructor_id: row.instructor_id,
          amount_pence: row.amount_pence,
          source_ref: row.source_ref,
          note: input.note,
          waived_by: operator.name,
        },
        userId: operator.id,
        actor: 'operator',
        createdAt: now,
      });
      // The waiver is a console record the payment's projector reads: the platform bears the share in the journal.
      if (row.pi) projectRoots(ctx.projection, ctx.sqlite, [`payment:${row.pi}`], now);
      return { clawbackId: row.id };
    })
    .immediate();
}
