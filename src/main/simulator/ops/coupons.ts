// Coupons and promotion codes within Stripe's limits, deletion, and the redemption count a payment's code drives.
import type Stripe from 'stripe';
import type { CouponRec, Metadata, PromotionCodeRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { invalidRequest, noSuchObject } from '../core/errors';
import { mergeMetadata } from '../core/metadata';
import { couponValid, renderCoupon, renderPromotionCode } from '../render/others';
import { emit, emitChange } from './emit';

export interface CouponInput {
  id?: string;
  name?: string | null;
  percentOff?: number | null;
  amountOff?: number | null;
  duration?: CouponRec['duration'];
  durationInMonths?: number | null;
  maxRedemptions?: number | null;
  redeemBy?: number | null;
  metadata?: Metadata | null;
}

export function createCoupon(state: SimulatorState, input: CouponInput): CouponRec {
  const id = input.id ?? state.ids.token(8);
  if (state.coupons.get(id)) throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
  const c = state.coupons.add({
    id,
    created: state.now,
    account: null,
    name: input.name ?? null,
    percentOff: input.percentOff ?? null,
    amountOff: input.amountOff ?? null,
    duration: input.duration ?? 'once',
    durationInMonths: input.durationInMonths ?? null,
    maxRedemptions: input.maxRedemptions ?? null,
    redeemBy: input.redeemBy ?? null,
    timesRedeemed: 0,
    metadata: mergeMetadata({}, input.metadata ?? {}),
    deleted: false,
  });
  emit(state, 'coupon.created', null, renderCoupon(state, c));
  return c;
}

export function getCoupon(state: SimulatorState, id: string, param = 'id'): CouponRec {
  const c = state.coupons.get(id);
  if (!c || c.deleted) throw noSuchObject('coupon', id, param);
  return c;
}

export function updateCoupon(
  state: SimulatorState,
  id: string,
  input: { name?: string | null; metadata?: Metadata | null },
): CouponRec {
  const c = getCoupon(state, id);
  emitChange(
    state,
    'coupon.updated',
    null,
    () => renderCoupon(state, c),
    () => {
      if (input.name !== undefined) c.name = input.name;
      if (input.metadata !== undefined) c.metadata = mergeMetadata(c.metadata, input.metadata);
    },
  );
  return c;
}

/** Stripe's deleted-object answer; the coupon's promotion codes are deactivated (they can no longer be used). */
export function deleteCoupon(state: SimulatorState, id: string): Stripe.DeletedCoupon {
  const c = getCoupon(state, id);
  for (const p of state.promotionCodes.items)
    if (p.couponId === c.id && p.active) updatePromotionCode(state, p.id, { active: false });
  c.deleted = true;
  emit(state, 'coupon.deleted', null, renderCoupon(state, c));
  return { id: c.id, object: 'coupon', deleted: true };
}

export interface PromotionCodeInput {
  coupon: string;
  code?: string;
  active?: boolean;
  expiresAt?: number | null;
  maxRedemptions?: number | null;
  metadata?: Metadata | null;
  firstTimeTransaction?: boolean;
  minimumAmount?: number | null;
}

export function findPromotionCode(state: SimulatorState, code: string): PromotionCodeRec | undefined {
  const upper = code.toUpperCase();
  const items = state.promotionCodes.items;
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.code.toUpperCase() === upper) return items[i];
  return undefined;
}

/** At most one active promotion code per code text, case-insensitively. */
function refuseDuplicateActive(state: SimulatorState, code: string, except?: string): void {
  const upper = code.toUpperCase();
  const clash = state.promotionCodes.items.some(
    (p) => p.active && p.id !== except && p.code.toUpperCase() === upper,
  );
  if (clash)
    throw invalidRequest(
      `An active promotion code with \`code: ${code}\` already exists.`,
      'code',
      'resource_already_exists',
    );
}

/** A promotion code can only be made for a coupon that can still be redeemed, within the coupon's limits. */
function refuseBeyondCoupon(state: SimulatorState, c: CouponRec, input: PromotionCodeInput): void {
  if (!couponValid(state, c))
    throw invalidRequest(`Coupon ${c.id} is no longer valid.`, 'promotion[coupon]', 'coupon_expired');
  if (c.redeemBy !== null && input.expiresAt != null && input.expiresAt > c.redeemBy)
    throw invalidRequest(
      `The promotion code's expires_at cannot be after its coupon's redeem_by (${c.redeemBy}).`,
      'expires_at',
    );
  if (c.maxRedemptions !== null && input.maxRedemptions != null && input.maxRedemptions > c.maxRedemptions)
    throw invalidRequest(
      `The promotion code's max_redemptions cannot be greater than its coupon's max_redemptions (${c.maxRedemptions}).`,
      'max_redemptions',
    );
}

export function createPromotionCode(state: SimulatorState, input: PromotionCodeInput): PromotionCodeRec {
  const coupon = getCoupon(state, input.coupon, 'promotion[coupon]');
  refuseBeyondCoupon(state, coupon, input);
  const code = input.code ?? state.ids.token(8).toUpperCase();
  const active = input.active ?? true;
  if (active) refuseDuplicateActive(state, code);
  const p = state.promotionCodes.add({
    id: state.newId('promo'),
    created: state.now,
    account: null,
    code,
    couponId: coupon.id,
    active,
    expiresAt: input.expiresAt ?? null,
    maxRedemptions: input.maxRedemptions ?? null,
    timesRedeemed: 0,
    metadata: mergeMetadata({}, input.metadata ?? {}),
    firstTimeTransaction: input.firstTimeTransaction ?? false,
    minimumAmount: input.minimumAmount ?? null,
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
  input: { active?: boolean; metadata?: Metadata | null },
): PromotionCodeRec {
  const p = getPromotionCode(state, id);
  if (input.active === true && !p.active) {
    if (state.coupons.get(p.couponId)?.deleted)
      throw invalidRequest(`The coupon ${p.couponId} of this promotion code was deleted.`, 'active');
    refuseDuplicateActive(state, p.code, p.id);
  }
  emitChange(
    state,
    'promotion_code.updated',
    null,
    () => renderPromotionCode(state, p),
    () => {
      if (input.active !== undefined) p.active = input.active;
      if (input.metadata !== undefined) p.metadata = mergeMetadata(p.metadata, input.metadata);
    },
  );
  return p;
}

/**
 * A succeeded payment whose metadata names a code (case-insensitive match on promotion code `code`)
 * counts one redemption on the code and its (undeleted) coupon, whether or not the code was still usable.
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
  if (c && !c.deleted) {
    c.timesRedeemed++;
    emit(state, 'coupon.updated', null, renderCoupon(state, c), { times_redeemed: c.timesRedeemed - 1 });
  }
}
