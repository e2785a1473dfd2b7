// Connecting a key that must be refused — rejected by Stripe, Stripe out of reach, another account's key while the
// workspace holds data or open writes — changes nothing and says what to do; a good key names its account.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator/index';
import { STRIPE_KEY_SECRET } from '../../../src/main/sync/engine';
import {
  contractCaller,
  count,
  forward,
  memorySecrets,
  openSyncCore,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from './harness';

/** Sends a key naming `accountB` to simulator B, every other key to simulator A: two Stripe accounts, one host. */
function accountRouter(a: number, b: number): Promise<Server> {
  const server = createServer((req, res) => {
    const target = (req.headers.authorization ?? '').includes('accountB') ? b : a;
    forward(req, res, target);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const KEY_A = 'sk_test_accountAkey1111';
const KEY_B = 'sk_test_accountBkey2222';
const state = (c: SyncCore) =>
  c.core.services.sqlite.prepare('SELECT key, value FROM sync_state ORDER BY key').all();

describe('stripe.connect refusals', () => {
  let simA: RunningSimulator;
  let simB: RunningSimulator;
  let router: Server;
  beforeAll(async () => {
    simA = await startSmallSimulator(91);
    simB = await startSimulator({ port: 0, seed: 92 });
    router = await accountRouter(simA.port, simB.port);
  });
  afterAll(async () => {
    router.close();
    await simA.close();
    await simB.close();
  });

  async function workspace(port = (router.address() as AddressInfo).port) {
    const secrets = memorySecrets();
    const c = await openSyncCore(port, { secrets });
    await signedInOperators(c.core, [{ username: 'fin', name: 'Fin Ance', role: 'finance' }]);
    return { c, secrets, call: contractCaller(c.core) };
  }

  it('names the account and its country, and returns the backfill job to follow', async () => {
    const { c, call } = await workspace();
    try {
      const status = await call('admin', 'stripe.connect', { secretKey: KEY_A });
      expect(status.account).toEqual({
        id: simA.state.platformId,
        name: 'LPlate (simulated)',
        country: 'GB',
      });
      expect(await c.core.sync.wait(status.backfillJobId)).toMatchObject({ kind: 'backfill', state: 'done' });
    } finally {
      c.close();
    }
  });

  it('refuses a key Stripe rejects, on its field, and keeps nothing', async () => {
    const { c, secrets, call } = await workspace();
    try {
      const before = state(c);
      const refused = call('admin', 'stripe.connect', { secretKey: 'sk_live_notAcceptedHere99' });
      await expect(refused).rejects.toMatchObject({
        code: 'validation',
        message: expect.stringContaining('Stripe rejected this key'),
        details: { issues: [{ path: ['secretKey'] }] },
      });
      expect(secrets.get(STRIPE_KEY_SECRET)).toBeNull();
      expect(state(c)).toEqual(before);
      expect(
        count(
          c.core.services.sqlite,
          "SELECT count(*) FROM audit_logs WHERE entity_type = 'stripe_connection'",
        ),
      ).toBe(0);
    } finally {
      c.close();
    }
  });

  it('says Stripe could not be reached when the network fails, and keeps nothing', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const { c, secrets, call } = await workspace(port);
    try {
      await expect(call('admin', 'stripe.connect', { secretKey: KEY_A })).rejects.toMatchObject({
        code: 'stripe',
        message: expect.stringMatching(/could not be reached.*nothing was changed/),
      });
      expect(secrets.get(STRIPE_KEY_SECRET)).toBeNull();
      expect((await call('fin', 'sync.status', {})).connected).toBe(false);
    } finally {
      c.close();
    }
  });

  it("refuses another account's key once the workspace holds data, and stays connected as it was", async () => {
    const { c, secrets, call } = await workspace();
    try {
      const first = await call('admin', 'stripe.connect', { secretKey: KEY_A });
      await c.core.sync.wait(first.backfillJobId);
      const objects = count(c.core.services.sqlite, 'SELECT count(*) FROM stripe_objects');
      expect(objects).toBeGreaterThan(0);
      await expect(call('admin', 'stripe.connect', { secretKey: KEY_B })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining(
          `holds the data of LPlate (simulated) (${simA.state.platformId}), and this key is for`,
        ),
      });
      await expect(
        call('admin', 'stripe.connect', { secretKey: 'sk_live_accountAlive1' }),
      ).rejects.toMatchObject({
        code: 'validation',
      });
      expect(secrets.get(STRIPE_KEY_SECRET)).toBe(KEY_A);
      expect(await call('fin', 'sync.status', {})).toMatchObject({
        connected: true,
        keyLast4: '1111',
        account: { id: simA.state.platformId },
      });
      // Disconnected, the workspace still knows whose data it holds.
      await call('admin', 'stripe.disconnect', {});
      await expect(call('admin', 'stripe.connect', { secretKey: KEY_B })).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(call('admin', 'stripe.disconnect', {})).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('not connected'),
      });
      expect((await call('admin', 'stripe.connect', { secretKey: KEY_A })).connected).toBe(true);
      await c.core.sync.idle();
    } finally {
      c.close();
    }
  });

  it("refuses another account's key while writes asked of the first are open, even before any data", async () => {
    const key = 'rk_test_noCouponWrites77';
    simB.control.registerRestrictedKey('rk_test_accountBnoWrites', {
      account: 'read',
      coupon: 'read',
      promotion_code: 'read',
      event: 'read',
    });
    simA.control.registerRestrictedKey(key, {
      coupon: 'read',
      promotion_code: 'read',
      event: 'read',
      account: 'read',
    });
    const { c, call } = await workspace();
    try {
      // A first key for account B: an empty account, so nothing is synced, and the code's write is held (403).
      const first = await call('admin', 'stripe.connect', { secretKey: 'rk_test_accountBnoWrites' });
      await c.core.sync.wait(first.backfillJobId);
      expect(count(c.core.services.sqlite, 'SELECT count(*) FROM stripe_objects')).toBe(0);
      await call('fin', 'codes.create', {
        kind: 'discount',
        code: 'SPRING-10',
        percentage: 10,
        maxUses: null,
        expiresOn: null,
      });
      await expect(call('admin', 'stripe.connect', { secretKey: key })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('still open'),
      });
      expect((await call('fin', 'sync.status', {})).keyLast4).toBe('ites');
    } finally {
      c.close();
    }
  });
});
