// Payouts bench: the preview of a Friday's run over a synthetic marketplace (10,000 instructors at `large`, each
// with lessons earned over a year and transfers already made to half of them); goal under 2 s at `large`. And
// executing a run (payouts.execute's path: prepare, commit every transfer write, the outbox sends them) against the
// simulator in its own process — with the rate limit off, and at the console's live-mode pace under Stripe's limit.
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
import Stripe from 'stripe';
import { startSimulatorProcess } from './simulator-process';
import type { Core } from '../../src/main/core';
import { KEY, openConsole } from './outbox.bench';
import { writeState } from '../../src/main/sync/state';
import { prepareRun } from '../../src/main/payouts/prepare';
import { executeRun } from '../../src/main/payouts/execute';
import { DEFAULT_RATE } from '../../src/main/stripe/rate-limiter';

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A console on the simulator whose instructors are the simulator's connected accounts, each owed £1.00 for one
 * lesson payable by FRIDAY; then the run is prepared and executed, and the job waited for. Seconds end to end.
 */
async function executeOnce(port: number, accounts: string[], ratePerSecond: number) {
  const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-execute-'));
  let core: Core | undefined;
  try {
    ({ core } = await openConsole(port, dir, 8, ratePerSecond));
    const { sqlite, db } = core.services;
    writeState(
      sqlite,
      'stripe_balance',
      { pence: 1e12, availablePence: 1e12, observedAt: Date.now() },
      Date.now(),
    );
    const { learners, instructors } = seedPeople(sqlite, 100, accounts.length);
    const payments = syntheticPayments(accounts.length, learners, instructors);
    insertPayments(db, payments);
    seedEarnings(
      sqlite,
      instructors,
      learners,
      payments.map((p) => p.id),
      1,
      {
        accounts,
        amountPence: 100,
        transfers: false,
      },
    );
    const started = performance.now();
    const runId = prepareRun(sqlite, FRIDAY, { id: null, source: 'console' }, Date.now());
    const run = sqlite
      .prepare('SELECT total_pence AS total, ready_count AS ready FROM payout_runs WHERE id = ?')
      .get(runId) as { total: number; ready: number };
    const prepared = performance.now();
    const jobId = executeRun(core.services, { runId, totalPence: run.total, count: run.ready }, null);
    const committed = performance.now();
    let job = await core.services.jobs.wait(jobId!, 3_600_000);
    while (job && (job.state === 'queued' || job.state === 'running'))
      job = await core.services.jobs.wait(jobId!, 3_600_000);
    const seconds = (performance.now() - started) / 1000;
    const paid = sqlite.prepare("SELECT count(*) FROM payouts WHERE status = 'paid'").pluck().get() as number;
    return {
      transfers: run.ready,
      seconds,
      prepareMs: Math.round(prepared - started),
      commitMs: Math.round(committed - prepared),
      jobState: job?.state,
      paid,
    };
  } finally {
    core?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const FRIDAY = '2026-11-27';

/**
 * Per instructor: a connected account (`accounts[i]`, else a made-up one), `lessons` completions each earning
 * `amountPence` from one payment, and (unless `transfers` is false) one old transfer to every other instructor.
 */
function seedEarnings(
  sqlite: Sqlite,
  instructors: string[],
  learners: string[],
  payments: string[],
  lessons: number,
  options: { accounts?: string[]; amountPence?: number; transfers?: boolean } = {},
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
         status, created_at) VALUES (?, ?, ?, ?, 0, 1, ?, ?, 'owed', ?)`,
    );
    const tx = sqlite.prepare(
      `INSERT INTO journal_transactions (id, kind, source_type, source_id, occurred_at, description, instructor_id, origin)
       VALUES (?, 'transfer', 'transfer', ?, ?, 'bench transfer', ?, ?)`,
    );
    const line = sqlite.prepare(
      'INSERT INTO journal_lines (transaction_id, line_no, account, amount_pence) VALUES (?, ?, ?, ?)',
    );
    instructors.forEach((id, i) => {
      const restricted = !options.accounts && i % 50 === 0;
      account.run(
        randomUUID(),
        id,
        options.accounts?.[i] ?? `acct_bench${i}`,
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
          options.amountPence ?? 3000,
          addDays(day, 10),
          now,
        );
      }
      if (options.transfers !== false && i % 2 === 0) {
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
  {
    name: 'payouts.execute',
    async run({ scale, report }) {
      // Rate limit off: the whole run at `large` (10,000 instructors). At the live pace: a slice, extrapolated.
      const instructors = scale === 'large' ? 10_000 : 1_000;
      const paced = scale === 'large' ? 1_000 : 200;
      const sim = await startSimulatorProcess({
        seed: 43,
        scenario: {
          startDate: '2026-07-01',
          instructors,
          learners: 200,
          weeks: 4,
          paymentsPerWeek: 400,
          paidFridays: 0,
        },
        payoutSchedule: 'manual',
      });
      const port = sim.ready.port;
      try {
        // Every charge settled and nothing swept to the bank: the platform can fund every £1.00 transfer.
        await fetch(`http://127.0.0.1:${port}/_sim/clock/advance`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ seconds: 10 * 86_400 }),
        });
        const stripe = new Stripe(KEY, { host: '127.0.0.1', port, protocol: 'http' });
        const accounts: string[] = [];
        for await (const a of stripe.accounts.list({ limit: 100 }))
          if (a.capabilities?.transfers === 'active') accounts.push(a.id);
        const off = await executeOnce(port, accounts, 0);
        report({
          bench: 'payouts.execute',
          value: Math.round(off.transfers / off.seconds),
          unit: 'transfers/s',
          scale,
          ...off,
          wallSeconds: round1(off.seconds),
          rateLimit: 'off',
          note: 'prepare + execute (every transfer write committed in one transaction) + the outbox sending them, 8 at a time, each answer committed with its PAYOUTS row and ledger effects',
        });
        const live = DEFAULT_RATE.live;
        const slice = await executeOnce(port, accounts.slice(0, paced), live);
        const perSecond = slice.transfers / slice.seconds;
        report({
          bench: 'payouts.execute.liveLimit',
          value: round1(perSecond),
          unit: 'transfers/s',
          scale,
          ...slice,
          wallSeconds: round1(slice.seconds),
          rateLimit: `${live} requests/s per endpoint (the console's live-mode pace, under Stripe's 25/s)`,
          realFridayMinutesFor10000: round1(10_000 / perSecond / 60),
          note: `measured on ${slice.transfers} instructors; a real Friday of 10,000 extrapolated from that rate`,
        });
      } finally {
        sim.kill();
      }
    },
  },
];
