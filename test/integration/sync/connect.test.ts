// Connecting Stripe through the contract: admin only, restricted keys probed, key stored but never returned, audited.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import type { InputOf, MethodName, OutputOf } from '../../../src/shared/contract';
import { STRIPE_KEY_SECRET } from '../../../src/main/sync/engine';
import { environmentSecretStore } from '../../../src/main/secrets/secret-store';
import {
  count,
  forward,
  ledgerProblems,
  memorySecrets,
  openSyncCore,
  startSmallSimulator,
  type SyncCore,
} from './harness';

const RESTRICTED = 'rk_test_restrictedKey9876';
const HIDDEN = ['/v1/disputes', '/v1/coupons'];

/** Stands in front of the simulator and answers 403 for what a restricted key may not read, as Stripe does. */
function restrictingProxy(target: number): Promise<Server> {
  const server = createServer((req, res) => {
    const restricted = (req.headers.authorization ?? '').includes('rk_test_');
    if (restricted && HIDDEN.some((p) => req.url?.startsWith(p))) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            type: 'invalid_request_error',
            message: 'The provided key does not have the required permissions.',
          },
        }),
      );
      return;
    }
    forward(req, res, target);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('stripe.connect and stripe.disconnect', () => {
  let sim: RunningSimulator;
  let proxy: Server;
  let c: SyncCore;
  const secrets = memorySecrets();
  async function call<M extends MethodName>(conn: string, method: M, input: InputOf<M>) {
    const r = await c.core.dispatcher.call(conn, method, input);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.data as OutputOf<M>;
  }

  beforeAll(async () => {
    sim = await startSmallSimulator(81);
    proxy = await restrictingProxy(sim.port);
    c = await openSyncCore((proxy.address() as AddressInfo).port, { secrets });
    await call('admin', 'auth.createFirstAdmin', {
      username: 'admin',
      name: 'Ada Admin',
      email: 'ada@lplate.test',
      password: 'correct-horse-battery',
    });
    await call('admin', 'operators.add', {
      username: 'fin',
      name: 'Fin Ance',
      email: 'fin@lplate.test',
      role: 'finance',
      password: 'correct-horse-battery',
    });
    await call('fin', 'auth.signIn', { username: 'fin', password: 'correct-horse-battery' });
  });
  afterAll(async () => {
    c.close();
    proxy.close();
    await sim.close();
  });

  it('refuses anyone but an admin, and a key that is not a Stripe key', async () => {
    await expect(call('fin', 'stripe.connect', { secretKey: RESTRICTED })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(call('admin', 'stripe.connect', { secretKey: 'pk_test_abcdefghij' })).rejects.toMatchObject({
      code: 'validation',
    });
    expect((await call('fin', 'sync.status', {})).connected).toBe(false);
  });

  it('connects a restricted key: lists what it cannot read, stores it, returns and audits only its last four', async () => {
    const status = await call('admin', 'stripe.connect', { secretKey: RESTRICTED });
    expect(status).toMatchObject({ connected: true, mode: 'test', keyLast4: '9876' });
    expect(status.unreadable.map((u) => u.resource).sort()).toEqual(['coupons', 'disputes']);
    expect(status.unreadable.every((u) => u.disables.length > 10)).toBe(true);
    expect(JSON.stringify(status)).not.toContain(RESTRICTED);
    expect(secrets.get(STRIPE_KEY_SECRET)).toBe(RESTRICTED);
    expect((await call('admin', 'auth.status', {})).workspace.mode).toBe('test');
    const { sqlite } = c.core.services;
    const audit = sqlite
      .prepare("SELECT old_values, new_values FROM audit_logs WHERE entity_type = 'stripe_connection'")
      .all();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(RESTRICTED);
    expect(JSON.stringify(audit)).toContain('9876');

    await c.core.sync.idle();
    const after = await call('fin', 'sync.status', {});
    expect(after.job).toMatchObject({ kind: 'backfill', state: 'done' });
    expect(after.job!.parts.map((p) => p.name)).not.toContain('disputes');
    expect(
      count(sqlite, "SELECT count(*) FROM stripe_objects WHERE object_type = 'payment_intent'"),
    ).toBeGreaterThan(0);
    expect(count(sqlite, "SELECT count(*) FROM stripe_objects WHERE object_type = 'dispute'")).toBe(0);
    expect(after.openErrors).toBe(0);
    expect(ledgerProblems(sqlite)).toEqual([]);
  });

  it('runs a pass on demand and refuses to cancel a job that is not running', async () => {
    const { jobId } = await call('fin', 'sync.run', { backfill: false });
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await c.core.sync.wait(jobId)).toMatchObject({ state: 'done' });
    await expect(call('fin', 'jobs.cancel', { jobId })).rejects.toMatchObject({ code: 'conflict' });
    const errors = await call('fin', 'sync.errors', { open: false });
    expect(errors).toMatchObject({ total: 0, rows: [] });
  });

  it('disconnects: forgets the key, keeps the data, audits it', async () => {
    const status = await call('admin', 'stripe.disconnect', {});
    expect(status).toMatchObject({ connected: false, mode: null, keyLast4: null });
    expect(secrets.get(STRIPE_KEY_SECRET)).toBeNull();
    expect((await call('admin', 'auth.status', {})).workspace.mode).toBe('none');
    const { sqlite } = c.core.services;
    expect(count(sqlite, "SELECT count(*) FROM audit_logs WHERE action = 'disconnect'")).toBe(1);
    expect(count(sqlite, 'SELECT count(*) FROM stripe_objects')).toBeGreaterThan(0);
    const { jobId } = await call('fin', 'sync.run', { backfill: false });
    expect(await c.core.sync.wait(jobId)).toMatchObject({
      state: 'failed',
      message: 'Stripe is not connected.',
    });
  });
});

describe('stripe.connect on the headless host (key from the environment)', () => {
  it('accepts only the key the host was started with, and never writes it', async () => {
    const sim = await startSmallSimulator(82);
    process.env.LPLATE_TEST_STRIPE_KEY = 'sk_test_fromTheEnvironment1';
    const c = await openSyncCore(sim.port, {
      secrets: environmentSecretStore({ [STRIPE_KEY_SECRET]: { env: 'LPLATE_TEST_STRIPE_KEY' } }),
    });
    try {
      const call = (method: 'stripe.connect', secretKey: string) =>
        c.core.dispatcher.call('admin', method, { secretKey });
      await c.core.dispatcher.call('admin', 'auth.createFirstAdmin', {
        username: 'admin',
        name: 'Ada Admin',
        email: 'ada@lplate.test',
        password: 'correct-horse-battery',
      });
      const other = await call('stripe.connect', 'sk_test_someOtherKey12345');
      expect(other).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(JSON.stringify(other)).toMatch(/LPLATE_TEST_STRIPE_KEY/);
      const same = await call('stripe.connect', 'sk_test_fromTheEnvironment1');
      expect(same).toMatchObject({ ok: true, data: { connected: true, keyLast4: 'ent1' } });
      await c.core.sync.idle();
    } finally {
      delete process.env.LPLATE_TEST_STRIPE_KEY;
      c.close();
      await sim.close();
    }
  });
});
