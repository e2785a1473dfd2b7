// The one place the console calls Stripe to change something: every write the outbox can send, each with its
// permission and the idempotency key it always carries. Nothing else in the core calls a Stripe write method.
import type Stripe from 'stripe';
import type { WritePermission } from '../stripe/write-permissions';

/** The parameters of each write, as stored in the outbox (see `stripe_requests.params`). */
export interface StripeWriteParams {
  'transfer.create': Stripe.TransferCreateParams;
  'coupon.create': Stripe.CouponCreateParams & { id: string };
  'promotion_code.create': Stripe.PromotionCodeCreateParams;
  'promotion_code.update': Stripe.PromotionCodeUpdateParams;
  'refund.create': Stripe.RefundCreateParams;
  'transfer_reversal.create': Stripe.TransferCreateReversalParams;
}

export type StripeWriteKind = keyof StripeWriteParams;

interface StripeWrite<K extends StripeWriteKind> {
  /** The permission a restricted key needs for it. */
  permission: WritePermission['name'];
  /** The endpoint, for the rate limiter ("POST /v1/transfers"). */
  endpoint: string;
  /**
   * A create makes a new object each time Stripe executes it: once its key has expired in Stripe (24 h), it is
   * never sent again without proof it did not happen. An update sets values, so sending it again is harmless.
   */
  creates: boolean;
  /** The type of the object a create makes (how sync recognises it), or of the object an update changes. */
  object: string;
  /** Needs a target (the object updated). */
  targeted: boolean;
  /**
   * For a create that names its object's id: when Stripe refused it because that object exists already (made by an
   * earlier attempt whose key Stripe forgot, or by another workspace), the write is done if the object is what was
   * asked for — `id` names the object, `retrieve` reads it (so the console knows it before sync does), and
   * `differs` says how it is not what was asked (null when it is). Such a create may be sent again at any time.
   */
  existing?: {
    id: (params: StripeWriteParams[K], error: { code?: string }) => string | null;
    differs: (params: StripeWriteParams[K], object: Record<string, unknown>) => string | null;
  };
  /**
   * Reads the object the write makes or changes from Stripe (what `existing` checks, what a person names); `target`
   * is the write's (a reversal is read under its transfer).
   */
  retrieve(stripe: Stripe, id: string, target: string | null): Promise<{ id: string; object: string }>;
  send(
    stripe: Stripe,
    request: { target: string | null; params: StripeWriteParams[K] },
    options: { idempotencyKey: string },
  ): Promise<{ id: string; object: string }>;
}

/** What makes a coupon's discount: a coupon with the same id and other terms is not the one asked for. */
const COUPON_TERMS = [
  'percent_off',
  'amount_off',
  'currency',
  'duration',
  'duration_in_months',
  'max_redemptions',
  'redeem_by',
] as const;

/** How a coupon in Stripe differs from the terms asked for ("percent_off 90, duration forever"), or null. */
export function couponTermsDiffer(
  asked: Partial<Record<(typeof COUPON_TERMS)[number], unknown>>,
  coupon: Record<string, unknown>,
): string | null {
  if (coupon.valid === false) return 'it can no longer be used';
  const other = COUPON_TERMS.filter((term) => (coupon[term] ?? null) !== (asked[term] ?? null));
  return other.length ? other.map((term) => `${term} ${String(coupon[term] ?? 'none')}`).join(', ') : null;
}

export const STRIPE_WRITES: { [K in StripeWriteKind]: StripeWrite<K> } = {
  'transfer.create': {
    permission: 'transfers',
    endpoint: 'POST /v1/transfers',
    creates: true,
    object: 'transfer',
    targeted: false,
    retrieve: (stripe, id) => stripe.transfers.retrieve(id),
    send: (stripe, { params }, options) => stripe.transfers.create(params, options),
  },
  'coupon.create': {
    permission: 'coupons',
    endpoint: 'POST /v1/coupons',
    creates: true,
    object: 'coupon',
    targeted: false,
    existing: {
      id: (params, error) => (error.code === 'resource_already_exists' ? params.id : null),
      differs: (params, coupon) => couponTermsDiffer(params, coupon),
    },
    retrieve: (stripe, id) => stripe.coupons.retrieve(id),
    send: (stripe, { params }, options) => stripe.coupons.create(params, options),
  },
  'promotion_code.create': {
    permission: 'promotion_codes',
    endpoint: 'POST /v1/promotion_codes',
    creates: true,
    object: 'promotion_code',
    targeted: false,
    retrieve: (stripe, id) => stripe.promotionCodes.retrieve(id),
    send: (stripe, { params }, options) => stripe.promotionCodes.create(params, options),
  },
  'promotion_code.update': {
    permission: 'promotion_codes',
    endpoint: 'POST /v1/promotion_codes/:id',
    creates: false,
    object: 'promotion_code',
    targeted: true,
    retrieve: (stripe, id) => stripe.promotionCodes.retrieve(id),
    send: (stripe, { target, params }, options) => stripe.promotionCodes.update(target!, params, options),
  },
  'refund.create': {
    permission: 'refunds',
    endpoint: 'POST /v1/refunds',
    creates: true,
    object: 'refund',
    targeted: false,
    retrieve: (stripe, id) => stripe.refunds.retrieve(id),
    send: (stripe, { params }, options) => stripe.refunds.create(params, options),
  },
  // Takes an instructor's share back from a transfer (a clawback): the target is the transfer.
  'transfer_reversal.create': {
    permission: 'transfer_reversals',
    endpoint: 'POST /v1/transfers/:id/reversals',
    creates: true,
    object: 'transfer_reversal',
    targeted: true,
    retrieve: (stripe, id, target) => stripe.transfers.retrieveReversal(target!, id),
    send: (stripe, { target, params }, options) => stripe.transfers.createReversal(target!, params, options),
  },
};

export function isStripeWriteKind(kind: string): kind is StripeWriteKind {
  return Object.prototype.hasOwnProperty.call(STRIPE_WRITES, kind);
}
