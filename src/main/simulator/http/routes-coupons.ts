// /v1/coupons and /v1/promotion_codes (platform only): Stripe's required, dependent and ranged parameters.
import type { Route } from './route';
import { LIST_KEYS, type Params } from './params';
import { list, one, params } from './route';
import { missingParam, paramError } from '../core/errors';
import { paginate } from '../core/list';
import {
  createCoupon,
  createPromotionCode,
  deleteCoupon,
  getCoupon,
  getPromotionCode,
  updateCoupon,
  updatePromotionCode,
  type CouponInput,
} from '../ops/coupons';
import { renderCoupon, renderPromotionCode } from '../render/others';

const DURATIONS = ['once', 'forever', 'repeating'] as const;
const NAME_MAX = 40;
const FIVE_YEARS = 5 * 365 * 86_400;

/** Stripe's rules for a new coupon: one kind of discount, its currency, duration and limits. */
function couponInput(p: Params, now: number): CouponInput {
  const percent = p.str('percent_off');
  const amountOff = p.positiveInt('amount_off');
  if ((percent === undefined) === (amountOff === undefined))
    throw paramError('You must pass exactly one of percent_off or amount_off.', 'percent_off');
  let percentOff: number | null = null;
  if (percent !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(percent))
      throw paramError(`Invalid decimal: ${percent}`, 'percent_off', 'parameter_invalid_decimal');
    percentOff = Number(percent);
    if (percentOff <= 0 || percentOff > 100)
      throw paramError('Invalid percent_off: must be greater than 0 and at most 100.', 'percent_off');
  }
  if (amountOff !== undefined && !p.has('currency')) throw missingParam('currency');
  p.currency();
  const duration = p.oneOf('duration', DURATIONS) ?? 'once';
  const months = p.positiveInt('duration_in_months');
  if (duration === 'repeating' && months === undefined) throw missingParam('duration_in_months');
  if (duration !== 'repeating' && months !== undefined)
    throw paramError('duration_in_months can only be set when duration is repeating.', 'duration_in_months');
  const redeemBy = p.futureTimestamp('redeem_by', now);
  if (redeemBy !== undefined && redeemBy > now + FIVE_YEARS)
    throw paramError('Invalid redeem_by: cannot be more than 5 years in the future.', 'redeem_by');
  return {
    id: p.str('id'),
    name: p.shortStr('name', NAME_MAX) ?? null,
    percentOff,
    amountOff: amountOff ?? null,
    duration,
    durationInMonths: months ?? null,
    maxRedemptions: p.positiveInt('max_redemptions') ?? null,
    redeemBy: redeemBy ?? null,
    metadata: p.metadata(),
  };
}

/** promotion[type] is required (API 2025-09-30 onwards) and `coupon` is its only type. */
function promotionCoupon(p: Params): string {
  if (p.raw.promotion === undefined) throw missingParam('promotion');
  const type = p.oneOf('promotion[type]', ['coupon'], p.at('promotion', 'type'));
  if (type === undefined) throw missingParam('promotion[type]');
  const coupon = p.str('promotion[coupon]', p.at('promotion', 'coupon'));
  if (!coupon) throw missingParam('promotion[coupon]');
  return coupon;
}

function minimumAmount(p: Params): number | undefined {
  const amount = p.positiveInt('restrictions[minimum_amount]', p.at('restrictions', 'minimum_amount'));
  const currency = p.str(
    'restrictions[minimum_amount_currency]',
    p.at('restrictions', 'minimum_amount_currency'),
  );
  if (amount !== undefined && currency === undefined)
    throw missingParam('restrictions[minimum_amount_currency]');
  if (currency !== undefined && currency.toLowerCase() !== 'gbp')
    throw paramError(
      `Invalid currency: ${currency}. This simulator supports gbp only.`,
      'restrictions[minimum_amount_currency]',
    );
  return amount;
}

export const couponRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/coupons',
    resource: 'coupon',
    handler: (ctx) => {
      const p = params(ctx, [
        'id',
        'name',
        'percent_off',
        'amount_off',
        'currency',
        'duration',
        'duration_in_months',
        'max_redemptions',
        'redeem_by',
        'metadata',
      ]);
      return one(ctx, p, renderCoupon(ctx.state, createCoupon(ctx.state, couponInput(p, ctx.state.now))));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/coupons',
    resource: 'coupon',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS]);
      const s = ctx.state;
      const page = paginate(
        s.coupons.items,
        (id) => s.coupons.position(id),
        p.list(),
        (c) => !c.deleted,
      );
      return list(ctx, p, '/v1/coupons', page, (c) => renderCoupon(s, c));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/coupons/:id',
    resource: 'coupon',
    handler: (ctx) => one(ctx, params(ctx, []), renderCoupon(ctx.state, getCoupon(ctx.state, ctx.path.id!))),
  },
  {
    method: 'POST',
    pattern: '/v1/coupons/:id',
    resource: 'coupon',
    handler: (ctx) => {
      const p = params(ctx, ['name', 'metadata']);
      const name = p.shortStr('name', NAME_MAX);
      const c = updateCoupon(ctx.state, ctx.path.id!, {
        name: name === undefined ? undefined : name || null,
        metadata: p.metadata(),
      });
      return one(ctx, p, renderCoupon(ctx.state, c));
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/coupons/:id',
    resource: 'coupon',
    handler: (ctx) => {
      params(ctx, []);
      return { body: deleteCoupon(ctx.state, ctx.path.id!) };
    },
  },
  {
    method: 'POST',
    pattern: '/v1/promotion_codes',
    resource: 'promotion_code',
    handler: (ctx) => {
      const p = params(ctx, [
        'promotion[type]',
        'promotion[coupon]',
        'code',
        'active',
        'expires_at',
        'max_redemptions',
        'metadata',
        'restrictions[first_time_transaction]',
        'restrictions[minimum_amount]',
        'restrictions[minimum_amount_currency]',
      ]);
      const coupon = promotionCoupon(p);
      const code = p.str('code');
      if (code !== undefined && !/^[a-zA-Z0-9-]{1,500}$/.test(code))
        throw paramError(`Invalid code: ${code}`, 'code', 'parameter_invalid_string');
      const firstTime = p.str(
        'restrictions[first_time_transaction]',
        p.at('restrictions', 'first_time_transaction'),
      );
      if (firstTime !== undefined && firstTime !== 'true' && firstTime !== 'false')
        throw paramError(
          `Invalid boolean: ${firstTime}`,
          'restrictions[first_time_transaction]',
          'parameter_invalid_boolean',
        );
      const pc = createPromotionCode(ctx.state, {
        coupon,
        code,
        active: p.bool('active'),
        expiresAt: p.futureTimestamp('expires_at', ctx.state.now) ?? null,
        maxRedemptions: p.positiveInt('max_redemptions') ?? null,
        metadata: p.metadata(),
        firstTimeTransaction: firstTime === 'true',
        minimumAmount: minimumAmount(p) ?? null,
      });
      return one(ctx, p, renderPromotionCode(ctx.state, pc));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/promotion_codes',
    resource: 'promotion_code',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'active', 'code', 'coupon', 'customer']);
      const s = ctx.state;
      const active = p.bool('active');
      const code = p.str('code')?.toUpperCase();
      const coupon = p.str('coupon');
      // No promotion code here is restricted to a customer: a customer filter matches nothing.
      const customer = p.str('customer');
      const page = paginate(
        s.promotionCodes.items,
        (id) => s.promotionCodes.position(id),
        p.list(),
        (pc) =>
          customer === undefined &&
          (active === undefined || pc.active === active) &&
          (code === undefined || pc.code.toUpperCase() === code) &&
          (coupon === undefined || pc.couponId === coupon),
      );
      return list(ctx, p, '/v1/promotion_codes', page, (pc) => renderPromotionCode(s, pc));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/promotion_codes/:id',
    resource: 'promotion_code',
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderPromotionCode(ctx.state, getPromotionCode(ctx.state, ctx.path.id!))),
  },
  {
    method: 'POST',
    pattern: '/v1/promotion_codes/:id',
    resource: 'promotion_code',
    handler: (ctx) => {
      const p = params(ctx, ['active', 'metadata']);
      const pc = updatePromotionCode(ctx.state, ctx.path.id!, {
        active: p.bool('active'),
        metadata: p.metadata(),
      });
      return one(ctx, p, renderPromotionCode(ctx.state, pc));
    },
  },
];
