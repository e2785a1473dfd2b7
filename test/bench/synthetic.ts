// Synthetic marketplace rows for benchmarks: learners, instructors and payments split by the 18% rule.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../src/main/audit/chain';
import type { Sqlite } from '../../src/main/db/open';
import type { PaymentRow } from '../../src/main/payments/store';
import { applyBps } from '../../src/shared/money';

/** Inserts learners and instructors (each with a users row) and returns their ids. */
export function seedPeople(sqlite: Sqlite, learnerCount: number, instructorCount: number) {
  const now = Date.now();
  const learners: string[] = [];
  const instructors: string[] = [];
  sqlite.transaction(() => {
    const user = sqlite.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?)');
    const instructor = sqlite.prepare('INSERT INTO instructors VALUES (?, ?, ?, 1, ?, ?)');
    for (let i = 0; i < learnerCount; i++) {
      const id = randomUUID();
      user.run(id, `learner${i}@bench.test`, `Learner ${i}`, now, now);
      learners.push(id);
    }
    for (let i = 0; i < instructorCount; i++) {
      const userId = randomUUID();
      const id = randomUUID();
      user.run(userId, `instructor${i}@bench.test`, `Instructor ${i}`, now, now);
      instructor.run(id, userId, 3000, now, now);
      instructors.push(id);
    }
  })();
  return { learners, instructors };
}

export function syntheticPayments(count: number, learners: string[], instructors: string[]): PaymentRow[] {
  const rows: PaymentRow[] = [];
  const start = Date.parse('2026-07-01T08:00:00Z');
  for (let i = 0; i < count; i++) {
    const hours = i % 5 === 0 ? 10 : 1 + (i % 2);
    const rate = 2800 + (i % 9) * 100;
    const instructorAmount = hours * rate;
    const fee = applyBps(instructorAmount, 1800);
    rows.push({
      id: randomUUID(),
      learner_id: learners[i % learners.length]!,
      instructor_id: instructors[i % instructors.length]!,
      stripe_payment_intent_id: `pi_bench_${i}`,
      total_amount_pence: instructorAmount + fee,
      platform_fee_pence: fee,
      instructor_amount_pence: instructorAmount,
      status: 'succeeded',
      payment_type: hours === 10 ? 'credit_pack' : 'lesson',
      hours,
      created_at: start + i * 1000,
      updated_at: start + i * 1000,
    });
  }
  return rows;
}

/**
 * One learner_credits row per learner–instructor pair that has payments, summed from them (half the hours used,
 * the rest owed at £30 an hour), so the Credits page has as many pairs as the payments make.
 */
export function seedCredits(sqlite: Sqlite): void {
  sqlite.exec(`INSERT INTO learner_credits (id, learner_id, instructor_id, hours_purchased, hours_used,
      hours_refunded, liability_pence, is_active, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), learner_id, instructor_id, SUM(hours), SUM(hours) / 2, 0,
      (SUM(hours) - SUM(hours) / 2) * 3000, 1, MIN(created_at), MAX(updated_at)
    FROM payments GROUP BY learner_id, instructor_id`);
}

/** One sync audit entry per payment (the log grows faster than that in a real sync), chained as the app chains them. */
export function seedAudit(sqlite: Sqlite, rows: PaymentRow[]): void {
  for (let i = 0; i < rows.length; i += 50_000) {
    sqlite.transaction(() => {
      for (const p of rows.slice(i, i + 50_000)) {
        appendAudit(sqlite, {
          entityType: 'payment',
          entityId: p.id!,
          action: 'created',
          newValues: {
            status: p.status,
            total_amount_pence: p.total_amount_pence,
            stripe_payment_intent_id: p.stripe_payment_intent_id,
          },
          userId: null,
          actor: 'sync',
          createdAt: p.created_at!,
        });
      }
    })();
  }
}
