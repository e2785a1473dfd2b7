// The Unattributed inbox on a workspace fed from a simulated scenario (real SQLite, the real stripe SDK against the
// simulator): finance attributes the £47.20 payment and the £30 Dashboard transfer, or marks money as not the
// marketplace's; refusals change nothing; the ledger, Overview and lists follow; a rebuild keeps every decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { databaseChecksum, type TestCore } from '../../fixtures/core';
import {
  applyInBatches,
  listScenarioInputs,
  openScenarioCore,
  stripeFor,
} from '../../fixtures/scenario-inputs';
import { balances } from '../../../src/main/ledger/index';

let sim: RunningSimulator;
let t: TestCore;
const sqlite = () => t.core.services.sqlite;
const anomaly = (kind: string) =>
  sim.scenario!.anomalies.find((a) => a.kind === kind)!.ids as [string, ...string[]];

beforeAll(async () => {
  ({ sim, t } = await openScenarioCore(13, { instructors: 3, learners: 15, weeks: 5, paymentsPerWeek: 12 }));
  await t.ok('finance', 'completions.import', {
    fileName: 'completions.csv',
    csv: sim.scenario!.completionsCsv(),
  });
});

afterAll(async () => {
  t.close();
  await sim.close();
});

/** Overview's instructor payable and the Instructors page's owed, summed over every instructor. */
async function payableFigures() {
  const overview = await t.ok('finance', 'overview.summary', { period: 'today' });
  const instructors = await t.ok('finance', 'instructors.list', { pageSize: 500 });
  return {
    overview: overview.kpis.instructorPayable.valuePence,
    owed: instructors.rows.reduce((s, r) => s + r.owedPence, 0),
  };
}

/** Expects a refusal with its code (and, when given, the field it names), and that nothing changed. */
async function refused(
  who: string,
  input: Parameters<TestCore['call']>[2] & object,
  code: string,
  field?: string,
): Promise<string> {
  const before = databaseChecksum(t.core);
  const r = await t.call(who, 'unattributed.resolve', input as never);
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe(code);
  if (field) expect((r.error.details as { issues: { path: string[] }[] }).issues[0]!.path).toEqual([field]);
  expect(databaseChecksum(t.core)).toBe(before);
  return r.error.message;
}

describe('the Unattributed inbox', () => {
  it('lists the payment without metadata and the Dashboard transfer with amounts and Stripe links', async () => {
    const [pi] = anomaly('payment_without_metadata');
    const [tr, account] = anomaly('transfer_without_payout_record');
    const open = await t.ok('support', 'unattributed.list', {});
    expect(open.total).toBe(2);
    const payment = open.rows.find((r) => r.id === pi)!;
    expect(payment).toMatchObject({ objectType: 'payment_intent', amountPence: 4720, canAttribute: true });
    expect(payment.stripeUrl).toBe(`https://dashboard.stripe.com/test/payments/${pi}`);
    const transfer = open.rows.find((r) => r.id === tr)!;
    expect(transfer).toMatchObject({ objectType: 'transfer', amountPence: 3000, canAttribute: true });
    expect(transfer.stripeUrl).toBe(`https://dashboard.stripe.com/test/connect/transfers/${tr}`);
    expect(transfer.destination).toMatchObject({
      accountId: account,
      instructorId: sim.scenario!.instructors[0]!.id,
    });
    // the £30 counts as paid on the Instructors page already (the ledger's transfer, as the payout preview counts it)
    const figures = await payableFigures();
    expect(figures.owed).toBe(figures.overview);
  });

  it('lets only finance decide, and refuses bad decisions with a reason tied to the field, changing nothing', async () => {
    const [pi] = anomaly('payment_without_metadata');
    const [tr] = anomaly('transfer_without_payout_record');
    const learner = sim.scenario!.learners[0]!;
    const cheapest = [...sim.scenario!.instructors].sort((a, b) => a.ratePence - b.ratePence)[0]!;
    const attribute = {
      resolution: 'attribute_payment',
      objectId: pi,
      learnerId: learner.id,
      instructorId: cheapest.id,
      paymentType: 'lesson',
      hours: 1,
      note: 'Paid at the desk',
    } as const;
    for (const who of ['support', 'manager', 'admin']) await refused(who, attribute, 'forbidden');
    if (cheapest.ratePence < 4000)
      expect(await refused('finance', attribute, 'validation', 'hours')).toMatch(
        /^£47\.20 is more than 1 h with /,
      );
    await refused('finance', { ...attribute, learnerId: cheapest.id }, 'validation', 'learnerId');
    // a payout is made on a Friday: Wednesday 22 July is refused
    expect(
      await refused(
        'finance',
        { resolution: 'attribute_transfer', objectId: tr, payoutDate: '2026-07-22', note: 'Weekly run' },
        'validation',
        'payoutDate',
      ),
    ).toMatch(/is not a Friday/);
    await refused(
      'finance',
      { resolution: 'attribute_transfer', objectId: pi, payoutDate: '2026-07-24', note: 'Weekly run' },
      'validation',
    );
    await refused(
      'finance',
      { resolution: 'not_marketplace', objectId: 'pi_nothere', note: 'Not ours' },
      'not_found',
    );
    const short = await t.call('finance', 'unattributed.resolve', {
      resolution: 'not_marketplace',
      objectId: pi,
      note: ' ',
    });
    expect(short.ok ? '' : short.error.message).toMatch(/Say in a few words why/);
  });

  it('attributes the Dashboard transfer to its instructor’s payout: the two payable figures then agree', async () => {
    const [tr] = anomaly('transfer_without_payout_record');
    const instructor = sim.scenario!.instructors[0]!;
    const result = await t.ok('finance', 'unattributed.resolve', {
      resolution: 'attribute_transfer',
      objectId: tr,
      payoutDate: '2026-07-24',
      note: 'Paid by hand from the Dashboard for the week',
    });
    expect(result).toEqual({ objectId: tr, decision: 'attributed' });
    const payout = sqlite().prepare('SELECT * FROM payouts WHERE stripe_transfer_id = ?').get(tr);
    expect(payout).toMatchObject({
      instructor_id: instructor.id,
      amount_pence: 3000,
      status: 'paid',
      payout_date: '2026-07-24',
    });
    const figures = await payableFigures();
    expect(figures.owed).toBe(figures.overview);
    expect(await t.ok('finance', 'ledger.invariants', {})).toEqual({ ok: true, violations: [] });
    const audit = sqlite()
      .prepare("SELECT action, user_id FROM audit_logs WHERE entity_type = 'attribution' AND entity_id = ?")
      .all(tr);
    expect(audit).toEqual([{ action: 'attribute', user_id: expect.any(String) }]);
    await refused(
      'finance',
      { resolution: 'not_marketplace', objectId: tr, note: 'Changed my mind' },
      'conflict',
    );
  });

  it('attributes the £47.20 payment to a learner and instructor: it joins Payments, credits and the ledger', async () => {
    const [pi] = anomaly('payment_without_metadata');
    const learner = sim.scenario!.learners[1]!;
    const instructor = sim.scenario!.instructors.find((i) => i.ratePence <= 4000)!;
    const hours = instructor.ratePence === 4000 ? 1 : 2;
    const creditsBefore = await t.ok('finance', 'credits.list', { q: learner.email });
    t.clock.advance(60_000);
    await t.ok('finance', 'unattributed.resolve', {
      resolution: 'attribute_payment',
      objectId: pi,
      learnerId: learner.id,
      instructorId: instructor.id,
      paymentType: 'lesson',
      hours,
      note: 'Learner paid by phone; confirmed by the instructor',
    });
    const payments = await t.ok('support', 'payments.list', { q: pi });
    expect(payments.rows).toHaveLength(1);
    expect(payments.rows[0]).toMatchObject({
      totalPence: 4720,
      instructorPence: hours * instructor.ratePence,
      learner: { id: learner.id },
      instructor: { id: instructor.id },
    });
    const creditsAfter = await t.ok('finance', 'credits.list', { q: learner.email });
    if ('capped' in creditsAfter.totals || 'capped' in creditsBefore.totals)
      throw new Error('a narrow search is added up');
    expect(creditsAfter.totals.hoursPurchased - creditsBefore.totals.hoursPurchased).toBe(hours);
    expect(balances(sqlite()).totals.unattributed ?? 0).toBe(0);
    expect((await t.ok('support', 'unattributed.list', {})).total).toBe(0);
    const resolved = await t.ok('support', 'unattributed.list', { state: 'resolved' });
    expect(resolved.rows.map((r) => [r.id, r.decision?.decision, r.decision?.decidedBy])).toEqual([
      [pi, 'attributed', 'Finance Person'],
      [anomaly('transfer_without_payout_record')[0], 'attributed', 'Finance Person'],
    ]);
    expect(resolved.rows[0]!.amountPence).toBe(4720);
    expect(await t.ok('finance', 'ledger.invariants', {})).toEqual({ ok: true, violations: [] });
  });

  it('marks money as not the marketplace’s: out of the inbox, out of payable, into its own ledger account', async () => {
    const stripe = stripeFor(sim);
    const instructor = sim.scenario!.instructors[1]!;
    const transfer = await stripe.transfers.create({
      amount: 1250,
      currency: 'gbp',
      destination: instructor.accountId,
    });
    const payment = await stripe.paymentIntents.create({
      amount: 999,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    applyInBatches(sqlite(), await listScenarioInputs(sim), t.clock.now());
    const open = await t.ok('finance', 'unattributed.list', {});
    expect(open.rows.map((r) => r.id).sort()).toEqual([payment.id, transfer.id].sort());
    const before = await payableFigures();
    expect(before.owed).toBe(before.overview);
    for (const id of [transfer.id, payment.id])
      await t.ok('finance', 'unattributed.resolve', {
        resolution: 'not_marketplace',
        objectId: id,
        note: 'The owner’s own test',
      });
    expect((await t.ok('finance', 'unattributed.list', {})).total).toBe(0);
    const figures = await payableFigures();
    expect(figures.owed).toBe(figures.overview);
    expect(balances(sqlite()).totals.not_marketplace).toBe(1250 - 999);
    expect(await t.ok('finance', 'ledger.invariants', {})).toEqual({ ok: true, violations: [] });
  });

  it('keeps every decision through a rebuild, byte for byte', async () => {
    const decisions = sqlite().prepare('SELECT * FROM attributions ORDER BY object_id').all();
    expect(decisions).toHaveLength(4);
    const report = await t.ok('finance', 'ledger.rebuild', {});
    expect(report.identical).toBe(true);
    expect(sqlite().prepare('SELECT * FROM attributions ORDER BY object_id').all()).toEqual(decisions);
    expect((await t.ok('finance', 'unattributed.list', {})).total).toBe(0);
    const figures = await payableFigures();
    expect(figures.owed).toBe(figures.overview);
  });
});
