// A code text → its row in discount_codes or referral_codes: the console's definition where there is one (what
// finance decided, in effect at once), else the Stripe promotion code of that text the console can use. Either way
// the row names the promotion code it mirrors and what Stripe counted; uses are counted from payments later.
import { isUuid } from '../../ledger/ids';
import type { ProjectionContext } from '../../projection/context';
import { flagValue, writeRow } from '../../projection/rows';
import { createdMs, type StripeJson } from '../../stripe/json';
import {
  codeRowId,
  mirroredPromotion,
  promotionTerms,
  UNLIMITED_USES,
  type PromotionTerms,
} from '../code-text';
import { definitionByCode } from '../definitions';
import { lastPromotionMade } from '../mirror';

const TABLES = { discount: 'discount_codes', referral: 'referral_codes' } as const;

export function projectCodeText(ctx: ProjectionContext, root: string): void {
  const code = root.slice('codetext:'.length);
  const definition = definitionByCode(ctx.sqlite, code);
  const terms = ctx
    .members(root)
    .filter((o) => o.object === 'promotion_code')
    .map((p) => termsOf(ctx, root, p));
  const mirrored = mirroredPromotion(
    terms,
    definition?.id ?? null,
    definition ? lastPromotionMade(ctx.sqlite, definition.id) : null,
  );
  for (const t of terms)
    ctx.unattributed(
      t.promo,
      t.usable || definition
        ? null
        : {
            code: t.coupon ? 'unsupported_code' : 'coupon_unknown',
            message: t.coupon
              ? `Promotion code "${t.code}" is not a percentage code the console can use.`
              : `Promotion code "${t.code}" names a coupon not synced yet.`,
          },
    );
  if (!definition && !mirrored) return;
  const id = codeRowId(code);
  const kind = definition?.kind ?? mirrored!.kind;
  const referrer = definition ? definition.referrerId : mirrored!.referrerId;
  if (kind === 'referral' && !referrerKnown(ctx, root, referrer)) {
    if (mirrored)
      ctx.unattributed(mirrored.promo, {
        code: 'referrer_unknown',
        message: `Referral code "${code}" names a referrer who is not known yet.`,
      });
    return;
  }
  // A code stays in the table it was first projected into (its kind is fixed once it has a row).
  const table = existingTable(ctx, id) ?? TABLES[kind];
  const created = definition?.createdAt ?? createdMs(mirrored!.promo);
  const row = {
    id,
    code,
    ...(table === 'referral_codes' ? { referrer_id: referrer } : {}),
    discount_percentage: definition?.percentage ?? mirrored!.percentage,
    max_uses: (definition ? definition.maxUses : mirrored!.maxRedemptions) ?? UNLIMITED_USES,
    uses_count: 0,
    expires_at: definition ? definition.expiresOn : mirrored!.expiresOn,
    is_active: flagValue(definition ? definition.isActive : mirrored!.active),
    stripe_promotion_code_id: mirrored?.promo.id ?? null,
    stripe_times_redeemed: terms.length > 0 ? terms.reduce((n, t) => n + t.timesRedeemed, 0) : null,
    created_at: created,
    updated_at: Math.max(created, definition?.updatedAt ?? 0),
  };
  // uses_count belongs to the count of payments (codeuses roots).
  const result = writeRow(ctx, table, table === 'discount_codes' ? 'discount_code' : 'referral_code', row, [
    'uses_count',
  ]);
  if (result === 'created') {
    ctx.touch(`code:${code}`); // payments that named this code can now link to it
    ctx.enqueue(`codeuses:${id}`);
  }
}

/** A promotion code's terms, reading (and following) its coupon. */
function termsOf(ctx: ProjectionContext, root: string, promo: StripeJson): PromotionTerms {
  const first = promotionTerms(promo, undefined);
  if (first.couponId) ctx.ref(first.couponId, root);
  return first.couponId ? promotionTerms(promo, ctx.object(first.couponId)) : first;
}

function referrerKnown(ctx: ProjectionContext, root: string, referrer: string | null): boolean {
  if (!referrer) return false;
  ctx.ref(`user:${referrer}`, root);
  return isUuid(referrer) && ctx.stmt('SELECT 1 FROM users WHERE id = ?').get(referrer) !== undefined;
}

function existingTable(ctx: ProjectionContext, id: string): (typeof TABLES)[keyof typeof TABLES] | null {
  for (const table of Object.values(TABLES))
    if (ctx.stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) return table;
  return null;
}
