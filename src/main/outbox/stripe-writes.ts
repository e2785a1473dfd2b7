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
   * earlier attempt whose key Stripe forgot, or by another workspace), the write is done — `id` names the object and
   * `fetch` reads it, so the console knows it before sync does.
   */
  existing?: {
    id: (params: StripeWriteParams[K], error: { code?: string }) => string | null;
    fetch: (stripe: Stripe, id: string) => Promise<{ id: string; object: string }>;
  };
  send(
    stripe: Stripe,
    request: { target: string | null; params: StripeWriteParams[K] },
    options: { idempotencyKey: string },
  ): Promise<{ id: string; object: string }>;
}

export const STRIPE_WRITES: { [K in StripeWriteKind]: StripeWrite<K> } = {
  'transfer.create': {
    permission: 'transfers',
    endpoint: 'POST /v1/transfers',
    creates: true,
    object: 'transfer',
    targeted: false,
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
      fetch: (stripe, id) => stripe.coupons.retrieve(id),
    },
    send: (stripe, { params }, options) => stripe.coupons.create(params, options),
  },
  'promotion_code.create': {
    permission: 'promotion_codes',
    endpoint: 'POST /v1/promotion_codes',
    creates: true,
    object: 'promotion_code',
    targeted: false,
    send: (stripe, { params }, options) => stripe.promotionCodes.create(params, options),
  },
  'promotion_code.update': {
    permission: 'promotion_codes',
    endpoint: 'POST /v1/promotion_codes/:id',
    creates: false,
    object: 'promotion_code',
    targeted: true,
    send: (stripe, { target, params }, options) => stripe.promotionCodes.update(target!, params, options),
  },
};

export function isStripeWriteKind(kind: string): kind is StripeWriteKind {
  return Object.prototype.hasOwnProperty.call(STRIPE_WRITES, kind);
}
