// The request contract, row by row from Stripe's API reference: each request → status, error type, code, param, message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

interface Fixtures {
  platform: string;
  dest: string;
  chargeA: string;
  chargeB: string;
  chargeRefunded: string;
  chargeDisputed: string;
  chargeSourced: string;
  transferReversed: string;
  transferPartial: string;
  refund: string;
  pendingPayout: string;
  sentPayout: string;
  coupon: string;
  expiredCoupon: string;
  deletableCoupon: string;
  now: number;
}

interface Row {
  name: string;
  /** The Stripe documentation page the expectation comes from. */
  doc: string;
  method?: 'GET' | 'POST' | 'DELETE';
  path: (f: Fixtures) => string;
  form?: (f: Fixtures) => string;
  headers?: Record<string, string>;
  status: number;
  type?: string;
  code?: string;
  param?: string;
  message?: (f: Fixtures) => string;
  /** For answers that succeed: fields the body must contain. */
  body?: (f: Fixtures) => Record<string, unknown>;
}

const many = (n: number) => Array.from({ length: n }, (_, i) => `metadata[k${i}]=v`).join('&');
const promo = (f: Fixtures, extra = '') => `promotion[type]=coupon&promotion[coupon]=${f.coupon}${extra}`;

const rows: Row[] = [
  // https://docs.stripe.com/api/refunds/create — "you can't refund a total greater than the original charge amount"
  {
    name: 'a refund larger than the charge',
    doc: 'https://docs.stripe.com/api/refunds/create',
    path: () => '/v1/refunds',
    form: (f) => `charge=${f.chargeA}&amount=5001`,
    status: 400,
    type: 'invalid_request_error',
    param: 'amount',
    message: () => 'Refund amount (£50.01) is greater than charge amount (£50.00)',
  },
  {
    name: 'a refund larger than what is left of the charge',
    doc: 'https://docs.stripe.com/api/refunds/create',
    path: () => '/v1/refunds',
    form: (f) => `charge=${f.chargeB}&amount=1500`,
    status: 400,
    type: 'invalid_request_error',
    param: 'amount',
    message: () => 'Refund amount (£15.00) is greater than unrefunded amount on charge (£10.00)',
  },
  // https://docs.stripe.com/error-codes#charge-already-refunded
  {
    name: 'a refund of a fully refunded charge',
    doc: 'https://docs.stripe.com/error-codes#charge-already-refunded',
    path: () => '/v1/refunds',
    form: (f) => `charge=${f.chargeRefunded}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'charge_already_refunded',
    message: (f) => `Charge ${f.chargeRefunded} has already been refunded.`,
  },
  // https://docs.stripe.com/error-codes#charge-disputed
  {
    name: 'a refund of a charge under an open dispute',
    doc: 'https://docs.stripe.com/error-codes#charge-disputed',
    path: () => '/v1/refunds',
    form: (f) => `charge=${f.chargeDisputed}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'charge_disputed',
    message: (f) => `Charge ${f.chargeDisputed} has been charged back; cannot issue a refund.`,
  },
  {
    name: 'a refund naming neither charge nor payment_intent',
    doc: 'https://docs.stripe.com/api/refunds/create',
    path: () => '/v1/refunds',
    form: () => 'amount=100',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'charge',
  },
  // https://docs.stripe.com/error-codes#balance-insufficient
  {
    name: 'a transfer beyond the available balance',
    doc: 'https://docs.stripe.com/error-codes#balance-insufficient',
    path: () => '/v1/transfers',
    form: (f) => `amount=1000000000&currency=gbp&destination=${f.dest}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'balance_insufficient',
  },
  // https://docs.stripe.com/connect/separate-charges-and-transfers#transfer-availability
  {
    name: 'a transfer beyond what its source_transaction has left',
    doc: 'https://docs.stripe.com/connect/separate-charges-and-transfers#transfer-availability',
    path: () => '/v1/transfers',
    form: (f) => `amount=1&currency=gbp&destination=${f.dest}&source_transaction=${f.chargeSourced}`,
    status: 400,
    type: 'invalid_request_error',
    param: 'amount',
  },
  // https://docs.stripe.com/api/transfer_reversals/create — "You can reverse … until the transfer is fully reversed"
  {
    name: 'a reversal of a fully reversed transfer',
    doc: 'https://docs.stripe.com/api/transfer_reversals/create',
    path: (f) => `/v1/transfers/${f.transferReversed}/reversals`,
    status: 400,
    type: 'invalid_request_error',
    message: (f) => `The transfer ${f.transferReversed} is already fully reversed.`,
  },
  {
    name: 'a reversal larger than what is left of the transfer',
    doc: 'https://docs.stripe.com/api/transfer_reversals/create',
    path: (f) => `/v1/transfers/${f.transferPartial}/reversals`,
    form: () => 'amount=601',
    status: 400,
    type: 'invalid_request_error',
    param: 'amount',
  },
  // https://docs.stripe.com/api/metadata — "up to 50 keys, with key names up to 40 characters long and values up to 500"
  {
    name: 'metadata with 51 keys',
    doc: 'https://docs.stripe.com/api/metadata',
    path: () => '/v1/coupons',
    form: () => `percent_off=5&${many(51)}`,
    status: 400,
    type: 'invalid_request_error',
    param: 'metadata',
    message: () => "Metadata can have up to 50 keys, but you've set 51",
  },
  {
    name: 'a metadata key of 41 characters',
    doc: 'https://docs.stripe.com/api/metadata',
    path: () => '/v1/coupons',
    form: () => `percent_off=5&metadata[${'k'.repeat(41)}]=v`,
    status: 400,
    type: 'invalid_request_error',
    param: 'metadata',
    message: () =>
      `Metadata keys can have up to 40 characters, but you passed in a key that is 41 characters. Invalid key: ${'k'.repeat(41)}`,
  },
  {
    name: 'a metadata value of 501 characters',
    doc: 'https://docs.stripe.com/api/metadata',
    path: () => '/v1/coupons',
    form: () => `percent_off=5&metadata[k]=${'v'.repeat(501)}`,
    status: 400,
    type: 'invalid_request_error',
    param: 'metadata',
  },
  // https://docs.stripe.com/error-codes#parameter-unknown
  {
    name: 'an unknown nested business_profile parameter',
    doc: 'https://docs.stripe.com/error-codes#parameter-unknown',
    path: (f) => `/v1/accounts/${f.dest}`,
    form: () => 'business_profile[foo]=1',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param: 'business_profile[foo]',
  },
  {
    name: 'an unknown nested promotion parameter',
    doc: 'https://docs.stripe.com/error-codes#parameter-unknown',
    path: () => '/v1/promotion_codes',
    form: (f) => promo(f, '&promotion[bar]=1'),
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param: 'promotion[bar]',
  },
  {
    name: 'an unknown nested restrictions parameter',
    doc: 'https://docs.stripe.com/error-codes#parameter-unknown',
    path: () => '/v1/promotion_codes',
    form: (f) => promo(f, '&restrictions[x]=1'),
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    param: 'restrictions[x]',
  },
  // https://docs.stripe.com/api/promotion_codes/create — promotion.type is required (API 2025-09-30.clover onwards)
  {
    name: 'a promotion code without promotion[type]',
    doc: 'https://docs.stripe.com/api/promotion_codes/create',
    path: () => '/v1/promotion_codes',
    form: (f) => `promotion[coupon]=${f.coupon}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'promotion[type]',
  },
  {
    name: 'a promotion code without promotion',
    doc: 'https://docs.stripe.com/api/promotion_codes/create',
    path: () => '/v1/promotion_codes',
    form: () => 'code=NOPROMO',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'promotion',
  },
  {
    name: 'a promotion code of an unknown promotion type',
    doc: 'https://docs.stripe.com/api/promotion_codes/create',
    path: () => '/v1/promotion_codes',
    form: (f) => `promotion[type]=gift&promotion[coupon]=${f.coupon}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_string',
    param: 'promotion[type]',
  },
  {
    name: 'a promotion code expiring in the past',
    doc: 'https://docs.stripe.com/api/promotion_codes/create',
    path: () => '/v1/promotion_codes',
    form: (f) => promo(f, `&expires_at=${f.now - 1}`),
    status: 400,
    type: 'invalid_request_error',
    param: 'expires_at',
  },
  {
    name: 'a promotion code with max_redemptions 0',
    doc: 'https://docs.stripe.com/api/promotion_codes/create',
    path: () => '/v1/promotion_codes',
    form: (f) => promo(f, '&max_redemptions=0'),
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_integer',
    param: 'max_redemptions',
  },
  {
    name: 'a second active promotion code with the same text in another case',
    doc: 'https://docs.stripe.com/api/promotion_codes/create',
    path: () => '/v1/promotion_codes',
    form: (f) => promo(f, '&code=taken'),
    status: 400,
    type: 'invalid_request_error',
    code: 'resource_already_exists',
    param: 'code',
  },
  {
    name: 'a promotion code for a coupon past its redeem_by',
    doc: 'https://docs.stripe.com/error-codes#coupon-expired',
    path: () => '/v1/promotion_codes',
    form: (f) => `promotion[type]=coupon&promotion[coupon]=${f.expiredCoupon}`,
    status: 400,
    type: 'invalid_request_error',
    code: 'coupon_expired',
    param: 'promotion[coupon]',
  },
  // https://docs.stripe.com/api/coupons/create
  {
    name: 'a repeating coupon without duration_in_months',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: () => 'percent_off=5&duration=repeating',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'duration_in_months',
  },
  {
    name: 'duration_in_months on a coupon that is not repeating',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: () => 'percent_off=5&duration=once&duration_in_months=3',
    status: 400,
    type: 'invalid_request_error',
    param: 'duration_in_months',
  },
  {
    name: 'amount_off without currency',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: () => 'amount_off=500',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param: 'currency',
  },
  {
    name: 'percent_off of 0',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: () => 'percent_off=0',
    status: 400,
    type: 'invalid_request_error',
    param: 'percent_off',
  },
  {
    name: 'percent_off above 100',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: () => 'percent_off=100.5',
    status: 400,
    type: 'invalid_request_error',
    param: 'percent_off',
  },
  {
    name: 'a coupon with max_redemptions 0',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: () => 'percent_off=5&max_redemptions=0',
    status: 400,
    type: 'invalid_request_error',
    code: 'parameter_invalid_integer',
    param: 'max_redemptions',
  },
  {
    name: 'a coupon name of 41 characters',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: () => `percent_off=5&name=${'n'.repeat(41)}`,
    status: 400,
    type: 'invalid_request_error',
    param: 'name',
  },
  {
    name: 'a coupon redeem_by in the past',
    doc: 'https://docs.stripe.com/api/coupons/create',
    path: () => '/v1/coupons',
    form: (f) => `percent_off=5&redeem_by=${f.now - 1}`,
    status: 400,
    type: 'invalid_request_error',
    param: 'redeem_by',
  },
  // https://docs.stripe.com/api/coupons/delete
  {
    name: 'deleting a coupon that does not exist',
    doc: 'https://docs.stripe.com/api/coupons/delete',
    method: 'DELETE',
    path: () => '/v1/coupons/nope',
    status: 404,
    type: 'invalid_request_error',
    code: 'resource_missing',
    param: 'id',
  },
  // https://docs.stripe.com/api/payouts/cancel — "You can cancel a previously created payout if its status is pending"
  {
    name: 'canceling a payout that is in transit',
    doc: 'https://docs.stripe.com/api/payouts/cancel',
    path: (f) => `/v1/payouts/${f.sentPayout}/cancel`,
    status: 400,
    type: 'invalid_request_error',
    message: () => 'Payouts can only be canceled while they are pending.',
  },
  // https://docs.stripe.com/api/idempotent_requests — "Idempotency keys are up to 255 characters long"
  {
    name: 'an idempotency key of 256 characters',
    doc: 'https://docs.stripe.com/api/idempotent_requests',
    path: () => '/v1/coupons',
    form: () => 'percent_off=5',
    headers: { 'idempotency-key': 'k'.repeat(256) },
    status: 400,
    type: 'invalid_request_error',
  },
  {
    name: 'a key reused with different parameters',
    doc: 'https://docs.stripe.com/api/idempotent_requests',
    path: () => '/v1/coupons',
    form: () => 'percent_off=11',
    headers: { 'idempotency-key': 'contract-idem' },
    status: 400,
    type: 'idempotency_error',
  },
  // https://docs.stripe.com/keys#limit-access — restricted keys answer 403 naming the permission
  {
    name: 'a restricted key without the transfers write permission',
    doc: 'https://docs.stripe.com/keys#limit-access',
    path: () => '/v1/transfers',
    form: () => 'foo=bar',
    headers: { authorization: 'Bearer rk_test_contract' },
    status: 403,
    type: 'invalid_request_error',
    message: (f) =>
      `The provided key 'rk_test_****ract' does not have the required permissions for this endpoint on account '${f.platform}'. Having the 'rak_transfer_write' permission would allow this request to continue.`,
  },
  // Happy paths of the new endpoints.
  {
    name: 'updating a transfer',
    doc: 'https://docs.stripe.com/api/transfers/update',
    path: (f) => `/v1/transfers/${f.transferPartial}`,
    form: () => 'description=Friday&metadata[run]=1',
    status: 200,
    body: () => ({ object: 'transfer', description: 'Friday', metadata: { run: '1' } }),
  },
  {
    name: 'updating a refund',
    doc: 'https://docs.stripe.com/api/refunds/update',
    path: (f) => `/v1/refunds/${f.refund}`,
    form: () => 'metadata[why]=late',
    status: 200,
    body: () => ({ object: 'refund', metadata: { why: 'late' } }),
  },
  {
    name: 'clearing all metadata with metadata=""',
    doc: 'https://docs.stripe.com/api/metadata',
    path: (f) => `/v1/refunds/${f.refund}`,
    form: () => 'metadata=',
    status: 200,
    body: () => ({ object: 'refund', metadata: {} }),
  },
  {
    name: 'deleting a coupon',
    doc: 'https://docs.stripe.com/api/coupons/delete',
    method: 'DELETE',
    path: (f) => `/v1/coupons/${f.deletableCoupon}`,
    status: 200,
    body: (f) => ({ id: f.deletableCoupon, object: 'coupon', deleted: true }),
  },
  {
    name: 'canceling a pending payout',
    doc: 'https://docs.stripe.com/api/payouts/cancel',
    path: (f) => `/v1/payouts/${f.pendingPayout}/cancel`,
    status: 200,
    body: (f) => ({ id: f.pendingPayout, object: 'payout', status: 'canceled' }),
  },
  {
    name: 'retrieving the platform account',
    doc: 'https://docs.stripe.com/api/accounts/retrieve',
    method: 'GET',
    path: () => '/v1/account',
    status: 200,
    body: (f) => ({ id: f.platform, object: 'account', country: 'GB' }),
  },
];

let h: Harness;
let f: Fixtures;

beforeAll(async () => {
  h = await startHarness({ restrictedKeys: { rk_test_contract: { transfer: 'read' } } });
  const s = h.stripe;
  await h.fund(1_000_000);
  const charge = async (amount: number) =>
    (
      await s.paymentIntents.create({
        amount,
        currency: 'gbp',
        confirm: true,
        payment_method: 'pm_card_visa',
      })
    ).latest_charge as string;
  const dest = await s.accounts.create({
    type: 'express',
    country: 'GB',
    settings: { payouts: { schedule: { interval: 'manual' } } },
  });
  const chargeB = await charge(3000);
  await s.refunds.create({ charge: chargeB, amount: 2000 });
  const chargeRefunded = await charge(1000);
  await s.refunds.create({ charge: chargeRefunded });
  const chargeDisputed = await charge(2000);
  h.sim.control.openDispute(chargeDisputed);
  const chargeSourced = await charge(1000);
  await s.transfers.create({
    amount: 1000,
    currency: 'gbp',
    destination: dest.id,
    source_transaction: chargeSourced,
  });
  const reversed = await s.transfers.create({ amount: 1000, currency: 'gbp', destination: dest.id });
  await s.transfers.createReversal(reversed.id);
  const partial = await s.transfers.create({ amount: 1000, currency: 'gbp', destination: dest.id });
  await s.transfers.createReversal(partial.id, { amount: 400 });
  const refund = await s.refunds.create({ charge: await charge(1500), amount: 500, metadata: { a: '1' } });
  const coupon = await s.coupons.create({ percent_off: 10 }, { idempotencyKey: 'contract-idem' });
  await s.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'TAKEN' });
  const expiredCoupon = await s.coupons.create({ percent_off: 10, redeem_by: h.sim.control.now() + 60 });
  const deletable = await s.coupons.create({ percent_off: 10 });
  const sent = await s.payouts.create({ amount: 100, currency: 'gbp' });
  h.sim.control.advance(3600);
  const pending = await s.payouts.create({ amount: 100, currency: 'gbp' });
  f = {
    platform: h.sim.state.platformId,
    dest: dest.id,
    chargeA: await charge(5000),
    chargeB,
    chargeRefunded,
    chargeDisputed,
    chargeSourced,
    transferReversed: reversed.id,
    transferPartial: partial.id,
    refund: refund.id,
    pendingPayout: pending.id,
    sentPayout: sent.id,
    coupon: coupon.id,
    expiredCoupon: expiredCoupon.id,
    deletableCoupon: deletable.id,
    now: h.sim.control.now(),
  };
});
afterAll(() => h.sim.close());

describe('request contract (from Stripe’s API reference)', () => {
  it.each(rows)('$name → $status', async (row) => {
    const method = row.method ?? 'POST';
    const form = row.form?.(f);
    const res = await h.http(method === 'POST' ? row.path(f) : `${row.path(f)}${form ? `?${form}` : ''}`, {
      method,
      ...(method === 'POST' ? { body: form ?? '' } : {}),
      headers: {
        authorization: 'Bearer sk_test_123',
        'content-type': 'application/x-www-form-urlencoded',
        ...row.headers,
      },
    });
    const json = (await res.json()) as { error?: Record<string, unknown> } & Record<string, unknown>;
    expect(res.status).toBe(row.status);
    if (row.body) return expect(json).toMatchObject(row.body(f));
    expect(json.error?.type).toBe(row.type);
    expect(json.error?.code).toBe(row.code);
    expect(json.error?.param).toBe(row.param);
    if (row.message) expect(json.error?.message).toBe(row.message(f));
  });
});
