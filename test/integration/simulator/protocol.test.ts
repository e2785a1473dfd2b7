// Conformance: authentication, parameters, envelopes, idempotency and Stripe-Account scoping through the real SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { body, expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

const form = (body: Record<string, string>) => new URLSearchParams(body).toString();

describe('authentication', () => {
  it('answers 401 to a key that is not a test secret or restricted key', async () => {
    const err = await expectStripeError(h.client({ apiKey: 'pk_test_123' }).balance.retrieve());
    expect(err.statusCode).toBe(401);
    expect(err.type).toBe('StripeAuthenticationError');
    const res = await h.http('/v1/balance');
    expect(res.status).toBe(401);
    expect((await body(res)).error.type).toBe('invalid_request_error');
  });

  it('accepts any rk_test_ key by default but only the configured key when one is given', async () => {
    await expect(h.client({ apiKey: 'rk_test_abc' }).balance.retrieve()).resolves.toMatchObject({
      object: 'balance',
    });
    const strict = await startHarness({ apiKey: 'sk_test_only' });
    try {
      expect(
        (await expectStripeError(strict.client({ apiKey: 'sk_test_other' }).balance.retrieve())).statusCode,
      ).toBe(401);
      await expect(strict.client({ apiKey: 'sk_test_only' }).balance.retrieve()).resolves.toMatchObject({
        object: 'balance',
      });
    } finally {
      await strict.sim.close();
    }
  });

  it('takes the key as the Basic-auth user name too, as curl -u sk_test_…: sends it', async () => {
    const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    expect((await h.http('/v1/balance', { headers: { authorization: basic('sk_test_curl') } })).status).toBe(
      200,
    );
    expect((await h.http('/v1/balance', { headers: { authorization: basic('pk_test_curl') } })).status).toBe(
      401,
    );
  });
});

describe('protocol details', () => {
  it('puts a Request-Id header on every response, errors included', async () => {
    const ok = await h.http('/v1/balance', { headers: { authorization: 'Bearer sk_test_1' } });
    const bad = await h.http('/v1/nope', { headers: { authorization: 'Bearer sk_test_1' } });
    const unauth = await h.http('/v1/balance');
    for (const res of [ok, bad, unauth]) expect(res.headers.get('request-id')).toMatch(/^req_\w+$/);
    expect(ok.headers.get('request-id')).not.toBe(bad.headers.get('request-id'));
    expect(bad.status).toBe(404);
  });

  it('dates answers by the simulated clock, or with wallClockDates runs it on in real seconds, never backwards', async () => {
    const auth = { headers: { authorization: 'Bearer sk_test_1' } };
    const dateOf = async (x: Harness) =>
      Date.parse((await x.http('/v1/balance', auth)).headers.get('date')!) / 1000;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const fixed = await dateOf(h);
    expect(fixed).toBe(h.sim.state.now);
    await pause(1100);
    expect(await dateOf(h)).toBe(fixed);

    const wall = await startHarness({ wallClockDates: true });
    try {
      const start = wall.sim.state.now;
      expect(await dateOf(wall)).toBe(start);
      await pause(1100);
      expect(await dateOf(wall)).toBeGreaterThanOrEqual(start + 1);
      // Moving the simulated clock restarts the count from it...
      wall.sim.control.advance(60);
      expect(await dateOf(wall)).toBe(start + 60);
      await pause(2100);
      const ranOn = await dateOf(wall);
      expect(ranOn).toBeGreaterThanOrEqual(start + 62);
      // ...but a move to a second the header has already passed does not take it back.
      wall.sim.control.advance(1);
      expect(await dateOf(wall)).toBeGreaterThanOrEqual(ranOn);
    } finally {
      await wall.sim.close();
    }
  });

  it('refuses unknown parameters with parameter_unknown naming the parameter', async () => {
    const err = await expectStripeError(
      h.stripe.paymentIntents.create({
        amount: 1000,
        currency: 'gbp',
        confirm: true,
        payment_method: 'pm_card_visa',
        colour: 'red',
      } as Stripe.PaymentIntentCreateParams),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('parameter_unknown');
    expect(err.param).toBe('colour');
    expect(err.message).toContain('colour');
    const listErr = await expectStripeError(
      h.stripe.transfers.list({ flavour: 'x' } as Stripe.TransferListParams),
    );
    expect(listErr.code).toBe('parameter_unknown');
  });

  it('reports a missing required parameter with parameter_missing', async () => {
    const err = await expectStripeError(
      h.stripe.transfers.create({ currency: 'gbp', destination: 'acct_x' } as Stripe.TransferCreateParams),
    );
    expect(err.code).toBe('parameter_missing');
    expect(err.param).toBe('amount');
  });

  it('refuses a limit outside 1–100', async () => {
    const err = await expectStripeError(h.stripe.events.list({ limit: 101 }));
    expect(err.param).toBe('limit');
  });

  it('sends list envelopes with object, data, has_more and url', async () => {
    const res = await h.http('/v1/payment_intents?limit=1', {
      headers: { authorization: 'Bearer sk_test_1' },
    });
    const list = await body<{ data: unknown[] }>(res);
    expect(list).toMatchObject({ object: 'list', has_more: false, url: '/v1/payment_intents' });
    expect(Array.isArray(list.data)).toBe(true);
  });

  it('refuses to expand a field that is not expandable', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const err = await expectStripeError(h.stripe.paymentIntents.retrieve(pi.id, { expand: ['amount'] }));
    expect(err.statusCode).toBe(400);
  });
});

describe('idempotency', () => {
  it('replays the first response for the same key and parameters without creating a second object', async () => {
    const key = 'idem-same-1';
    const a = await h.stripe.paymentIntents.create(
      { amount: 2222, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' },
      { idempotencyKey: key },
    );
    const count = h.sim.state.payments.size;
    const b = await h.stripe.paymentIntents.create(
      { amount: 2222, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' },
      { idempotencyKey: key },
    );
    expect(b.id).toBe(a.id);
    expect(h.sim.state.payments.size).toBe(count);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  it('replays a declined confirmation as the same 402', async () => {
    const params = { amount: 1500, currency: 'gbp', confirm: true, payment_method: 'pm_card_chargeDeclined' };
    const e1 = await expectStripeError(
      h.stripe.paymentIntents.create(params, { idempotencyKey: 'idem-decline' }),
    );
    const e2 = await expectStripeError(
      h.stripe.paymentIntents.create(params, { idempotencyKey: 'idem-decline' }),
    );
    expect(e2.statusCode).toBe(402);
    expect((e2.payment_intent as Stripe.PaymentIntent).id).toBe(
      (e1.payment_intent as Stripe.PaymentIntent).id,
    );
  });

  it('answers idempotency_error when the same key comes with different parameters', async () => {
    await h.stripe.paymentIntents.create(
      { amount: 1000, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' },
      { idempotencyKey: 'idem-diff' },
    );
    const err = await expectStripeError(
      h.stripe.paymentIntents.create(
        { amount: 1001, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' },
        { idempotencyKey: 'idem-diff' },
      ),
    );
    expect(err.statusCode).toBe(400);
    expect(err.type).toBe('StripeIdempotencyError');
  });

  it('forgets keys after 24 simulated hours', async () => {
    const params = { amount: 1300, currency: 'gbp', confirm: true, payment_method: 'pm_card_visa' };
    const a = await h.stripe.paymentIntents.create(params, { idempotencyKey: 'idem-expiry' });
    h.sim.control.advance(24 * 3600 - 10);
    expect((await h.stripe.paymentIntents.create(params, { idempotencyKey: 'idem-expiry' })).id).toBe(a.id);
    h.sim.control.advance(20);
    expect((await h.stripe.paymentIntents.create(params, { idempotencyKey: 'idem-expiry' })).id).not.toBe(
      a.id,
    );
  });

  it('keeps keys per Stripe-Account', async () => {
    const acct = await h.stripe.accounts.create({ type: 'express', country: 'GB' });
    const res1 = await h.http('/v1/payouts', {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk_test_1',
        'idempotency-key': 'scoped',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form({ amount: '1', currency: 'gbp' }),
    });
    const res2 = await h.http('/v1/payouts', {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk_test_1',
        'idempotency-key': 'scoped',
        'stripe-account': acct.id,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form({ amount: '1', currency: 'gbp' }),
    });
    expect(res2.headers.get('idempotent-replayed')).toBeNull();
    expect([res1.status, res2.status]).toEqual([400, 400]);
    expect((await body(res2)).error.code).toBe('balance_insufficient');
  });
});

describe('Stripe-Account scoping', () => {
  it('shows a connected account its own balance, transactions and events, and hides the platform’s', async () => {
    await h.fund(50_000);
    const acct = await h.stripe.accounts.create({ type: 'express', country: 'GB', email: 'i@example.test' });
    const tr = await h.stripe.transfers.create({ amount: 4000, currency: 'gbp', destination: acct.id });
    const connected = h.client({ stripeAccount: acct.id });
    const bal = await connected.balance.retrieve();
    expect(bal.available[0]!.amount).toBe(4000);
    const txs = await connected.balanceTransactions.list();
    expect(txs.data.map((t) => t.type)).toEqual(['payment']);
    expect(txs.data[0]!.source).toBe(tr.destination_payment);
    expect((await connected.paymentIntents.list()).data).toHaveLength(0);
    const platformTx = (await h.stripe.balanceTransactions.list({ limit: 1 })).data[0]!;
    expect((await expectStripeError(connected.balanceTransactions.retrieve(platformTx.id))).statusCode).toBe(
      404,
    );
    const me = await connected.accounts.retrieveCurrent();
    expect(me.id).toBe(acct.id);
  });

  it('refuses a Stripe-Account that does not exist', async () => {
    const err = await expectStripeError(h.client({ stripeAccount: 'acct_missing' }).balance.retrieve());
    expect(err.statusCode).toBe(403);
  });
});
