// What a code is, whichever side made it: its row id, its Stripe terms (a promotion code read with its coupon),
// and the UK expiry date as Stripe's `expires_at` and back.
import { londonDate, londonMidnight, addDays } from '../../shared/dates';
import { CODE_PATTERN } from '../../shared/codes';
import { uuidFrom } from '../ledger/ids';
import { idOf, int, metadataOf, str, type StripeJson } from '../stripe/json';

/** `max_uses` for a code without a limit (the seed's column is not nullable). */
export const UNLIMITED_USES = 2_147_483_647;

/** The id of a code: the same for its definition and its row in either table, derived from its text. */
export const codeRowId = (code: string) => uuidFrom(`code:${code.toUpperCase()}`);

/** The projection root of a code text: its definition and every promotion code of that text. */
export const codeTextRoot = (code: string) => `codetext:${code.toUpperCase()}`;

/** Stripe's `expires_at` (seconds) for a code that works until the end of a UK date. */
export const expiresAtOf = (date: string): number => londonMidnight(addDays(date, 1)) / 1000;

/** The last UK date a promotion code works on, from its `expires_at`. */
export const expiresOnOf = (expiresAt: number): string => londonDate(expiresAt * 1000 - 1);

/** A promotion code as the console reads it. */
export interface PromotionTerms {
  promo: StripeJson;
  code: string;
  couponId: string | null;
  coupon: StripeJson | undefined;
  /** Its coupon's percentage, when it is a whole-percent coupon. */
  percentage: number | null;
  /** A code the console can mirror: a valid text and a percentage of 1–100. */
  usable: boolean;
  active: boolean;
  maxRedemptions: number | null;
  expiresOn: string | null;
  timesRedeemed: number;
  /** The console's definition it was made for (metadata `lplate_code_id`). */
  definitionId: string | null;
  kind: 'discount' | 'referral';
  referrerId: string | null;
  created: number;
}

export function promotionTerms(promo: StripeJson, coupon: StripeJson | undefined): PromotionTerms {
  const promotion = (promo.promotion ?? {}) as { coupon?: unknown };
  const couponId = idOf(promotion.coupon) ?? idOf(promo.coupon);
  const code = (str(promo.code) ?? '').toUpperCase();
  const percentage = int(coupon?.percent_off);
  const meta = metadataOf(promo);
  const expiresAt = int(promo.expires_at);
  const referral = meta.lplate_code_kind === 'referral';
  return {
    promo,
    code,
    couponId,
    coupon,
    percentage,
    usable: CODE_PATTERN.test(code) && percentage !== null && percentage >= 1 && percentage <= 100,
    active: promo.active === true && coupon?.valid !== false,
    maxRedemptions: int(promo.max_redemptions) ?? int(coupon?.max_redemptions),
    expiresOn: expiresAt === null ? null : expiresOnOf(expiresAt),
    timesRedeemed: int(promo.times_redeemed) ?? 0,
    definitionId: meta.lplate_code_id ?? null,
    kind: referral ? 'referral' : 'discount',
    referrerId: referral ? (meta.lplate_referrer_id ?? null) : null,
    created: int(promo.created) ?? 0,
  };
}

/**
 * Of a text's promotion codes, the one the code's row mirrors: the one the console last made for the code, else
 * those made for its definition first, then the active one, then the newest (Stripe allows one active code per text).
 * Independent of the order they arrived in.
 */
export function mirroredPromotion(
  all: readonly PromotionTerms[],
  definitionId: string | null,
  lastMade: string | null,
): PromotionTerms | null {
  const made = lastMade ? all.find((t) => t.promo.id === lastMade && t.usable) : undefined;
  if (made) return made;
  const rank = (t: PromotionTerms) =>
    [
      t.usable ? 1 : 0,
      definitionId !== null && t.definitionId === definitionId ? 1 : 0,
      t.active ? 1 : 0,
      t.created,
    ] as const;
  let best: PromotionTerms | null = null;
  for (const t of all) {
    if (!best) {
      best = t;
      continue;
    }
    const [a, b] = [rank(t), rank(best)];
    const i = a.findIndex((v, k) => v !== b[k]);
    if ((i >= 0 && a[i]! > b[i]!) || (i < 0 && t.promo.id > best.promo.id)) best = t;
  }
  return best?.usable ? best : null;
}
