// Reconciliation against the simulator through the real stripe SDK: the planted anomalies are found and nothing
// else; a clean week reconciles; injected discrepancies are each found with their ids; roles; bad input.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcileCommand } from '../../../src/main/host/cli-recon';
import { OPERATOR_PASSWORD } from '../sync/harness';
import { payLesson } from '../../fixtures/lesson-payment';
import { databaseChecksum } from '../../fixtures/core';
import { PROJECTION } from '../../../src/main/domains';
import { CHECKS, runChecks } from '../../../src/main/recon/checks';
import { periodFigures } from '../../../src/main/recon/figures';
import { spanOf } from '../../../src/main/recon/period';
import { readStripeSide } from '../../../src/main/recon/stripe-side';
import { syncEngineOf } from '../../../src/main/sync/registry';
import { FIRST_WEEK, JULY, reconWorkspace, runJob } from './workspace';

const ws = reconWorkspace(7);
const kinds = (r: { discrepancies: { kind: string }[] }) => r.discrepancies.map((d) => d.kind).sort();

describe('reconciling a month of the small marketplace', () => {
  it('finds the planted Dashboard transfer and payment without metadata, with links, and nothing else', async () => {
    const r = await ws.reconcile('fin', JULY);
    const [transfer, account] = ws.anomaly('transfer_without_payout_record');
    const [pi] = ws.anomaly('payment_without_metadata');
    expect(r.status).toBe('discrepancies');
    expect(r.discrepancies.map((d) => [d.kind, d.ids])).toEqual([
      ['transfer_without_payout', [transfer, account]],
      ['unattributed', [pi]],
    ]);
    const links = r.discrepancies[0]!.links.map((l) => l.href);
    expect(links).toContain(`https://dashboard.stripe.com/test/connect/transfers/${transfer}`);
    expect(links).toContain(`https://dashboard.stripe.com/test/connect/accounts/${account}`);
    expect(r.ranBy).toBe('Fin Ance');
    expect(r.latest).toBe(true);
  });

  it('adds up: net revenue, net fee and net transfers follow from their parts, and both roll-forwards close', async () => {
    const { figures: f, totals } = await ws.reconcile('fin', JULY);
    expect(f.netRevenuePence).toBe(f.grossChargedPence - f.refundsPence);
    expect(f.platformFee.netPence).toBe(f.platformFee.grossPence - f.platformFee.discountsPence);
    expect(f.netTransfersPence).toBe(f.transfersPence - f.reversalsPence);
    expect(f.byType.reduce((s, t) => s + t.grossPence, 0) + f.unattributedPence).toBe(f.grossChargedPence);
    expect(totals).toEqual({
      revenuePence: f.netRevenuePence,
      payoutsPence: f.netTransfersPence,
      feesPence: f.platformFee.netPence,
    });
    for (const rf of f.rollForwards) {
      expect(rf.differencePence).toBe(0);
      expect(rf.openingPence + rf.inPence - rf.outPence).toBe(rf.closingPence);
    }
    expect(f.disputesPence).toBeGreaterThan(0);
    expect(f.bankPayoutsPence).toBeGreaterThan(0);
  });

  it('reconciles a week before the anomalies with zero discrepancies', async () => {
    const r = await ws.reconcile('fin', FIRST_WEEK);
    expect(r.discrepancies).toEqual([]);
    expect(r.status).toBe('reconciled');
    expect(r.figures.payments).toBeGreaterThan(0);
  });
});

describe('discrepancies injected one at a time', () => {
  it('finds a payment row tampered with in the database, by its PaymentIntent and row id', async () => {
    const { sqlite } = ws.c.core.services;
    const row = sqlite
      .prepare(
        `SELECT id, stripe_payment_intent_id AS pi FROM payments WHERE status = 'succeeded' AND created_at >= ?
         ORDER BY created_at LIMIT 1`,
      )
      .get(Date.parse('2026-07-01')) as { id: string; pi: string };
    sqlite
      .prepare(
        'UPDATE payments SET total_amount_pence = total_amount_pence + 100, platform_fee_pence = platform_fee_pence + 100 WHERE id = ?',
      )
      .run(row.id);
    try {
      const r = await ws.reconcile('fin', FIRST_WEEK);
      expect(kinds(r)).toEqual(['fee_mismatch', 'payment_amount_differs', 'roll_forward_open']);
      const amount = r.discrepancies.find((d) => d.kind === 'payment_amount_differs')!;
      expect(amount.ids).toContain(row.pi);
      expect(amount.ids).toContain(row.id);
      expect(amount.ledgerPence! - amount.stripePence!).toBe(100);
      expect(amount.links[0]).toEqual({
        label: 'Payment in the console',
        href: `#/payments?id=${row.id}`,
        external: false,
      });
      expect(r.discrepancies.find((d) => d.kind === 'fee_mismatch')!.ids).toEqual([row.pi, row.id]);
      expect(r.discrepancies.find((d) => d.kind === 'roll_forward_open')!.ledgerPence).toBe(100);
    } finally {
      sqlite
        .prepare(
          'UPDATE payments SET total_amount_pence = total_amount_pence - 100, platform_fee_pence = platform_fee_pence - 100 WHERE id = ?',
        )
        .run(row.id);
    }
  });

  it('finds a charge Stripe made that the ledger has not synced yet, and the balance that differs by it', async () => {
    const scenario = ws.sim.scenario!;
    const paid = await payLesson(ws.stripe(), scenario.learners[0]!, scenario.instructors[0]!);
    const before = await ws.reconcile('fin', JULY);
    const missing = before.discrepancies.filter((d) => d.kind === 'charge_missing_in_ledger');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.ids[0]).toMatch(/^pi_/);
    expect(missing[0]!.stripePence).toBe(paid.paid);
    const balance = before.discrepancies.find((d) => d.kind === 'stripe_balance_differs')!;
    expect(balance.stripePence! - balance.ledgerPence!).toBeGreaterThan(0);
    await ws.sync();
    const after = await ws.reconcile('fin', JULY);
    expect(kinds(after)).toEqual(['transfer_without_payout', 'unattributed']);
  });

  it('finds a bank payout whose balance transactions do not sum to its amount', async () => {
    const state = ws.sim.state;
    const payout = state.payouts.items.find(
      (p) =>
        p.account === null &&
        p.automatic &&
        p.status === 'paid' &&
        p.created * 1000 < Date.parse('2026-08-01'),
    )!;
    const carried = state.balanceTxs.items.find(
      (bt) => bt.payoutId === payout.id && bt.source !== payout.id,
    )!;
    carried.payoutId = null;
    try {
      // Read whole: Stripe itself never moves a balance transaction off a payout, so no event says so.
      const r = await ws.reconcile('fin', JULY, true);
      const unbalanced = r.discrepancies.filter((d) => d.kind === 'bank_payout_unbalanced');
      expect(unbalanced.map((d) => d.ids)).toEqual([[payout.id]]);
      expect(unbalanced[0]!.stripePence! - unbalanced[0]!.ledgerPence!).toBe(carried.amount - carried.fee);
    } finally {
      carried.payoutId = payout.id;
    }
  });
});

describe('who may reconcile, and bad input', () => {
  it('lets finance run, managers read runs, and refuses support and managers running', async () => {
    expect(await ws.refused('sup', 'recon.run', { period: FIRST_WEEK })).toBe('forbidden');
    expect(await ws.refused('man', 'recon.run', { period: FIRST_WEEK })).toBe('forbidden');
    expect(await ws.refused('sup', 'recon.history', {})).toBe('forbidden');
    const history = await ws.call('man', 'recon.history', {});
    expect(history.total).toBeGreaterThanOrEqual(5);
    expect(history.rows[0]!.ranBy).toBe('Fin Ance');
    const one = await ws.call('man', 'recon.get', { reportId: history.rows[0]!.id });
    expect(one.id).toBe(history.rows[0]!.id);
  });

  it('refuses periods that do not fit their kind, or have not started, and changes nothing', async () => {
    const before = databaseChecksum(ws.c.core);
    for (const period of [
      { kind: 'week', from: '2026-07-01', to: '2026-07-07' },
      { kind: 'month', from: '2026-07-02', to: '2026-07-31' },
      { kind: 'day', from: '2026-07-01', to: '2026-07-02' },
      { kind: 'custom', from: '2026-07-10', to: '2026-07-01' },
      { kind: 'custom', from: '2025-01-01', to: '2026-07-01' },
      { kind: 'custom', from: '2026-02-30', to: '2026-03-01' },
    ] as const)
      expect(await ws.refused('fin', 'recon.run', { period })).toBe('validation');
    expect(
      await ws.refused('fin', 'recon.run', { period: { kind: 'day', from: '2027-01-01', to: '2027-01-01' } }),
    ).toBe('validation');
    expect(
      await ws.refused('fin', 'recon.run', { period: FIRST_WEEK, fullRead: 'yes' as unknown as boolean }),
    ).toBe('validation');
    expect(databaseChecksum(ws.c.core)).toBe(before);
  });

  it('reconciles from the command line, writes the report, and exits 1 while discrepancies remain', async () => {
    const lines: string[] = [];
    const io = {
      out: (t: string) => void lines.push(t),
      err: (t: string) => void lines.push(t),
      env: { LPLATE_PASSWORD: OPERATOR_PASSWORD },
      askPassword: () => Promise.resolve(''),
    };
    const file = join(tmpdir(), `lplate-recon-cli-${process.pid}.xlsx`);
    const month = { operator: 'fin', from: JULY.from, to: JULY.to, out: file };
    expect(await reconcileCommand(ws.c.core, 'cli:recon', { values: month }, io)).toBe(1);
    expect(lines.join('\n')).toMatch(/transfer_without_payout: Transfer tr_/);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    rmSync(file, { force: true });
    expect(lines[0]).toMatch(
      /Stripe: only the changes since \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d were read\.$/,
    );
    const week = { operator: 'fin', from: FIRST_WEEK.from, to: FIRST_WEEK.to, 'full-read': true };
    expect(await reconcileCommand(ws.c.core, 'cli:recon', { values: week }, io)).toBe(0);
    expect(lines.at(-2)).toMatch(/Stripe was read whole\.$/);
  });
});

describe('a run is a job', () => {
  const db = () => ws.c.core.services.sqlite;
  const saved = () => ({
    runs: db().prepare('SELECT count(*) FROM reconciliation_reports').pluck().get(),
    audited: db()
      .prepare("SELECT count(*) FROM audit_logs WHERE entity_type = 'reconciliation' AND action = 'run'")
      .pluck()
      .get(),
  });

  it('reads Stripe page by page, then each check, and saves the report the checks make', async () => {
    const job = await runJob(ws.call, 'fin', JULY, true);
    expect(job.state).toBe('done');
    expect(job.title).toBe('Reconcile 2026-07-01 – 2026-07-31');
    expect(job.message).toBe('Found 2 discrepancies. Stripe was read whole.');
    const r = await ws.call('fin', 'recon.get', { reportId: job.resultId! });
    // The same report as the parts make when run one after the other, outside any job.
    const sqlite = db();
    const span = spanOf(JULY);
    const side = await readStripeSide(syncEngineOf(sqlite).connectedGateway()!, span);
    const figures = periodFigures(sqlite, span);
    expect(r.figures).toEqual(figures);
    expect(r.discrepancies).toEqual(
      runChecks({ sqlite, projection: PROJECTION, mode: 'test', span, side, figures }),
    );
    const objects =
      side.charges.length +
      side.transfers.length +
      side.payouts.length +
      side.payouts.reduce((n, p) => n + p.carriedCount, 0) +
      2; // the balance, and the newest event (where the kept read's changes start)
    expect(job.parts).toEqual([
      { name: 'Stripe objects read', done: objects, total: objects },
      { name: 'Checks', done: CHECKS.length + 1, total: CHECKS.length + 1 },
    ]);
  });

  it('stops when cancelled while reading Stripe, and saves nothing', async () => {
    const before = saved();
    // Every later read is slow, so the cancel lands while Stripe is still being read, however loaded the machine.
    const slow = { delay: 1, delayMs: 400 };
    ws.sim.control.setFaults({
      routes: { 'GET /v1/transfers': slow, 'GET /v1/payouts': slow, 'GET /v1/balance_transactions': slow },
    });
    try {
      const { jobId } = await ws.call('fin', 'recon.run', { period: JULY });
      let job = await ws.call('fin', 'jobs.get', { jobId });
      while (job.done === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await ws.call('fin', 'jobs.get', { jobId });
      }
      expect(job.cancellable).toBe(true);
      await ws.call('fin', 'jobs.cancel', { jobId });
      job = await ws.call('fin', 'jobs.wait', { jobId, timeoutSeconds: 30 });
      expect(job.state).toBe('cancelled');
      expect(job.message).toBe('Cancelled while reading Stripe: nothing was saved.');
      expect(job.resultId).toBeUndefined();
    } finally {
      ws.sim.control.clearFaults();
    }
    expect(saved()).toEqual(before);
  });

  it('fails in plain words when Stripe answers 500 part-way, and saves nothing', async () => {
    const before = saved();
    ws.sim.control.setFaults({ routes: { 'GET /v1/payouts': { error500: 1, shouldRetry: false } } });
    try {
      const job = await runJob(ws.call, 'fin', JULY);
      expect(job.state).toBe('failed');
      expect(job.message).toMatch(/^Stripe could not be read, so nothing was checked or saved: .+ Try again/);
      expect(job.parts.find((p) => p.name === 'Stripe objects read')!.done).toBeGreaterThan(0);
    } finally {
      ws.sim.control.clearFaults();
    }
    expect(saved()).toEqual(before);
    // Stripe answering again, the next run goes through.
    expect((await runJob(ws.call, 'fin', FIRST_WEEK)).state).toBe('done');
  });
});
