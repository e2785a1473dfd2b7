// Pausing and resuming a code, end to end: contract → one transaction (intent, audit, outbox row, job) → the
// outbox sends it with its stored key → Stripe (the simulator) changes → the answer and its effects are committed.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import type { InputOf, MethodName, OutputOf } from '../../../src/shared/contract';
import type { CodeRow } from '../../../src/shared/contract/codes';
import {
  connectAndSync,
  count,
  openSyncCore,
  runJob,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from '../sync/harness';

let sim: RunningSimulator;
let c: SyncCore;

async function call<M extends MethodName>(conn: string, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await c.core.dispatcher.call(conn, method, input);
  if (!r.ok)
    throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
  return r.data as OutputOf<M>;
}

async function welcome(): Promise<CodeRow> {
  const page = await call('fin', 'codes.list', { kind: 'discount', q: 'WELCOME' });
  return page.rows.find((r) => r.code === 'WELCOME10')!;
}

const promotionCode = (id: string) => sim.state.promotionCodes.get(id)!;

beforeAll(async () => {
  sim = await startSmallSimulator(91);
  c = await openSyncCore(sim.port);
  expect((await connectAndSync(c.core))?.state).toBe('done');
  await signedInOperators(c.core, [
    { username: 'fin', name: 'Fin Ance', role: 'finance' },
    { username: 'sup', name: 'Sue Port', role: 'support' },
  ]);
});
afterAll(async () => {
  c?.close();
  await sim?.close();
});

describe('pausing and resuming a code through the outbox', () => {
  it('lists the synced codes with the promotion code each mirrors', async () => {
    const code = await welcome();
    expect(code).toMatchObject({
      code: 'WELCOME10',
      percentage: 10,
      isActive: true,
      status: 'active',
      change: null,
    });
    expect(code.stripePromotionCodeId).toMatch(/^promo_/);
    expect(code.dashboardUrl).toBe(
      `https://dashboard.stripe.com/test/promotion_codes/${code.stripePromotionCodeId}`,
    );
  });

  it('pauses a code in Stripe as a job, with the intent, the write and its outcome audited', async () => {
    const code = await welcome();
    const { jobId, requestId } = await call('fin', 'codes.setActive', {
      codeId: code.id,
      active: false,
      note: 'Leaked on a voucher site',
    });
    const job = await call('fin', 'jobs.wait', { jobId, timeoutSeconds: 30 });
    expect(job).toMatchObject({ kind: 'stripe_writes', title: 'Pause WELCOME10 in Stripe', state: 'done' });
    expect(job.startedBy).toBe('Fin Ance');
    expect(job.items).toEqual([
      expect.objectContaining({ state: 'succeeded', stripeId: code.stripePromotionCodeId }),
    ]);
    expect(promotionCode(code.stripePromotionCodeId!).active).toBe(false);

    const after = await welcome();
    expect(after).toMatchObject({ isActive: false, status: 'paused' });
    expect(after.change).toMatchObject({
      requestId,
      active: false,
      state: 'succeeded',
      requestedBy: 'Fin Ance',
    });

    const { sqlite } = c.core.services;
    const request = sqlite.prepare('SELECT * FROM stripe_requests WHERE id = ?').get(requestId) as Record<
      string,
      unknown
    >;
    expect(request).toMatchObject({
      kind: 'promotion_code.update',
      target: code.stripePromotionCodeId,
      idempotency_key: `promotion-code-active:${requestId}`,
      state: 'succeeded',
      attempts: 1,
      stripe_object_id: code.stripePromotionCodeId,
    });
    const actions = sqlite
      .prepare(
        `SELECT entity_type || ':' || action FROM audit_logs
         WHERE entity_id IN (?, ?) AND actor <> 'sync' ORDER BY seq`,
      )
      .pluck()
      .all(code.id, requestId);
    expect(actions).toEqual(['discount_code:pause_requested', 'stripe_request:succeeded']);
    const note = sqlite
      .prepare("SELECT new_values FROM audit_logs WHERE action = 'pause_requested'")
      .pluck()
      .get() as string;
    expect(JSON.parse(note)).toEqual({ active: false, note: 'Leaked on a voucher site' });
  });

  it('stays paused when sync later reads the event of the same change', async () => {
    expect((await runJob(c.core, 'sync'))?.state).toBe('done');
    expect(await welcome()).toMatchObject({ isActive: false, status: 'paused' });
  });

  it('refuses what makes no sense, and support, and changes nothing', async () => {
    const code = await welcome();
    const before = count(c.core.services.sqlite, 'SELECT count(*) FROM stripe_requests');
    await expect(call('fin', 'codes.setActive', { codeId: code.id, active: false })).rejects.toMatchObject({
      code: 'conflict',
      message: 'WELCOME10 is already paused in Stripe.',
    });
    await expect(call('sup', 'codes.setActive', { codeId: code.id, active: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      call('fin', 'codes.setActive', { codeId: '00000000-0000-4000-8000-000000000000', active: true }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(count(c.core.services.sqlite, 'SELECT count(*) FROM stripe_requests')).toBe(before);
  });

  it('resumes it, and refuses a second change while the first is on its way', async () => {
    const code = await welcome();
    const first = await call('fin', 'codes.setActive', { codeId: code.id, active: true });
    await expect(call('fin', 'codes.setActive', { codeId: code.id, active: false })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await call('fin', 'jobs.wait', { jobId: first.jobId, timeoutSeconds: 30 })).toMatchObject({
      state: 'done',
    });
    expect(promotionCode(code.stripePromotionCodeId!).active).toBe(true);
    expect(await welcome()).toMatchObject({ isActive: true, status: 'active' });
  });

  it('lets support see codes and the job, but not cancel it', async () => {
    const page = await call('sup', 'codes.list', { kind: 'discount' });
    expect(page.rows.length).toBeGreaterThan(0);
    const jobs = await call('sup', 'jobs.list', { kind: 'stripe_writes' });
    expect(jobs.map((j) => j.title)).toEqual(['Resume WELCOME10 in Stripe', 'Pause WELCOME10 in Stripe']);
    await expect(call('sup', 'jobs.cancel', { jobId: jobs[0]!.jobId })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('rebuilds the ledger identically, keeping every console record and its link to Stripe', async () => {
    const { sqlite } = c.core.services;
    const records = () => ({
      requests: sqlite.prepare('SELECT * FROM stripe_requests ORDER BY seq').all(),
      jobs: sqlite.prepare('SELECT * FROM jobs ORDER BY rowid').all(),
      codes: sqlite
        .prepare('SELECT id, code, is_active, stripe_promotion_code_id FROM discount_codes ORDER BY id')
        .all(),
    });
    const before = records();
    expect(before.requests).toHaveLength(2);
    const hash = await call('fin', 'ledger.hash', {});
    const report = await call('fin', 'ledger.rebuild', {});
    expect(report).toMatchObject({ identical: true, before: hash.hash, after: hash.hash });
    expect(records()).toEqual(before);
    expect(await welcome()).toMatchObject({ isActive: true, change: { state: 'succeeded', active: true } });
  });

  it('follows the active one when Stripe has two promotion codes with the same text', async () => {
    const code = await welcome();
    const paused = await call('fin', 'codes.setActive', { codeId: code.id, active: false });
    expect((await call('fin', 'jobs.wait', { jobId: paused.jobId, timeoutSeconds: 30 })).state).toBe('done');
    // Someone makes a fresh WELCOME10 in the Stripe Dashboard, on the same coupon.
    const dashboard = new Stripe('sk_test_dashboard', {
      host: '127.0.0.1',
      port: sim.port,
      protocol: 'http',
    });
    const old = await dashboard.promotionCodes.retrieve(code.stripePromotionCodeId!);
    sim.control.advance(60);
    const fresh = await dashboard.promotionCodes.create({
      promotion: { type: 'coupon', coupon: (old.promotion as { coupon: string }).coupon },
      code: 'WELCOME10',
    });
    expect((await runJob(c.core, 'sync'))?.state).toBe('done');
    expect(await welcome()).toMatchObject({
      isActive: true,
      status: 'active',
      stripePromotionCodeId: fresh.id,
    });
  });
});
