// Facts many payments decide: a learner's name and email (from their latest payment), an instructor's hourly rate.
import type { ProjectionContext } from '../../projection/context';
import { writePerson } from './people';
import { writeRow } from '../../projection/rows';
import { readPaymentMeta } from '../../stripe/payment-metadata';

/** A learner's user row: named as on their latest payment, created with their first. */
export function projectLearner(ctx: ProjectionContext, root: string): void {
  const learnerId = root.slice('learner:'.length);
  const rows = ctx
    .stmt(
      'SELECT stripe_payment_intent_id AS pi, created_at FROM payments WHERE learner_id = ? ORDER BY created_at, id',
    )
    .all(learnerId) as { pi: string; created_at: number }[];
  if (rows.length === 0) return;
  const latest = rows[rows.length - 1]!;
  const meta = ctx
    .members(`payment:${latest.pi}`)
    .map(readPaymentMeta)
    .find((m) => !('problem' in m));
  if (!meta || 'problem' in meta) return;
  writePerson(
    ctx,
    {
      id: learnerId,
      email: meta.learnerEmail,
      name: meta.learnerName,
      created_at: rows[0]!.created_at,
      updated_at: latest.created_at,
    },
    'learner',
  );
}

/** An instructor's hourly rate: the rate of their latest payment (0 until they have one). */
export function projectRate(ctx: ProjectionContext, root: string): void {
  const instructorId = root.slice('rate:'.length);
  if (!ctx.stmt('SELECT 1 FROM instructors WHERE id = ?').get(instructorId)) return;
  const latest = ctx
    .stmt(
      `SELECT instructor_amount_pence AS amount, hours FROM payments WHERE instructor_id = ?
       ORDER BY created_at DESC, id DESC LIMIT 1`,
    )
    .get(instructorId) as { amount: number; hours: number } | undefined;
  const rate = latest ? Math.floor(latest.amount / latest.hours) : 0;
  writeRow(ctx, 'instructors', 'instructor', { id: instructorId, hourly_rate_pence: rate });
}
