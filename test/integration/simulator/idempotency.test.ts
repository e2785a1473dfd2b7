// Idempotency as Stripe does it: answers stored once execution begins (failures too), parameters compared as parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.close());

const post = (path: string, form: string, key: string, headers: Record<string, string> = {}) =>
  h.http(path, {
    method: 'POST',
    body: form,
    headers: {
      authorization: 'Bearer sk_test_123',
      'content-type': 'application/x-www-form-urlencoded',
      'idempotency-key': key,
      ...headers,
    },
  });

describe('idempotency', () => {
  it('replays a refusal that happened during execution (balance_insufficient) with its status and body', async () => {
    const dest = await h.stripe.accounts.create({ type: 'express', country: 'GB' });
    await h.stripe.paymentIntents.create({
      amount: 20_000_000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    h.sim.control.advance(36 * 3600);
    const params = { amount: 10_000_000, currency: 'gbp', destination: dest.id };
    const first = await expectStripeError(h.stripe.transfers.create(params, { idempotencyKey: 'exec-fail' }));
    expect(first.code).toBe('balance_insufficient');
    h.sim.control.advance(13 * 3600);
    expect((await h.stripe.balance.retrieve()).available[0]!.amount).toBeGreaterThan(10_000_000);
    const res = await post(
      '/v1/transfers',
      `amount=10000000&currency=gbp&destination=${dest.id}`,
      'exec-fail',
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect((await body(res)).error.code).toBe('balance_insufficient');
    expect(h.sim.state.transfers.items.some((t) => t.destination === dest.id)).toBe(false);
  });

  it('replays an over-refund refusal even after the charge could be refunded', async () => {
    await h.fund(10_000);
    const pi = await h.stripe.paymentIntents.create({
      amount: 2000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    const over = { payment_intent: pi.id, amount: 2500 };
    const first = await expectStripeError(h.stripe.refunds.create(over, { idempotencyKey: 'over-refund' }));
    const again = await expectStripeError(h.stripe.refunds.create(over, { idempotencyKey: 'over-refund' }));
    expect(again.message).toBe(first.message);
    expect(again.headers?.['idempotent-replayed']).toBe('true');
  });

  it('does not store a parameter refusal, so the same key can be retried with corrected parameters', async () => {
    const bad = await post(
      '/v1/payment_intents',
      'amount=1000&currency=gbp&confirm=true&payment_method=pm_card_visa&colour=red',
      'retry-me',
    );
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe('parameter_unknown');
    const missing = await post(
      '/v1/payment_intents',
      'currency=gbp&confirm=true&payment_method=pm_card_visa',
      'retry-me',
    );
    expect((await body(missing)).error.code).toBe('parameter_missing');
    const ok = await post(
      '/v1/payment_intents',
      'amount=1000&currency=gbp&confirm=true&payment_method=pm_card_visa',
      'retry-me',
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });

  it('does not store 401, 403, 429 or 500 answers', async () => {
    const form = 'amount=1100&currency=gbp&confirm=true&payment_method=pm_card_visa';
    const unauth = await post('/v1/payment_intents', form, 'not-stored', {
      authorization: 'Bearer pk_test_x',
    });
    expect(unauth.status).toBe(401);
    h.sim.control.registerRestrictedKey('rk_test_readonly', { payment_intent: 'read' });
    const denied = await post('/v1/payment_intents', form, 'not-stored', {
      authorization: 'Bearer rk_test_readonly',
    });
    expect(denied.status).toBe(403);
    h.sim.control.setFaults({ routes: { 'POST /v1/payment_intents': { error500: 1 } } });
    expect((await post('/v1/payment_intents', form, 'not-stored')).status).toBe(500);
    h.sim.control.setFaults({ routes: { 'POST /v1/payment_intents': { rateLimit429: 1 } } });
    expect((await post('/v1/payment_intents', form, 'not-stored')).status).toBe(429);
    h.sim.control.clearFaults();
    const ok = await post('/v1/payment_intents', form, 'not-stored');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });

  it('compares parameters, not body bytes: re-ordered fields with the same meaning replay', async () => {
    const a = await post(
      '/v1/payment_intents',
      'amount=1200&currency=gbp&confirm=true&payment_method=pm_card_visa&metadata[a]=1&metadata[b]=2',
      'reordered',
    );
    const b = await post(
      '/v1/payment_intents',
      'metadata[b]=2&payment_method=pm_card_visa&metadata[a]=1&confirm=true&currency=gbp&amount=1200',
      'reordered',
    );
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect((await body<{ id: string }>(b)).id).toBe((await body<{ id: string }>(a)).id);
    const other = await post(
      '/v1/payment_intents',
      'amount=1201&currency=gbp&confirm=true&payment_method=pm_card_visa',
      'reordered',
    );
    expect((await body(other)).error.type).toBe('idempotency_error');
  });

  it('refuses a key longer than 255 characters without storing anything', async () => {
    const long = 'k'.repeat(256);
    const res = await post(
      '/v1/payment_intents',
      'amount=1300&currency=gbp&confirm=true&payment_method=pm_card_visa',
      long,
    );
    expect(res.status).toBe(400);
    expect((await body(res)).error.type).toBe('invalid_request_error');
    expect(
      (
        await body(
          await post(
            '/v1/payment_intents',
            'amount=1300&currency=gbp&confirm=true&payment_method=pm_card_visa',
            'k'.repeat(255),
          ),
        )
      ).error,
    ).toBeUndefined();
  });
});
