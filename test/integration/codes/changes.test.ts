// Changing codes and keeping Stripe in step: a new limit or expiry replaces the promotion code (Stripe cannot change
// its terms) with the uses left; deactivating takes effect in the console at once; a refusal by Stripe leaves the code
// visibly not in Stripe with the reason until it is sent again; a code made in Stripe can be taken over.
import { describe, expect, it } from 'vitest';
import { londonMidnight } from '../../../src/shared/dates';
import { redeemPromotionCode } from '../../../src/main/simulator/ops/coupons';
import { count, runJob } from '../sync/harness';
import { codesWorkspace, FIN, MAN, SUP } from './workspace';

const w = codesWorkspace(101, [FIN, MAN, SUP]);
const { call, row, promotionsWith, ended: settled } = w;

async function create(code: string, terms: { percentage?: number; maxUses?: number | null } = {}) {
  const made = await call('fin', 'codes.create', {
    kind: 'discount',
    code,
    percentage: terms.percentage ?? 20,
    maxUses: terms.maxUses === undefined ? 3 : terms.maxUses,
    expiresOn: '2027-01-31',
  });
  return { ...made, job: await settled(made.jobId) };
}

describe('changing a code', () => {
  it('replaces the promotion code for a new limit and expiry, carrying the uses so far', async () => {
    const { codeId } = await create('LIMITS-1');
    const [first] = promotionsWith('LIMITS-1');
    // One learner used it already: Stripe counted it on the promotion code, and sync brought the count.
    redeemPromotionCode(w.sim.state, 'LIMITS-1');
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    const { jobId } = await call('man', 'codes.update', {
      codeId,
      maxUses: 10,
      expiresOn: '2027-06-30',
      note: 'Extended for summer',
    });
    const job = await settled(jobId);
    expect(job).toMatchObject({
      title: 'Change LIMITS-1 in Stripe: limit 10, expiry Wed 30 Jun 2027',
      state: 'done',
    });
    expect(job.items.map((i) => [i.label, i.state])).toEqual([
      ['Retire the old promotion code of LIMITS-1', 'succeeded'],
      ['Create LIMITS-1', 'succeeded'],
    ]);
    const [old, fresh, ...more] = promotionsWith('LIMITS-1');
    expect(more).toEqual([]);
    expect(old).toMatchObject({ id: first!.id, active: false });
    expect(fresh).toMatchObject({
      active: true,
      maxRedemptions: 9,
      expiresAt: londonMidnight('2027-07-01') / 1000,
      metadata: { lplate_code_id: codeId },
    });
    expect(await row('LIMITS-1')).toMatchObject({
      maxUses: 10,
      expiresOn: '2027-06-30',
      stripePromotionCodeId: fresh!.id,
      stripe: { state: 'in_step' },
    });
  });

  it('refuses a limit below the uses so far, and a past expiry, changing nothing', async () => {
    const { sqlite } = w.c.core.services;
    const code = await row('LIMITS-1');
    sqlite.prepare('UPDATE discount_codes SET uses_count = 4 WHERE id = ?').run(code.id);
    const before = count(sqlite, 'SELECT count(*) FROM stripe_requests');
    await expect(call('fin', 'codes.update', { codeId: code.id, maxUses: 3 })).rejects.toMatchObject({
      code: 'validation',
      message: 'LIMITS-1 has been used 4 times: its limit cannot be lower than that.',
    });
    await expect(
      call('fin', 'codes.update', { codeId: code.id, expiresOn: '2026-11-01' }),
    ).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [{ path: ['expiresOn'] }] },
    });
    await expect(call('fin', 'codes.update', { codeId: code.id })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(call('sup', 'codes.update', { codeId: code.id, active: false })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(count(sqlite, 'SELECT count(*) FROM stripe_requests')).toBe(before);
    expect(await row('LIMITS-1')).toMatchObject({ maxUses: 10, isActive: true });
  });

  it('deactivates at once in the console, then in Stripe', async () => {
    const code = await row('LIMITS-1');
    const { jobId } = await call('man', 'codes.update', { codeId: code.id, active: false });
    // Before the outbox has sent anything, the console already treats the code as paused.
    expect(await row('LIMITS-1')).toMatchObject({
      isActive: false,
      status: 'paused',
      stripe: { state: 'sending' },
    });
    expect((await settled(jobId)).state).toBe('done');
    expect(promotionsWith('LIMITS-1').every((p) => !p.active)).toBe(true);
    expect(await row('LIMITS-1')).toMatchObject({ isActive: false, stripe: { state: 'in_step' } });
  });
});

describe('when Stripe refuses', () => {
  it('leaves the code visibly not in Stripe with the reason, then sends it again into step, without duplicates', async () => {
    w.c.core.services.outbox.sender.stop();
    const made = await call('fin', 'codes.create', {
      kind: 'discount',
      code: 'CLASH-1',
      percentage: 20,
      maxUses: null,
      expiresOn: null,
    });
    // Meanwhile someone makes an active CLASH-1 in the Stripe Dashboard: Stripe allows one active code per text.
    const coupon = await w.stripe('sk_test_dashboard').coupons.create({ percent_off: 50, duration: 'once' });
    const theirs = await w.stripe('sk_test_dashboard').promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'CLASH-1',
    });
    w.c.core.services.outbox.sender.start();
    const job = await settled(made.jobId);
    expect(job.state).toBe('failed');
    expect(job.items[0]).toMatchObject({
      state: 'failed',
      detail: expect.stringContaining('already exists'),
    });
    expect(await row('CLASH-1')).toMatchObject({
      isActive: true,
      stripePromotionCodeId: null,
      stripe: {
        state: 'refused',
        reason: expect.stringContaining('An active promotion code with `code: CLASH-1` already exists'),
      },
    });

    // The person pauses the Dashboard's code, then sends the console's again.
    await w.stripe('sk_test_dashboard').promotionCodes.update(theirs.id, { active: false });
    const again = await call('fin', 'codes.resend', { codeId: made.codeId });
    expect((await settled(again.jobId)).state).toBe('done');
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    const ours = promotionsWith('CLASH-1').filter((p) => p.metadata.lplate_code_id === made.codeId);
    expect(ours).toHaveLength(1);
    expect(await row('CLASH-1')).toMatchObject({
      stripePromotionCodeId: ours[0]!.id,
      stripe: { state: 'in_step' },
    });
  });

  it('treats a coupon Stripe already has as made, reading it from Stripe', async () => {
    // The 35% coupon exists in Stripe (made by another console workspace) but this one has not synced it.
    await w
      .stripe('sk_test_dashboard')
      .coupons.create({ id: 'lplate-percent-35', percent_off: 35, duration: 'once' });
    const { job, codeId } = await create('SHARED-35', { percentage: 35 });
    expect(job.items.map((i) => [i.label, i.state])).toEqual([
      ['Create the 35% coupon', 'succeeded'],
      ['Create SHARED-35', 'succeeded'],
    ]);
    expect(w.sim.state.coupons.items.filter((x) => x.id === 'lplate-percent-35')).toHaveLength(1);
    expect((await row('SHARED-35')).stripe).toEqual({ state: 'in_step' });
    const audit = w.c.core.services.sqlite
      .prepare(
        "SELECT new_values FROM audit_logs WHERE entity_type = 'stripe_request' AND new_values LIKE '%coupon.create%' ORDER BY seq DESC LIMIT 1",
      )
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ existed: true, stripe_object_id: 'lplate-percent-35' });
    expect(codeId).toBeTruthy();
  });

  it('cancels the promotion code when its coupon is refused, says why, and uses a new coupon when sent again', async () => {
    // The 36% coupon's id was used in Stripe and deleted there (Stripe keeps the id taken); the console has not synced.
    await w
      .stripe('sk_test_dashboard')
      .coupons.create({ id: 'lplate-percent-36', percent_off: 36, duration: 'once' });
    await w.stripe('sk_test_dashboard').coupons.del('lplate-percent-36');
    const made = await call('fin', 'codes.create', {
      kind: 'discount',
      code: 'NOCOUPON',
      percentage: 36,
      maxUses: null,
      expiresOn: null,
    });
    const job = await settled(made.jobId);
    expect(job.state).toBe('failed');
    expect(job.items.map((i) => [i.label, i.state])).toEqual([
      ['Create the 36% coupon', 'failed'],
      ['Create NOCOUPON', 'canceled'],
    ]);
    expect(job.items[1]!.detail).toBe(
      'Not sent: “Create the 36% coupon”, which it needed first, did not happen.',
    );
    expect(promotionsWith('NOCOUPON')).toEqual([]);
    expect(await row('NOCOUPON')).toMatchObject({
      stripePromotionCodeId: null,
      stripe: { state: 'refused', reason: expect.stringContaining('Coupon already exists') },
    });

    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    const again = await call('fin', 'codes.resend', { codeId: made.codeId });
    expect((await settled(again.jobId)).state).toBe('done');
    expect(promotionsWith('NOCOUPON')).toEqual([
      expect.objectContaining({ couponId: 'lplate-percent-36-v2' }),
    ]);
    expect((await row('NOCOUPON')).stripe).toEqual({ state: 'in_step' });
  });
});

describe('a code made in Stripe', () => {
  it('is taken over with its Stripe terms, audited, once', async () => {
    const code = await row('LPLATE20');
    expect(code.flags.map((f) => f.kind)).toContain('made_in_stripe');
    await expect(call('sup', 'codes.adopt', { codeId: code.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await call('fin', 'codes.adopt', { codeId: code.id, note: 'Ours now' });
    const after = await row('LPLATE20');
    expect(after.flags.map((f) => f.kind)).not.toContain('made_in_stripe');
    expect(after).toMatchObject({
      maxUses: code.maxUses,
      percentage: 20,
      stripe: { state: 'in_step' },
      madeIn: 'stripe',
      createdBy: null,
      takenOverBy: 'Fin Ance',
      createdAt: code.createdAt,
    });
    await expect(call('fin', 'codes.adopt', { codeId: code.id })).rejects.toMatchObject({ code: 'conflict' });
    const actions = w.c.core.services.sqlite
      .prepare("SELECT action FROM audit_logs WHERE entity_id = ? AND actor = 'operator'")
      .pluck()
      .all(code.id);
    expect(actions).toEqual(['adopted']);
  });
});
