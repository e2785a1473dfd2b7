// Promotion codes (with their coupon's percentage) → discount_codes, or referral_codes when the metadata names a referrer.
import { londonDate } from '../../../shared/dates';
import { isUuid, uuidFrom } from '../../ledger/ids';
import type { ProjectionContext } from '../../projection/context';
import { flagValue, writeRow } from '../../projection/rows';
import { createdMs, idOf, int, metadataOf, str, type StripeJson } from '../../stripe/json';

/** `max_uses` for a code Stripe lets be redeemed without limit. */
export const UNLIMITED_USES = 2_147_483_647;
const CODE = /^[A-Z0-9-]{4,32}$/;

/** The id of the code row for a code text, the same in both code tables. */
export const codeRowId = (code: string) => uuidFrom(`code:${code.toUpperCase()}`);

export function projectPromotionCode(ctx: ProjectionContext, root: string): void {
  const p = ctx.object(root.slice('promotion:'.length));
  if (!p) return;
  const { code, coupon, pct } = terms(ctx, p, root);
  if (!usable(code, pct)) {
    ctx.unattributed(p, {
      code: coupon ? 'unsupported_code' : 'coupon_unknown',
      message: coupon
        ? `Promotion code "${code}" is not a percentage code the console can use.`
        : `Promotion code "${code}" names a coupon not synced yet.`,
    });
    return;
  }
  if (!mirrorsItsText(ctx, root, p, code)) {
    ctx.unattributed(p, null); // another code of the same text is the one mirrored
    return;
  }
  const meta = metadataOf(p);
  const referrer = meta.lplate_code_kind === 'referral' ? meta.lplate_referrer_id : undefined;
  const table = referrer === undefined ? 'discount_codes' : 'referral_codes';
  if (referrer !== undefined) {
    ctx.ref(`user:${referrer}`, root);
    if (!isUuid(referrer) || !ctx.stmt('SELECT 1 FROM users WHERE id = ?').get(referrer)) {
      ctx.unattributed(p, {
        code: 'referrer_unknown',
        message: `Referral code "${code}" names a referrer who is not known yet.`,
      });
      return;
    }
  }
  ctx.unattributed(p, null);
  const expiresAt = int(p.expires_at);
  const maxUses = int(p.max_redemptions) ?? int(coupon?.max_redemptions);
  const created = createdMs(p);
  const row = {
    id: codeRowId(code),
    code,
    ...(referrer !== undefined ? { referrer_id: referrer } : {}),
    discount_percentage: pct,
    max_uses: maxUses ?? UNLIMITED_USES,
    uses_count: int(p.times_redeemed) ?? 0,
    expires_at: expiresAt === null ? null : londonDate(expiresAt * 1000 - 1),
    is_active: flagValue(p.active === true && coupon?.valid !== false),
    stripe_promotion_code_id: p.id,
    created_at: created,
    updated_at: created,
  };
  const result = writeRow(ctx, table, table === 'discount_codes' ? 'discount_code' : 'referral_code', row);
  if (result === 'created') ctx.touch(`code:${code}`);
}

const usable = (code: string, pct: number | null) =>
  CODE.test(code) && pct !== null && pct >= 1 && pct <= 100;

/** A promotion code's text and its coupon's percentage (null when it is not a percentage), reading the coupon. */
function terms(ctx: ProjectionContext, p: StripeJson, root: string) {
  const promotion = (p.promotion ?? {}) as { coupon?: unknown };
  const couponId = idOf(promotion.coupon) ?? idOf(p.coupon);
  if (couponId) ctx.ref(couponId, root);
  const coupon = couponId ? ctx.object(couponId) : undefined;
  return { code: (str(p.code) ?? '').toUpperCase(), coupon, pct: int(coupon?.percent_off) };
}

/**
 * Stripe lets several promotion codes share a text (one active at a time); the code's row mirrors one of them: of
 * those the console can use, the active one, else the newest. Every code of a text reads the others (and their
 * coupons), so a change to any re-projects them all, and the result does not depend on the order they arrived in.
 */
function mirrorsItsText(ctx: ProjectionContext, root: string, p: StripeJson, code: string): boolean {
  const text = `promotion-text:${code}`;
  if (ctx.ref(text, root)) ctx.touch(text); // a new code of this text: the others must look again
  const candidates = ctx
    .readers(text)
    .map((r) => ctx.object(r.slice('promotion:'.length)))
    .filter((o): o is StripeJson => o !== undefined)
    .filter((o) => {
      if (o.id !== p.id) ctx.ref(o.id, root);
      return usable(code, terms(ctx, o, root).pct);
    });
  const rank = (o: StripeJson) => [o.active === true ? 1 : 0, int(o.created) ?? 0, o.id] as const;
  const mirrored = candidates.reduce((best, o) => {
    const [a, b] = [rank(o), rank(best)];
    return a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2]))) ? o : best;
  }, p);
  return mirrored.id === p.id;
}
