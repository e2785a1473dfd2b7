// Disputes: listed with status, amount, reason, evidence due date and days left (also per payment); funds withdrawn
// and returned are journaled; open disputes are on the Overview's Needs attention, soonest deadline first; a lost dispute puts the
// instructor's share up for a finance decision, recorded once and audited.
import { describe, expect, it } from 'vitest';
import { count, FIXED_NOW } from '../sync/harness';
import { refundsWorkspace } from './workspace';

const w = refundsWorkspace(65);
const { call } = w;
const DAY = 86_400_000;

describe('disputes', () => {
  it('lists an opened dispute with its deadline, journals the funds, and lists it on the Overview’s Needs attention', async () => {
    const { sqlite } = w.c.core.services;
    const [paymentId] = w.payments('small');
    const pi = w.pi(paymentId!);
    const openOnOverview = async () =>
      (await call('sup', 'overview.attention', {})).find((g) => g.kind === 'open_disputes')?.total ?? 0;
    const before = await openOnOverview();
    const opened = w.sim.control.openDispute(pi, 'product_not_received');
    await w.sync();
    const [row] = (await call('sup', 'disputes.list', { paymentId: paymentId! })).rows;
    expect(row).toMatchObject({
      id: opened.id,
      status: 'needs_response',
      amountPence: opened.amount,
      reason: 'product_not_received',
      evidenceDueBy: opened.evidence_details.due_by! * 1000,
      // The simulated marketplace's today is months before the console's: the evidence is overdue here.
      daysLeft: Math.ceil((opened.evidence_details.due_by! * 1000 - FIXED_NOW) / DAY),
      payment: {
        id: paymentId,
        paymentIntentId: pi,
        dashboardUrl: `https://dashboard.stripe.com/test/payments/${pi}`,
      },
      needsDecision: false,
      // The dispute's own page, where evidence is submitted, not its payment's.
      dashboardUrl: `https://dashboard.stripe.com/test/disputes/${opened.id}`,
    });
    expect(
      count(
        sqlite,
        "SELECT count(*) FROM journal_transactions WHERE kind = 'dispute' AND source_id = ?",
        opened.id,
      ),
    ).toBe(1);
    expect(await openOnOverview()).toBe(before + 1);
    expect(w.problems()).toEqual([]);
  });

  it('puts a lost dispute up for finance to claw back or absorb the instructor’s share, once, audited', async () => {
    const [paymentId] = w.payments('small');
    const pi = w.pi(paymentId!);
    const opened = w.sim.control.openDispute(pi);
    await w.sync();
    const early = await call('fin', 'disputes.decide', {
      disputeId: opened.id,
      decision: 'absorb',
      note: 'x',
    }).catch((e: Error) => e.message);
    expect(early).toMatch(/decided only once a dispute is lost/);
    w.sim.control.closeDispute(opened.id, 'lost');
    await w.sync();
    const [lost] = (await call('fin', 'disputes.list', { paymentId: paymentId! })).rows;
    expect(lost).toMatchObject({ status: 'lost', needsDecision: true, decision: null, daysLeft: null });
    const bySupport = await w.c.core.dispatcher.call('sup', 'disputes.decide', {
      disputeId: opened.id,
      decision: 'absorb',
      note: 'Goodwill',
    });
    expect(bySupport).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('fin', 'disputes.decide', {
      disputeId: opened.id,
      decision: 'claw_back',
      note: 'Lesson never given',
    });
    const again = await call('man', 'disputes.decide', {
      disputeId: opened.id,
      decision: 'absorb',
      note: 'No',
    }).catch((e: Error) => e.message);
    expect(again).toMatch(/Fin Ance decided this dispute already/);
    const [decided] = (await call('fin', 'disputes.list', { paymentId: paymentId! })).rows;
    expect(decided).toMatchObject({
      needsDecision: false,
      decision: {
        decision: 'claw_back',
        note: 'Lesson never given',
        decidedBy: 'Fin Ance',
        instructorSharePence: 0,
      },
    });
    const audit = await call('fin', 'audit.list', { entityType: 'dispute', q: opened.id });
    expect(audit.rows.map((e) => [e.action, e.operatorName])).toEqual([['claw_back_decided', 'Fin Ance']]);
    expect(w.problems()).toEqual([]);
  });
});
