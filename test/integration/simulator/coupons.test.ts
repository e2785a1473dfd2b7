// Coupons and promotion codes within Stripe's limits: one active code per text, coupon limits, deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

const promo = (coupon: string, extra: Record<string, unknown> = {}) =>
  h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon }, ...extra });

describe('coupons', () => {
  it('keeps duration_in_months for repeating coupons and the currency of amount_off ones', async () => {
    const repeating = await h.stripe.coupons.create({
      percent_off: 10,
      duration: 'repeating',
      duration_in_months: 3,
    });
    expect(repeating).toMatchObject({ duration: 'repeating', duration_in_months: 3 });
    const fixed = await h.stripe.coupons.create({ amount_off: 500, currency: 'gbp' });
    expect(fixed).toMatchObject({ amount_off: 500, currency: 'gbp', percent_off: null });
  });

  it('deletes a coupon: Stripe’s deleted object, coupon.deleted, gone from retrieve and list, its codes deactivated', async () => {
    const c = await h.stripe.coupons.create({ percent_off: 20, id: 'to-delete' });
    const code = await promo(c.id, { code: 'GONE20' });
    const deleted = await h.stripe.coupons.del(c.id);
    expect(deleted).toMatchObject({ id: 'to-delete', object: 'coupon', deleted: true });
    expect((await expectStripeError(h.stripe.coupons.retrieve(c.id))).statusCode).toBe(404);
    expect((await h.stripe.coupons.list({ limit: 100 })).data.some((x) => x.id === c.id)).toBe(false);
    expect((await h.stripe.promotionCodes.retrieve(code.id)).active).toBe(false);
    const event = (await h.stripe.events.list({ type: 'coupon.deleted', limit: 1 })).data[0]!;
    expect((event.data.object as { id: string }).id).toBe(c.id);
    const again = await expectStripeError(h.stripe.promotionCodes.update(code.id, { active: true }));
    expect(again.statusCode).toBe(400);
    expect((await expectStripeError(promo(c.id))).statusCode).toBe(404);
  });
});

describe('promotion codes', () => {
  it('allows one active code per text case-insensitively, also when an inactive one is re-activated', async () => {
    const c = await h.stripe.coupons.create({ percent_off: 5 });
    const first = await promo(c.id, { code: 'SPRING5' });
    await h.stripe.promotionCodes.update(first.id, { active: false });
    const second = await promo(c.id, { code: 'spring5' });
    expect(second.active).toBe(true);
    const clash = await expectStripeError(h.stripe.promotionCodes.update(first.id, { active: true }));
    expect(clash).toMatchObject({ statusCode: 400, code: 'resource_already_exists', param: 'code' });
    expect((await h.stripe.promotionCodes.retrieve(first.id)).active).toBe(false);
  });

  it('respects the coupon’s limits: redeem_by, max_redemptions and validity', async () => {
    const redeemBy = h.sim.control.now() + 10 * 86_400;
    const c = await h.stripe.coupons.create({ percent_off: 5, max_redemptions: 2, redeem_by: redeemBy });
    const late = await expectStripeError(promo(c.id, { expires_at: redeemBy + 1 }));
    expect(late.param).toBe('expires_at');
    const many = await expectStripeError(promo(c.id, { max_redemptions: 3 }));
    expect(many.param).toBe('max_redemptions');
    await expect(promo(c.id, { expires_at: redeemBy, max_redemptions: 2 })).resolves.toBeTruthy();
    h.sim.control.advance(11 * 86_400);
    const expired = await expectStripeError(promo(c.id));
    expect(expired).toMatchObject({ code: 'coupon_expired', param: 'promotion[coupon]' });
  });

  it('keeps restrictions it accepts and applies the customer filter (no code is restricted to a customer)', async () => {
    const c = await h.stripe.coupons.create({ percent_off: 5 });
    const code = await promo(c.id, {
      restrictions: { first_time_transaction: true, minimum_amount: 3000, minimum_amount_currency: 'gbp' },
    });
    expect(code.restrictions).toEqual({
      first_time_transaction: true,
      minimum_amount: 3000,
      minimum_amount_currency: 'gbp',
    });
    expect((await h.stripe.promotionCodes.list({ customer: 'cus_123' })).data).toEqual([]);
  });
});
