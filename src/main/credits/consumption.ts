// A learner–instructor pair's prepaid hours: completions consume payments oldest first, hours from the front,
// giving learner_credits, earnings (payable on a Friday) and the completion journal transactions.
import { payableFriday } from '../../shared/dates';
import { instructorPayable, learnerPrepaid } from '../ledger/accounts';
import { uuidFrom } from '../ledger/ids';
import { writeJournal, type JournalTx } from '../ledger/journal-store';
import { completionLines, hourShares } from '../ledger/postings';
import type { ProjectionContext } from '../projection/context';
import { flagValue, writeRow } from '../projection/rows';
import { payableRoot } from './payable';

/** Payment statuses whose hours were paid for (the money arrived), even if later refunded or disputed. */
export const PAID_STATUSES = "('succeeded', 'partially_refunded', 'refunded', 'disputed')";

export interface Lot {
  id: string;
  pi: string;
  paid: number;
  discount: number;
  instructor: number;
  hours: number;
  refundedHours: number;
  used: number;
  created_at: number;
}

/**
 * The pair's paid payments, oldest first, with the unused hours refunds took back (hours refunded after their lesson
 * stay used: the lesson happened, and its earning is clawed back instead). `+p.instructor_id` keeps SQLite on the
 * learner's few payments: without it, it walked all of the instructor's (113 → 37 µs a pair, warm, at `large`).
 */
export function lotsOf(ctx: Pick<ProjectionContext, 'stmt'>, learnerId: string, instructorId: string): Lot[] {
  return ctx
    .stmt(
      `SELECT p.id, p.stripe_payment_intent_id AS pi, p.total_amount_pence AS paid, p.discount_pence AS discount,
              p.instructor_amount_pence AS instructor, p.hours, p.created_at, 0 AS used,
              ifnull((SELECT SUM(r.hours - r.used_hours) FROM refunds r WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0) AS refundedHours
       FROM payments p WHERE p.learner_id = ? AND +p.instructor_id = ? AND p.status IN ${PAID_STATUSES}
       ORDER BY p.created_at, p.id`,
    )
    .all(learnerId, instructorId) as Lot[];
}

/** Completions that count: neither a reversal nor reversed (a correction is a reversal plus a new entry). */
export const inForce = (table = 'lesson_completions') =>
  `${table}.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM lesson_completions x WHERE x.reverses_id = ${table}.id)`;

/** Hours of a lot that neither lessons nor refunds took, and their list value (the learner_prepaid liability). */
export function unusedOf(
  lot: Pick<Lot, 'paid' | 'discount' | 'instructor' | 'hours' | 'refundedHours'>,
  used: number,
) {
  const to = Math.max(used, lot.hours - lot.refundedHours);
  return { hours: to - used, refunded: lot.hours - to, pence: hourShares(lot, used, to).list };
}

interface Completion {
  id: string;
  hours: number;
  completed_at: number;
}

export function projectPair(ctx: ProjectionContext, root: string): void {
  const [, learnerId, instructorId] = root.split(':') as [string, string, string];
  const lots = lotsOf(ctx, learnerId, instructorId);
  const completions = ctx
    .stmt(
      `SELECT id, hours, completed_at FROM lesson_completions WHERE learner_id = ? AND instructor_id = ?
       AND ${inForce()} ORDER BY completed_at, id`,
    )
    .all(learnerId, instructorId) as Completion[];
  const prepaid = learnerPrepaid(learnerId, instructorId);
  const payable = instructorPayable(instructorId);
  const txs: JournalTx[] = [];
  const earnings = new Map<string, Record<string, string | number | null>>();
  for (const c of completions) {
    let need = c.hours;
    for (const lot of lots) {
      if (need === 0) break;
      const k = Math.min(need, lot.hours - lot.used - lot.refundedHours);
      if (k <= 0) continue;
      const from = lot.used;
      const to = from + k;
      const amounts = {
        paid: lot.paid,
        discount: lot.discount,
        instructor: lot.instructor,
        hours: lot.hours,
      };
      const id = uuidFrom(`earning:${c.id}:${lot.id}`);
      earnings.set(id, {
        id,
        completion_id: c.id,
        payment_id: lot.id,
        instructor_id: instructorId,
        hours_from: from,
        hours_to: to,
        amount_pence: hourShares(amounts, from, to).instructor,
        payable_on: payableFriday(c.completed_at),
        payout_id: null,
        status: 'owed',
        created_at: c.completed_at,
      });
      txs.push({
        id: `completion:${c.id}:${lot.pi}`,
        kind: 'completion',
        source_type: 'lesson_completion',
        source_id: c.id,
        occurred_at: c.completed_at,
        description: `Lesson of ${k} h (hours ${from + 1}–${to} of ${lot.pi})`,
        payment_id: lot.id,
        instructor_id: instructorId,
        learner_id: learnerId,
        lines: completionLines(prepaid, payable, amounts, from, to),
      });
      lot.used = to;
      need -= k;
    }
    if (need > 0)
      ctx.error(
        c.id,
        'completion_exceeds_credit',
        `Completion ${c.id} needs ${need} h more than the pair has paid for and not refunded.`,
        'Check the payments and refunds of this learner and instructor; the uncovered hours earn nothing.',
      );
    else ctx.clearError(c.id, 'completion_exceeds_credit');
  }
  writeJournal(ctx, root, txs);

  let earningsChanged = false;
  const stale = ctx
    .stmt(
      `SELECT e.id FROM earnings e JOIN lesson_completions c ON c.id = e.completion_id
       WHERE e.instructor_id = ? AND c.learner_id = ? AND c.instructor_id = ?`,
    )
    .pluck()
    .all(instructorId, learnerId, instructorId) as string[];
  for (const id of stale)
    if (!earnings.has(id)) {
      ctx.stmt('DELETE FROM earnings WHERE id = ?').run(id);
      ctx.auditChange('earning', id, 'sync_delete', null, null);
      earningsChanged = true;
    }
  for (const e of earnings.values())
    earningsChanged =
      writeRow(ctx, 'earnings', 'earning', e, ['status', 'payout_id']) !== null || earningsChanged;
  if (earningsChanged) ctx.enqueue(payableRoot(instructorId));

  if (lots.length === 0) return;
  const purchased = lots.reduce((s, l) => s + l.hours, 0);
  const used = lots.reduce((s, l) => s + l.used, 0);
  const unused = lots.map((l) => unusedOf(l, l.used));
  const refunded = unused.reduce((s, u) => s + u.refunded, 0);
  writeRow(ctx, 'learner_credits', 'learner_credit', {
    id: uuidFrom(`credit:${learnerId}:${instructorId}`),
    learner_id: learnerId,
    instructor_id: instructorId,
    hours_purchased: purchased,
    hours_used: used,
    hours_refunded: refunded,
    liability_pence: unused.reduce((s, u) => s + u.pence, 0),
    is_active: flagValue(purchased - used - refunded > 0),
    created_at: lots[0]!.created_at,
    updated_at: Math.max(lots[lots.length - 1]!.created_at, ...completions.map((c) => c.completed_at)),
  });
}
