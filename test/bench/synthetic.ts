// Synthetic marketplace rows for benchmarks: learners, instructors and payments split by the 18% rule.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../src/main/audit/chain';
import { SyncBatchAudit } from '../../src/main/audit/sync-batch';
import type { Sqlite } from '../../src/main/db/open';
import { keyNumber } from '../../src/main/db/projection-keys';
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

/**
 * A ledger behind the synthetic payments, as the Instructors page reads it: a Connect account for 99 instructors in
 * 100 (one in 20 restricted, one in 50 more without payouts), a lesson completion and its earning for every other
 * payment, and a transfer to each instructor of what the first Friday made payable (those earnings marked paid).
 * Written straight into the tables, so the journal's day totals stay empty; instructor_list follows through its
 * triggers.
 */
export function seedLedger(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    sqlite.exec(`INSERT INTO stripe_connect_accounts (id, instructor_id, stripe_account_id, account_type, status,
        charges_enabled, payouts_enabled, country, disabled_reason, created_at, updated_at)
      SELECT lower(hex(randomblob(16))), id, 'acct_bench_' || rowid, 'express',
        CASE WHEN rowid % 20 = 0 THEN 'restricted' ELSE 'enabled' END, rowid % 20 <> 0,
        rowid % 20 <> 0 AND rowid % 50 <> 1, 'GB', CASE WHEN rowid % 20 = 0 THEN 'requirements.past_due' END,
        created_at, updated_at
      FROM instructors WHERE rowid % 100 <> 7`);
    sqlite.exec(`INSERT INTO lesson_completions (id, learner_id, instructor_id, hours, completed_at, source, created_at)
      SELECT id, learner_id, instructor_id, hours, created_at + 86400000, 'import', created_at + 86400000
      FROM payments WHERE rowid % 2 = 0`);
    sqlite.exec(`INSERT INTO earnings (id, completion_id, payment_id, instructor_id, hours_from, hours_to, amount_pence,
        payable_on, status, created_at)
      SELECT lower(hex(randomblob(16))), id, id, instructor_id, 0, hours, instructor_amount_pence,
        date(created_at / 1000 + 86400, 'unixepoch', 'weekday 5'), 'owed', created_at + 86400000
      FROM payments WHERE rowid % 2 = 0`);
    sqlite.exec(`CREATE TEMP TABLE bench_transfers AS
      SELECT instructor_id, SUM(amount_pence) AS pence, payable_on AS day FROM earnings
      WHERE payable_on = (SELECT MIN(payable_on) FROM earnings) GROUP BY instructor_id`);
    sqlite.exec(
      `UPDATE earnings SET status = 'paid' WHERE payable_on = (SELECT MIN(payable_on) FROM earnings)`,
    );
    sqlite.exec(`INSERT INTO journal_transactions (id, kind, source_type, source_id, occurred_at, description,
        payment_id, instructor_id, learner_id, origin)
      SELECT 'transfer:tr_bench_' || instructor_id, 'transfer', 'transfer', 'tr_bench_' || instructor_id,
        CAST(strftime('%s', day) AS INTEGER) * 1000 + 36000000, 'Transfer (bench)', NULL, instructor_id, NULL,
        'transfer:tr_bench_' || instructor_id
      FROM temp.bench_transfers`);
    sqlite.exec(`INSERT INTO journal_lines (transaction_id, line_no, account, amount_pence)
      SELECT 'transfer:tr_bench_' || instructor_id, 1, 'instructor_payable:' || instructor_id, pence
      FROM temp.bench_transfers
      UNION ALL SELECT 'transfer:tr_bench_' || instructor_id, 2, 'stripe_balance', -pence FROM temp.bench_transfers`);
    sqlite.exec('DROP TABLE temp.bench_transfers');
  })();
}

/**
 * Sync batches as the apply writes them, one chained entry each with its changes under it: per payment its row created
 * under `payment:pi_bench_N` and its learner's user row updated there, and the pair's credit under `pair:…`; one
 * payment in 100 also refunded. `payments` payments, 666 to a batch (about 2,000 changes), one batch a minute. Each
 * payment root reads its PaymentIntent (projection_refs), so a batch's drawer names the input a change came from.
 */
export function seedSyncBatches(sqlite: Sqlite, payments: number): { paymentId: (n: number) => string } {
  const learners = Array.from({ length: Math.max(1, Math.floor(payments / 5)) }, () => randomUUID());
  const paymentIds: string[] = [];
  const start = Date.parse('2026-07-01T08:00:00Z');
  const perBatch = 666;
  const reads = sqlite.prepare('INSERT INTO projection_refs (ref_key, root_key) VALUES (?, ?)');
  for (let from = 0; from < payments; from += perBatch * 50) {
    sqlite.transaction(() => {
      for (let b = from; b < Math.min(payments, from + perBatch * 50); b += perBatch) {
        const batch = new SyncBatchAudit();
        for (let n = b; n < Math.min(payments, b + perBatch); n++) {
          const id = randomUUID();
          paymentIds.push(id);
          const learner = learners[n % learners.length]!;
          const root = `payment:pi_bench_${n}`;
          batch.input(`evt_bench_${n}`, `pi_bench_${n}`);
          reads.run(keyNumber(sqlite, `pi_bench_${n}`), keyNumber(sqlite, root));
          batch.change(
            'payment',
            id,
            'created',
            null,
            { id, learner_id: learner, status: 'succeeded' },
            root,
          );
          batch.change(
            'user',
            learner,
            'updated',
            { name: null },
            { name: `Learner ${n % learners.length}` },
            root,
          );
          batch.change(
            'learner_credit',
            `credit-${learner}`,
            'updated',
            { hours_purchased: 1 },
            { hours_purchased: 2 },
            `pair:${learner}:bench`,
          );
          if (n % 100 === 0)
            batch.change(
              'refund',
              randomUUID(),
              'created',
              null,
              { payment_id: id, amount_pence: 500 },
              root,
            );
        }
        batch.write(sqlite, start + (b / perBatch) * 60_000);
      }
    })();
  }
  return { paymentId: (n) => paymentIds[n]! };
}
