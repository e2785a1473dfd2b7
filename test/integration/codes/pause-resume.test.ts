// Pausing and resuming a code made in Stripe, end to end: contract → one transaction (the console takes the code
// over, the change, audit rows, outbox row, job) → the outbox sends it with its stored key → Stripe (the simulator)
// changes → the answer and its effects are committed.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import type { CodeRow } from '../../../src/shared/contract/codes';
import {
  connectAndSync,
  contractCaller,
  count,
  openSyncCore,
  runJob,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from '../sync/harness';

let sim: RunningSimulator;
let c: SyncCore;

const call: ReturnType<typeof contractCaller> = (...args) => contractCaller(c.core)(...args);

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
      stripe: { state: 'stripe_only' },
      flags: [expect.objectContaining({ kind: 'made_in_stripe' })],
    });
    expect(code.stripePromotionCodeId).toMatch(/^promo_/);
    expect(code.dashboardUrl).toBe(
      `https://dashboard.stripe.com/test/promotion_codes/${code.stripePromotionCodeId}`,
    );
  });

  it('pauses a code in Stripe as a job, with the intent, the write and its outcome audited', async () => {
    const code = await welcome();
    const { jobId } = await call('fin', 'codes.update', {
      codeId: code.id,
      active: false,
      note: 'Leaked on a voucher site',
    });
    const job = await call('fin', 'jobs.wait', { jobId: jobId!, timeoutSeconds: 30 });
    expect(job).toMatchObject({
      kind: 'stripe_writes',
      title: 'Deactivate WELCOME10 in Stripe',
      state: 'done',
    });
    expect(job.startedBy).toBe('Fin Ance');
    expect(job.items).toEqual([
      expect.objectContaining({ state: 'succeeded', stripeId: code.stripePromotionCodeId }),
    ]);
    expect(promotionCode(code.stripePromotionCodeId!).active).toBe(false);

    const after = await welcome();
    expect(after).toMatchObject({
      isActive: false,
      status: 'paused',
      stripe: { state: 'in_step' },
      flags: [],
    });
    const detail = await call('fin', 'codes.get', { codeId: code.id });
    expect(detail.writes).toEqual([
      expect.objectContaining({ label: 'Deactivate WELCOME10', state: 'succeeded', requestedBy: 'Fin Ance' }),
    ]);
    const requestId = detail.writes[0]!.requestId;

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
    expect(actions).toEqual(['discount_code:adopted', 'discount_code:updated', 'stripe_request:succeeded']);
    const change = sqlite
      .prepare("SELECT old_values, new_values FROM audit_logs WHERE action = 'updated'")
      .raw()
      .get() as [string, string];
    expect(JSON.parse(change[0])).toEqual({ active: true });
    expect(JSON.parse(change[1])).toEqual({ active: false, note: 'Leaked on a voucher site' });
  });

  it('stays paused when sync later reads the event of the same change', async () => {
    expect((await runJob(c.core, 'sync'))?.state).toBe('done');
    expect(await welcome()).toMatchObject({ isActive: false, status: 'paused' });
  });

  it('refuses what makes no sense, and support, and changes nothing', async () => {
    const code = await welcome();
    const before = count(c.core.services.sqlite, 'SELECT count(*) FROM stripe_requests');
    await expect(call('fin', 'codes.update', { codeId: code.id, active: false })).rejects.toMatchObject({
      code: 'conflict',
      message: 'WELCOME10 already has these values: nothing to change.',
    });
    await expect(call('sup', 'codes.update', { codeId: code.id, active: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      call('fin', 'codes.update', { codeId: '00000000-0000-4000-8000-000000000000', active: true }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(count(c.core.services.sqlite, 'SELECT count(*) FROM stripe_requests')).toBe(before);
  });

  it('resumes it, and refuses a second change while the first is on its way', async () => {
    const code = await welcome();
    const first = await call('fin', 'codes.update', { codeId: code.id, active: true });
    await expect(call('fin', 'codes.update', { codeId: code.id, active: false })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('still on its way to Stripe'),
    });
    expect(await call('fin', 'jobs.wait', { jobId: first.jobId!, timeoutSeconds: 30 })).toMatchObject({
      state: 'done',
    });
    expect(promotionCode(code.stripePromotionCodeId!).active).toBe(true);
    expect(await welcome()).toMatchObject({ isActive: true, status: 'active' });
  });

  it('lets support see codes and the job, but not cancel it', async () => {
    const page = await call('sup', 'codes.list', { kind: 'discount' });
    expect(page.rows.length).toBeGreaterThan(0);
    const jobs = await call('sup', 'jobs.list', { kind: 'stripe_writes' });
    expect(jobs.map((j) => j.title)).toEqual([
      'Reactivate WELCOME10 in Stripe',
      'Deactivate WELCOME10 in Stripe',
    ]);
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
    const definitions = sqlite.prepare('SELECT * FROM code_definitions ORDER BY id').all();
    const hash = await call('fin', 'ledger.hash', {});
    const report = await call('fin', 'ledger.rebuild', {});
    expect(report).toMatchObject({ identical: true, before: hash.hash, after: hash.hash });
    expect(records()).toEqual(before);
    expect(sqlite.prepare('SELECT * FROM code_definitions ORDER BY id').all()).toEqual(definitions);
    expect(await welcome()).toMatchObject({ isActive: true, stripe: { state: 'in_step' } });
  });

  it('shows a code changed in Stripe as out of step, and sends it again on request', async () => {
    const code = await welcome();
    // A minute later, someone pauses WELCOME10 in the Stripe Dashboard.
    sim.control.advance(60);
    const dashboard = new Stripe('sk_test_dashboard', {
      host: '127.0.0.1',
      port: sim.port,
      protocol: 'http',
    });
    await dashboard.promotionCodes.update(code.stripePromotionCodeId!, { active: false });
    expect((await runJob(c.core, 'sync'))?.state).toBe('done');
    expect(await welcome()).toMatchObject({
      isActive: true,
      stripe: { state: 'out_of_step', reason: 'WELCOME10: inactive in Stripe.' },
    });
    await expect(call('sup', 'codes.resend', { codeId: code.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const { jobId } = await call('fin', 'codes.resend', { codeId: code.id });
    expect((await call('fin', 'jobs.wait', { jobId, timeoutSeconds: 30 })).state).toBe('done');
    expect(promotionCode(code.stripePromotionCodeId!).active).toBe(true);
    expect(await welcome()).toMatchObject({ stripe: { state: 'in_step' } });
    await expect(call('fin', 'codes.resend', { codeId: code.id })).rejects.toMatchObject({
      code: 'conflict',
      message: 'WELCOME10 is already in step with Stripe: nothing to send.',
    });
  });

  it('follows the active one when Stripe has two promotion codes with the same text', async () => {
    const welcomeCode = await welcome();
    // Taken over above, so the console sees the Dashboard's change as out of step: take over a fresh code instead.
    const code = (await call('fin', 'codes.list', { kind: 'discount', q: 'SUMMER15' })).rows[0]!;
    expect(code.stripe.state).toBe('stripe_only');
    const dashboard = new Stripe('sk_test_dashboard', {
      host: '127.0.0.1',
      port: sim.port,
      protocol: 'http',
    });
    const old = await dashboard.promotionCodes.retrieve(code.stripePromotionCodeId!);
    await dashboard.promotionCodes.update(old.id, { active: false });
    sim.control.advance(60);
    const fresh = await dashboard.promotionCodes.create({
      promotion: { type: 'coupon', coupon: (old.promotion as { coupon: string }).coupon },
      code: 'SUMMER15',
    });
    expect((await runJob(c.core, 'sync'))?.state).toBe('done');
    const after = (await call('fin', 'codes.list', { kind: 'discount', q: 'SUMMER15' })).rows[0]!;
    expect(after).toMatchObject({ isActive: true, stripePromotionCodeId: fresh.id, expiresOn: null });
    expect(welcomeCode.id).not.toBe(after.id);
  });
});
