// db.insertPayments (through drizzle, the app's data layer) next to sqlite.rawInsert (a bare prepared statement).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDatabase } from '../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { insertPayments, type PaymentRow } from '../../src/main/payments/store';
import { applyBps } from '../../src/shared/money';
import type { Bench } from './bench';

const ROWS = { small: 50_000, large: 1_000_000 } as const;
const BATCH = 10_000;

function syntheticPayments(count: number, learners: string[], instructors: string[]): PaymentRow[] {
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

function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-'));
  const opened = openWorkspaceDatabase(dir, MIGRATIONS_DIR);
  const now = Date.now();
  const learners: string[] = [];
  const instructors: string[] = [];
  opened.sqlite.transaction(() => {
    const user = opened.sqlite.prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?)');
    const instructor = opened.sqlite.prepare('INSERT INTO instructors VALUES (?, ?, ?, 1, ?, ?)');
    for (let i = 0; i < 1000; i++) {
      const id = randomUUID();
      user.run(id, `learner${i}@bench.test`, `Learner ${i}`, now, now);
      learners.push(id);
    }
    for (let i = 0; i < 50; i++) {
      const userId = randomUUID();
      const id = randomUUID();
      user.run(userId, `instructor${i}@bench.test`, `Instructor ${i}`, now, now);
      instructor.run(id, userId, 3000, now, now);
      instructors.push(id);
    }
  })();
  return { ...opened, dir, learners, instructors };
}

function timed(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export const benches: Bench[] = [
  {
    name: 'db.insertPayments',
    async run({ scale, report }) {
      const count = ROWS[scale];
      const base = { rows: count, batch: BATCH, scale, pragmas: 'WAL, synchronous=FULL, foreign_keys=ON' };

      const app = freshDatabase();
      const appRows = syntheticPayments(count, app.learners, app.instructors);
      const appSeconds = timed(() => {
        for (let i = 0; i < appRows.length; i += BATCH) insertPayments(app.db, appRows.slice(i, i + BATCH));
      });
      app.sqlite.close();
      rmSync(app.dir, { recursive: true, force: true });
      report({
        bench: 'db.insertPayments',
        value: Math.round(count / appSeconds),
        unit: 'rows/s',
        seconds: appSeconds,
        ...base,
      });

      const raw = freshDatabase();
      const rawRows = syntheticPayments(count, raw.learners, raw.instructors);
      const columns = Object.keys(rawRows[0]!);
      const insert = raw.sqlite.prepare(
        `INSERT INTO payments (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      const rawSeconds = timed(() => {
        for (let i = 0; i < rawRows.length; i += BATCH) {
          raw.sqlite.transaction(() => {
            for (const row of rawRows.slice(i, i + BATCH)) insert.run(row);
          })();
        }
      });
      raw.sqlite.close();
      rmSync(raw.dir, { recursive: true, force: true });
      report({
        bench: 'sqlite.rawInsert',
        value: Math.round(count / rawSeconds),
        unit: 'rows/s',
        seconds: rawSeconds,
        ...base,
      });
    },
  },
];
