// A code's usage comes back through sync: uses_count is the succeeded payments that used it (as the scenario made
// them), a new payment shows in the code's weeks, revenue, discount cost and net fee, and what a person should look
// at is flagged — Stripe counting otherwise, a referral code used by its referrer, a code only Stripe has.
import { describe, expect, it } from 'vitest';
import { runJob } from '../sync/harness';
import { payLesson } from '../../fixtures/lesson-payment';
import { codesWorkspace, FIN } from './workspace';

const w = codesWorkspace(99, [FIN]);
const { call } = w;
const marketplace = () => w.stripe('sk_test_marketplace');

async function allCodes(kind: 'discount' | 'referral') {
  return (await call('fin', 'codes.list', { kind, pageSize: 500 })).rows;
}

const settled = (jobId: string) => w.ended(jobId);

/** A lesson paid in Stripe by the marketplace's checkout, with a code's discount off the list price. */
async function pay(
  learnerIndex: number,
  code: { text: string; pct: number; kind: 'discount' | 'referral' } | null,
) {
  const instructor = w.sim.scenario!.instructors[0]!;
  const learner = w.sim.scenario!.learners[learnerIndex]!;
  const paid = await payLesson(marketplace(), learner, instructor, code);
  return { ...paid, instructor: instructor.ratePence, learner };
}

describe('usage through sync', () => {
  it("counts each code's uses as the succeeded payments that used it in the scenario", async () => {
    const codes = [...(await allCodes('discount')), ...(await allCodes('referral'))];
    const expected = (code: string) =>
      w.sim.state.payments.items.filter(
        (p) =>
          p.status === 'succeeded' &&
          (p.metadata.lplate_discount_code ?? p.metadata.lplate_referral_code)?.toUpperCase() === code,
      ).length;
    expect(codes.length).toBeGreaterThanOrEqual(3);
    expect(codes.reduce((n, r) => n + r.usesCount, 0)).toBeGreaterThan(0);
    for (const r of codes)
      expect({ code: r.code, uses: r.usesCount }).toEqual({ code: r.code, uses: expected(r.code) });
    // Stripe counted the same redemptions, so nothing is flagged but that the codes were made in Stripe.
    for (const r of codes) expect(r.flags.map((f) => f.kind)).toEqual(['made_in_stripe']);
  });

  it("shows a new payment with a code in the code's weeks, revenue, discount cost and net fee after sync", async () => {
    const created = await call('fin', 'codes.create', {
      kind: 'discount',
      code: 'HALF-OFF',
      percentage: 50,
      maxUses: 10,
      expiresOn: null,
    });
    expect((await settled(created.jobId)).state).toBe('done');
    const before = await call('fin', 'codes.get', { codeId: created.codeId });
    expect(before.totals.uses).toBe(0);
    expect(before.weeks).toEqual([]);

    const paid = await pay(1, { text: 'HALF-OFF', pct: 50, kind: 'discount' });
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    const after = await call('fin', 'codes.get', { codeId: created.codeId });
    expect(after.code).toMatchObject({
      usesCount: 1,
      revenuePence: paid.paid,
      stripeTimesRedeemed: 1,
      flags: [],
    });
    expect(after.totals).toEqual({
      uses: 1,
      revenuePence: paid.paid,
      discountPence: paid.discount,
      refundedPence: 0,
      // The platform absorbs the discount: half off a lesson is more than its 18% fee, a subsidy.
      netFeePence: paid.paid - paid.instructor,
      instructorPence: paid.instructor,
    });
    expect(after.totals.netFeePence).toBeLessThan(0);
    const used = after.weeks.filter((w) => w.uses > 0);
    expect(used).toEqual([{ week: expect.any(String), uses: 1, revenuePence: paid.paid }]);
    // Weeks start on Monday and run, gaps filled, to this week.
    expect(new Date(`${after.weeks[0]!.week}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(after.weeks.at(-1)!.week).toBe('2026-11-23');
  });

  it('counts a payment that named a code before the console made it, once the code is made', async () => {
    const paid = await pay(2, { text: 'LATE-20', pct: 20, kind: 'discount' });
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    // Making the code links the payment that named it, which counts a use (and the call declares that write).
    const created = await call('fin', 'codes.create', {
      kind: 'discount',
      code: 'LATE-20',
      percentage: 20,
      maxUses: null,
      expiresOn: null,
    });
    expect((await settled(created.jobId)).state).toBe('done');
    const code = await call('fin', 'codes.get', { codeId: created.codeId });
    expect(code.code.usesCount).toBe(1);
    expect(code.totals).toMatchObject({ uses: 1, revenuePence: paid.paid });
  });

  it('flags a referral code used by its own referrer', async () => {
    const referrer = w.sim.scenario!.learners[5]!;
    const created = await call('fin', 'codes.create', {
      kind: 'referral',
      code: 'MATE-10',
      percentage: 10,
      maxUses: null,
      expiresOn: null,
      referrerId: referrer.id,
    });
    expect((await settled(created.jobId)).state).toBe('done');
    await pay(5, { text: 'MATE-10', pct: 10, kind: 'referral' });
    const friend = await pay(6, { text: 'MATE-10', pct: 10, kind: 'referral' });
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    const detail = await call('fin', 'codes.get', { codeId: created.codeId });
    expect(detail.ownReferrerUses).toBe(1);
    expect(detail.code.flags).toEqual([
      { kind: 'own_referrer', message: 'Used 1 time by its own referrer, which the rules forbid.' },
    ]);
    const referrers = await call('fin', 'codes.referrers', {
      sort: { column: 'revenue', direction: 'desc' },
    });
    const mine = referrers.rows.find((r) => r.referrer.id === referrer.id)!;
    // Their own payment is not a referral.
    expect(mine).toMatchObject({
      codes: ['MATE-10'],
      referredLearners: 1,
      uses: 1,
      revenuePence: friend.paid,
    });
    const file = await call('fin', 'codes.referrersCsv', { sort: 'learners' });
    expect(file.csv.split('\r\n')[0]).toBe(
      'Referrer,Email,Codes,Referred learners,Uses,Revenue (GBP),Discount given (GBP)',
    );
    expect(file.csv).toContain(`${referrer.name},${referrer.email},MATE-10,1,1,`);
  });

  it('flags a code Stripe counted more often than the console has payments for', async () => {
    // A payment naming the code that the console cannot attribute (no learner in its metadata): Stripe still counts it.
    await marketplace().paymentIntents.create({
      amount: 1000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      metadata: { lplate_discount_code: 'HALF-OFF' },
    });
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    const row = (await allCodes('discount')).find((r) => r.code === 'HALF-OFF')!;
    expect(row).toMatchObject({ usesCount: 1, stripeTimesRedeemed: 2 });
    expect(row.flags).toEqual([
      { kind: 'count_differs', message: 'Stripe counted 2 redemptions; 1 succeeded payment used it.' },
    ]);
  });

  it('rebuilds to the same ledger, keeping every definition and each code in step', async () => {
    const { sqlite } = w.c.core.services;
    const before = sqlite.prepare('SELECT * FROM discount_codes ORDER BY id').all();
    const hash = await call('fin', 'ledger.hash', {});
    expect(await call('fin', 'ledger.rebuild', {})).toMatchObject({ identical: true, before: hash.hash });
    expect(sqlite.prepare('SELECT * FROM discount_codes ORDER BY id').all()).toEqual(before);
    expect((await allCodes('discount')).find((r) => r.code === 'HALF-OFF')?.stripe).toEqual({
      state: 'in_step',
    });
  });
});
