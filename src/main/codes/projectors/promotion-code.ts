// Promotion codes (with their coupon's percentage) → discount_codes, or referral_codes when the metadata names a referrer.
import { londonDate } from '../../../shared/dates';
import { isUuid, uuidFrom } from '../../ledger/ids';
import type { ProjectionContext } from '../../projection/context';
import { flagValue, writeRow } from '../../projection/rows';
import { createdMs, idOf, int, metadataOf, str } from '../../stripe/json';

/** `max_uses` for a code Stripe lets be redeemed without limit. */
export const UNLIMITED_USES = 2_147_483_647;
const CODE = /^[A-Z0-9-]{4,32}$/;

/** The id of the code row for a code text, the same in both code tables. */
export const codeRowId = (code: string) => uuidFrom(`code:${code.toUpperCase()}`);

export function projectPromotionCode(ctx: ProjectionContext, root: string): void {
  const p = ctx.object(root.slice('promotion:'.length));
  if (!p) return;
  const promotion = (p.promotion ?? {}) as { coupon?: unknown };
  const couponId = idOf(promotion.coupon) ?? idOf(p.coupon);
  if (couponId) ctx.ref(couponId, root);
  const coupon = couponId ? ctx.object(couponId) : undefined;
  const code = (str(p.code) ?? '').toUpperCase();
  const pct = int(coupon?.percent_off);
  if (!CODE.test(code) || pct === null || pct < 1 || pct > 100) {
    ctx.unattributed(p, {
      code: coupon ? 'unsupported_code' : 'coupon_unknown',
      message: coupon
        ? `Promotion code "${code}" is not a percentage code the console can use.`
        : `Promotion code "${code}" names a coupon not synced yet.`,
    });
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
    created_at: created,
    updated_at: created,
  };
  const result = writeRow(ctx, table, table === 'discount_codes' ? 'discount_code' : 'referral_code', row);
  if (result === 'created') ctx.touch(`code:${code}`);
}
