// Payouts bench: the preview of a Friday's run over a synthetic marketplace (10,000 instructors at `large`, each
// with lessons earned over a year and transfers already made to half of them); goal under 2 s at `large`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { seedPeople, syntheticPayments } from './synthetic';
import { openWorkspaceDatabase, type Sqlite } from '../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { insertPayments } from '../../src/main/payments/store';
import { previewRun } from '../../src/main/payouts/preview';
import { addDays } from '../../src/shared/dates';

const FRIDAY = '2026-11-27';

/** Per instructor: a connected account, `lessons` completions each earning from one payment, one old transfer. */
function seedEarnings(
  sqlite: Sqlite,
  instructors: string[],
  learners: string[],
  payments: string[],
  lessons: number,
) {
  const now = Date.now();
  sqlite.transaction(() => {
    const account = sqlite.prepare(
      `INSERT INTO stripe_connect_accounts (id, instructor_id, stripe_account_id, account_type, status, charges_enabled,
         payouts_enabled, country, created_at, updated_at) VALUES (?, ?, ?, 'express', ?, 1, ?, 'GB', ?, ?)`,
    );
    const completion = sqlite.prepare(
      `INSERT INTO lesson_completions (id, learner_id, instructor_id, hours, completed_at, source, created_at)
       VALUES (?, ?, ?, 1, ?, 'import', ?)`,
    );
    const earning = sqlite.prepare(
      `INSERT INTO earnings (id, completion_id, payment_id, instructor_id, hours_from, hours_to, amount_pence, payable_on,
         status, created_at) VALUES (?, ?, ?, ?, 0, 1, 3000, ?, 'owed', ?)`,
    );
    const tx = sqlite.prepare(
      `INSERT INTO journal_transactions (id, kind, source_type, source_id, occurred_at, description, instructor_id, origin)
       VALUES (?, 'transfer', 'transfer', ?, ?, 'bench transfer', ?, ?)`,
    );
    const line = sqlite.prepare(
      'INSERT INTO journal_lines (transaction_id, line_no, account, amount_pence) VALUES (?, ?, ?, ?)',
    );
    instructors.forEach((id, i) => {
      const restricted = i % 50 === 0;
      account.run(
        randomUUID(),
        id,
        `acct_bench${i}`,
        restricted ? 'restricted' : 'enabled',
        restricted ? 0 : 1,
        now,
        now,
      );
      for (let k = 0; k < lessons; k++) {
        const completionId = randomUUID();
        const day = addDays('2025-12-01', (k * 7 + (i % 7)) % 400);
        completion.run(
          completionId,
          learners[(i + k) % learners.length],
          id,
          Date.parse(`${day}T20:00:00Z`),
          now,
        );
        earning.run(
          randomUUID(),
          completionId,
          payments[(i * lessons + k) % payments.length],
          id,
          addDays(day, 10),
          now,
        );
      }
      if (i % 2 === 0) {
        const txId = `transfer:tr_bench${i}`;
        tx.run(txId, `tr_bench${i}`, now, id, `transfer:tr_bench${i}`);
        line.run(txId, 0, `instructor_payable:${id}`, 3000 * Math.floor(lessons / 2));
        line.run(txId, 1, 'stripe_balance', -3000 * Math.floor(lessons / 2));
      }
    });
  })();
}

export const benches: Bench[] = [
  {
    name: 'payouts.preview',
    async run({ scale, report }) {
      const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-payouts-'));
      const { sqlite, db } = openWorkspaceDatabase(dir, MIGRATIONS_DIR);
      try {
        const instructorCount = scale === 'large' ? 10_000 : 500;
        const lessons = scale === 'large' ? 100 : 40;
        const { learners, instructors } = seedPeople(
          sqlite,
          scale === 'large' ? 20_000 : 1_000,
          instructorCount,
        );
        const payments = syntheticPayments(scale === 'large' ? 100_000 : 5_000, learners, instructors);
        insertPayments(db, payments);
        seedEarnings(
          sqlite,
          instructors,
          learners,
          payments.map((p) => p.id),
          lessons,
        );
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          rows = previewRun(sqlite, FRIDAY).rows.length;
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        report({
          bench: 'payouts.preview',
          value: Math.round(times[1]!),
          unit: 'ms',
          scale,
          instructors: instructorCount,
          earnings: instructorCount * lessons,
          rows,
          goalMs: 2000,
        });
      } finally {
        sqlite.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
