// Synthetic marketplace rows for benchmarks: learners, instructors and payments split by the 18% rule.
import { randomUUID } from 'node:crypto';
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
