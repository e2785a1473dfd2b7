// /v1/coupons and /v1/promotion_codes (platform only).
import type { Route } from './route';
import { LIST_KEYS } from './params';
import { list, one, params } from './route';
import { invalidRequest, missingParam } from '../core/errors';
import { paginate } from '../core/list';
import {
  createCoupon,
  createPromotionCode,
  getCoupon,
  getPromotionCode,
  updateCoupon,
  updatePromotionCode,
} from '../ops/coupons';
import { renderCoupon, renderPromotionCode } from '../render/others';

const DURATIONS = ['once', 'forever', 'repeating'] as const;

export const couponRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/coupons',
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
      const duration = p.str('duration') ?? 'once';
      if (!(DURATIONS as readonly string[]).includes(duration))
        throw invalidRequest(`Invalid duration: ${duration}`, 'duration', 'parameter_invalid_string');
      const percent = p.str('percent_off');
      if (percent !== undefined && !/^\d+(\.\d+)?$/.test(percent))
        throw invalidRequest(`Invalid decimal: ${percent}`, 'percent_off', 'parameter_invalid_decimal');
      const amountOff = p.int('amount_off');
      if (amountOff !== undefined) p.currency();
      const c = createCoupon(ctx.state, {
        id: p.str('id'),
        name: p.str('name') ?? null,
        percentOff: percent === undefined ? null : Number(percent),
        amountOff: amountOff ?? null,
        duration: duration as (typeof DURATIONS)[number],
        maxRedemptions: p.int('max_redemptions') ?? null,
        redeemBy: p.int('redeem_by') ?? null,
        metadata: p.metadata(),
      });
      return one(ctx, p, renderCoupon(ctx.state, c));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/coupons',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS]);
      const s = ctx.state;
      return list(
        ctx,
        p,
        '/v1/coupons',
        paginate(s.coupons.items, (id) => s.coupons.position(id), p.list()),
        (c) => renderCoupon(s, c),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/v1/coupons/:id',
    handler: (ctx) => one(ctx, params(ctx, []), renderCoupon(ctx.state, getCoupon(ctx.state, ctx.path.id!))),
  },
  {
    method: 'POST',
    pattern: '/v1/coupons/:id',
    handler: (ctx) => {
      const p = params(ctx, ['name', 'metadata']);
      return one(
        ctx,
        p,
        renderCoupon(
          ctx.state,
          updateCoupon(ctx.state, ctx.path.id!, { name: p.nullableStr('name'), metadata: p.metadata() }),
        ),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/v1/promotion_codes',
    handler: (ctx) => {
      const p = params(ctx, [
        'promotion',
        'code',
        'active',
        'expires_at',
        'max_redemptions',
        'metadata',
        'restrictions',
      ]);
      const promotion = p.hash('promotion');
      const coupon = promotion?.coupon;
      if (typeof coupon !== 'string' || !coupon) throw missingParam('promotion[coupon]');
      if (promotion?.type !== undefined && promotion.type !== 'coupon')
        throw invalidRequest('promotion[type] must be coupon', 'promotion[type]');
      const code = p.str('code');
      if (code !== undefined && !/^[a-zA-Z0-9-]{1,500}$/.test(code))
        throw invalidRequest(`Invalid code: ${code}`, 'code', 'parameter_invalid_string');
      const pc = createPromotionCode(ctx.state, {
        coupon,
        code,
        active: p.bool('active'),
        expiresAt: p.int('expires_at') ?? null,
        maxRedemptions: p.int('max_redemptions') ?? null,
        metadata: p.metadata(),
      });
      return one(ctx, p, renderPromotionCode(ctx.state, pc));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/promotion_codes',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS, 'active', 'code', 'coupon', 'customer']);
      const s = ctx.state;
      const active = p.bool('active');
      const code = p.str('code')?.toUpperCase();
      const coupon = p.str('coupon');
      const page = paginate(
        s.promotionCodes.items,
        (id) => s.promotionCodes.position(id),
        p.list(),
        (pc) =>
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
    handler: (ctx) =>
      one(ctx, params(ctx, []), renderPromotionCode(ctx.state, getPromotionCode(ctx.state, ctx.path.id!))),
  },
  {
    method: 'POST',
    pattern: '/v1/promotion_codes/:id',
    handler: (ctx) => {
      const p = params(ctx, ['active', 'metadata', 'restrictions']);
      return one(
        ctx,
        p,
        renderPromotionCode(
          ctx.state,
          updatePromotionCode(ctx.state, ctx.path.id!, { active: p.bool('active'), metadata: p.metadata() }),
        ),
      );
    },
  },
];
