// Restricted keys: Stripe's 403 naming the missing rak_ permission, after routing and before parameter checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { body, expectStripeError, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ restrictedKeys: { rk_test_reader: { transfer: 'read', balance: 'read' } } });
});
afterAll(() => h.sim.close());

const postAs = (key: string, path: string, form: string) =>
  h.http(path, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('restricted keys', () => {
  it('answers 403 naming rak_transfer_write to a key that can only read transfers, and changes nothing', async () => {
    const reader = h.client({ apiKey: 'rk_test_reader' });
    await expect(reader.transfers.list()).resolves.toMatchObject({ object: 'list' });
    const err = await expectStripeError(
      reader.transfers.create({ amount: 100, currency: 'gbp', destination: 'acct_x' }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(err.statusCode).toBe(403);
    expect(err.message).toBe(
      `The provided key 'rk_test_**ader' does not have the required permissions for this endpoint on account '${h.sim.state.platformId}'. Having the 'rak_transfer_write' permission would allow this request to continue.`,
    );
    expect(err.code).toBeUndefined();
    expect(h.sim.state.transfers.size).toBe(0);
  });

  it('checks permissions after routing and before parameters: 404 stays 404, unknown params are 403 without and 400 with it', async () => {
    expect((await postAs('rk_test_reader', '/v1/nowhere', 'a=1')).status).toBe(404);
    const denied = await postAs('rk_test_reader', '/v1/transfers', 'foo=bar');
    expect(denied.status).toBe(403);
    expect((await body(denied)).error.type).toBe('invalid_request_error');
    await h.http('/_sim/restricted-keys', {
      json: { key: 'rk_test_writer', permissions: { transfer: 'write' } },
    });
    const refused = await postAs('rk_test_writer', '/v1/transfers', 'foo=bar');
    expect(refused.status).toBe(400);
    expect((await body(refused)).error).toMatchObject({ code: 'parameter_unknown', param: 'foo' });
  });

  it('needs the transfer permission for reversals, read for GET and write for POST, and none elsewhere', async () => {
    const reader = h.client({ apiKey: 'rk_test_reader' });
    const reversal = await expectStripeError(reader.transfers.createReversal('tr_x'));
    expect(reversal.message).toContain("'rak_transfer_write'");
    expect((await expectStripeError(reader.charges.list())).message).toContain("'rak_charge_read'");
    await expect(reader.balance.retrieve()).resolves.toMatchObject({ object: 'balance' });
  });

  it('keeps full access for an rk_test_ key that was never registered', async () => {
    await expect(h.client({ apiKey: 'rk_test_other' }).charges.list()).resolves.toMatchObject({
      object: 'list',
    });
  });
});
