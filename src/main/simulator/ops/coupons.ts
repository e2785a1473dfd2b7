// Coupons and promotion codes, and the redemption count a payment's code metadata drives.
import type { CouponRec, Metadata, PromotionCodeRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { renderCoupon, renderPromotionCode } from '../render/others';
import { changed, emit } from './emit';
import { mergeMetadata } from './accounts';

export interface CouponInput {
  id?: string;
  name?: string | null;
  percentOff?: number | null;
  amountOff?: number | null;
  duration?: CouponRec['duration'];
  maxRedemptions?: number | null;
  redeemBy?: number | null;
  metadata?: Metadata;
}

export function createCoupon(state: SimulatorState, input: CouponInput): CouponRec {
  const id = input.id ?? state.ids.token(8);
  if (state.coupons.get(id)) throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
  if ((input.percentOff == null) === (input.amountOff == null)) {
    throw invalidRequest('You must pass exactly one of percent_off or amount_off.', 'percent_off');
  }
  if (input.percentOff != null && (input.percentOff <= 0 || input.percentOff > 100)) {
    throw invalidRequest(
      'percent_off must be between 0 and 100.',
      'percent_off',
      'parameter_invalid_integer',
    );
  }
  const c = state.coupons.add({
    id,
    created: state.now,
    account: null,
    name: input.name ?? null,
    percentOff: input.percentOff ?? null,
    amountOff: input.amountOff ?? null,
    duration: input.duration ?? 'once',
    maxRedemptions: input.maxRedemptions ?? null,
    redeemBy: input.redeemBy ?? null,
    timesRedeemed: 0,
    metadata: { ...(input.metadata ?? {}) },
  });
  emit(state, 'coupon.created', null, renderCoupon(state, c));
  return c;
}

export function getCoupon(state: SimulatorState, id: string): CouponRec {
  const c = state.coupons.get(id);
  if (!c) throw noSuchObject('coupon', id);
  return c;
}

export function updateCoupon(
  state: SimulatorState,
  id: string,
  input: { name?: string | null; metadata?: Metadata },
): CouponRec {
  const c = getCoupon(state, id);
  const before = renderCoupon(state, c);
  if (input.name !== undefined) c.name = input.name;
  if (input.metadata) c.metadata = mergeMetadata(c.metadata, input.metadata);
  const after = renderCoupon(state, c);
  emit(state, 'coupon.updated', null, after, changed(before, after));
  return c;
}

export interface PromotionCodeInput {
  coupon: string;
  code?: string;
  active?: boolean;
  expiresAt?: number | null;
  maxRedemptions?: number | null;
  metadata?: Metadata;
}

export function findPromotionCode(state: SimulatorState, code: string): PromotionCodeRec | undefined {
  const upper = code.toUpperCase();
  const items = state.promotionCodes.items;
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.code.toUpperCase() === upper) return items[i];
  return undefined;
}

export function createPromotionCode(state: SimulatorState, input: PromotionCodeInput): PromotionCodeRec {
  if (!state.coupons.get(input.coupon)) throw noSuchObject('coupon', input.coupon, 'promotion[coupon]');
  const code = input.code ?? state.ids.token(8).toUpperCase();
  const existing = findPromotionCode(state, code);
  if (existing && existing.active) {
    throw invalidRequest(
      `An active promotion code with \`code: ${code}\` already exists.`,
      'code',
      'resource_already_exists',
    );
  }
  const p = state.promotionCodes.add({
    id: state.newId('promo'),
    created: state.now,
    account: null,
    code,
    couponId: input.coupon,
    active: input.active ?? true,
    expiresAt: input.expiresAt ?? null,
    maxRedemptions: input.maxRedemptions ?? null,
    timesRedeemed: 0,
    metadata: { ...(input.metadata ?? {}) },
  });
  emit(state, 'promotion_code.created', null, renderPromotionCode(state, p));
  return p;
}

export function getPromotionCode(state: SimulatorState, id: string): PromotionCodeRec {
  const p = state.promotionCodes.get(id);
  if (!p) throw noSuchObject('promotion_code', id);
  return p;
}

export function updatePromotionCode(
  state: SimulatorState,
  id: string,
  input: { active?: boolean; metadata?: Metadata },
): PromotionCodeRec {
  const p = getPromotionCode(state, id);
  const before = renderPromotionCode(state, p);
  if (input.active !== undefined) p.active = input.active;
  if (input.metadata) p.metadata = mergeMetadata(p.metadata, input.metadata);
  const after = renderPromotionCode(state, p);
  emit(state, 'promotion_code.updated', null, after, changed(before, after));
  return p;
}

/**
 * A succeeded payment whose metadata names a code (case-insensitive match on promotion code `code`)
 * counts one redemption on the code and its coupon, whether or not the code was still usable.
 */
export function redeemPromotionCode(state: SimulatorState, code: string): void {
  const p = findPromotionCode(state, code);
  if (!p) return;
  const before = renderPromotionCode(state, p);
  p.timesRedeemed++;
  emit(state, 'promotion_code.updated', null, renderPromotionCode(state, p), {
    times_redeemed: before.times_redeemed,
  });
  const c = state.coupons.get(p.couponId);
  if (c) {
    c.timesRedeemed++;
    emit(state, 'coupon.updated', null, renderCoupon(state, c), { times_redeemed: c.timesRedeemed - 1 });
  }
}
