// Codes while Stripe is slow or held up: a change is in effect at once and Stripe follows it; a code never waits for
// another job's write; a coupon made elsewhere is used only with the console's terms; a replaced promotion code's
// successor counts every use the old one took; another process's commit is waited for, not an internal error.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redeemPromotionCode } from '../../../src/main/simulator/ops/coupons';
import { runJob } from '../sync/harness';
import { codesWorkspace, FIN, MAN } from './workspace';

const w = codesWorkspace(101, [FIN, MAN]);
const { call, ended, row, promotionsWith } = w;
const sqlite = () => w.c.core.services.sqlite;

/** Holds every request to a Stripe route with a 429 and an hour's Retry-After. */
const holdRoute = (route: string) =>
  w.sim.control.setFaults({ seed: 1, routes: { [route]: { rateLimit429: 1, retryAfterSeconds: 3600 } } });

/** Lifts the faults and sends what waits for its retry now. */
function release(): void {
  w.sim.control.clearFaults();
  sqlite()
    .prepare(
      "UPDATE stripe_requests SET next_attempt_at = 0 WHERE state IN ('pending', 'unknown') AND next_attempt_at IS NOT NULL",
    )
    .run();
  w.c.core.services.outbox.sender.kick();
}

async function untilWrite(description: string, state: 'sent' | 'pending'): Promise<void> {
  const read = sqlite().prepare(
    'SELECT state, next_attempt_at IS NOT NULL AS answered FROM stripe_requests WHERE description = ? ORDER BY seq DESC',
  );
  for (let i = 0; i < 400; i++) {
    const r = read.get(description) as { state: string; answered: number } | undefined;
    // `pending` after a 429 has its retry time set; `sent` is out at Stripe.
    if (r?.state === state && (state === 'sent' || r.answered === 1)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`“${description}” never became ${state}`);
}

const newCode = (code: string, percentage: number, maxUses: number | null = null) =>
  call('fin', 'codes.create', { kind: 'discount', code, percentage, maxUses, expiresOn: '2027-01-31' });

afterEach(() => release());

describe('codes while Stripe is slow or held up', () => {
  it('uses a coupon Stripe already has only when its terms are the console’s', async () => {
    await w
      .stripe('sk_test_dashboard')
      .coupons.create({ id: 'lplate-percent-37', percent_off: 90, duration: 'forever' });
    const made = await newCode('SQUAT-37', 37, 5);
    const job = await ended(made.jobId);
    expect(job.state).toBe('failed');
    expect(job.items.map((i) => [i.label, i.state])).toEqual([
      ['Create the 37% coupon', 'failed'],
      ['Create SQUAT-37', 'canceled'],
    ]);
    expect(job.items[0]!.detail).toContain(
      'lplate-percent-37 exists with other terms (percent_off 90, duration forever)',
    );
    expect(promotionsWith('SQUAT-37')).toEqual([]);
    expect((await row('SQUAT-37')).stripe).toMatchObject({
      state: 'refused',
      reason: expect.stringContaining('exists with other terms'),
    });

    // Sent again, before or after sync has read the squatted coupon, it gets a coupon of its own.
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');
    expect((await ended((await call('fin', 'codes.resend', { codeId: made.codeId })).jobId)).state).toBe(
      'done',
    );
    const [promo] = promotionsWith('SQUAT-37');
    expect(promo).toMatchObject({ couponId: 'lplate-percent-37-v2', maxRedemptions: 5 });
    expect(w.sim.state.coupons.get('lplate-percent-37-v2')).toMatchObject({
      percentOff: 37,
      duration: 'once',
    });
    expect((await row('SQUAT-37')).stripe).toEqual({ state: 'in_step' });
  });

  it('never makes a code wait for another job’s write: cancelling one job leaves the other whole', async () => {
    holdRoute('POST /v1/coupons');
    const a = await newCode('JOB-A-41', 41);
    await untilWrite('Create the 41% coupon', 'pending');
    const b = await call('man', 'codes.create', {
      kind: 'discount',
      code: 'JOB-B-41',
      percentage: 41,
      maxUses: null,
      expiresOn: null,
    });
    await call('fin', 'jobs.cancel', { jobId: a.jobId });
    const jobA = await ended(a.jobId);
    expect(jobA.state).toBe('cancelled');
    expect(jobA.items.map((i) => [i.label, i.state, i.detail])).toEqual([
      ['Create the 41% coupon', 'canceled', 'Not sent: its job was cancelled.'],
      [
        'Create JOB-A-41',
        'canceled',
        'Not sent: “Create the 41% coupon”, which it needed first, did not happen.',
      ],
    ]);

    release();
    const jobB = await ended(b.jobId, 'man');
    expect(jobB.state).toBe('done');
    expect(jobB.items.map((i) => [i.label, i.state])).toEqual([
      ['Create the 41% coupon', 'succeeded'],
      ['Create JOB-B-41', 'succeeded'],
    ]);
    expect(promotionsWith('JOB-B-41')).toEqual([
      expect.objectContaining({ couponId: 'lplate-percent-41', active: true }),
    ]);
    expect(promotionsWith('JOB-A-41')).toEqual([]);
  });

  it('deactivates at once while the code’s creation waits to be sent, and Stripe gets it inactive', async () => {
    holdRoute('POST /v1/promotion_codes');
    const made = await newCode('HELD-20', 20);
    await untilWrite('Create HELD-20', 'pending');
    const change = await call('man', 'codes.update', { codeId: made.codeId, active: false });
    expect((await row('HELD-20')).isActive).toBe(false);

    const first = await ended(made.jobId);
    expect(first.state).toBe('failed');
    expect(first.message).toBe(
      'Stripe did not get 1 of 2 writes. Not sent: replaced by a later change of HELD-20 by Mandy Ager.',
    );
    release();
    expect((await ended(change.jobId, 'man')).state).toBe('done');
    expect(promotionsWith('HELD-20')).toEqual([expect.objectContaining({ active: false })]);
    expect(await row('HELD-20')).toMatchObject({ isActive: false, stripe: { state: 'in_step' } });
  });

  it('deactivates at once while the code’s creation is out at Stripe; the pause follows it in the same job', async () => {
    w.sim.control.setFaults({
      seed: 1,
      routes: { 'POST /v1/promotion_codes': { delay: 1, delayMs: 1500 } },
    });
    const made = await newCode('SLOW-20', 20);
    await untilWrite('Create SLOW-20', 'sent');
    const change = await call('man', 'codes.update', { codeId: made.codeId, active: false });
    // Nothing more to send now: the write out at Stripe comes first.
    expect(change.jobId).toBeNull();
    expect(await row('SLOW-20')).toMatchObject({ isActive: false, stripe: { state: 'sending' } });

    const job = await ended(made.jobId);
    expect(job.state).toBe('done');
    expect(job.items.map((i) => [i.label, i.state])).toEqual([
      ['Create SLOW-20', 'succeeded'],
      ['Deactivate SLOW-20', 'succeeded'],
    ]);
    expect(promotionsWith('SLOW-20')).toEqual([expect.objectContaining({ active: false })]);
    expect((await row('SLOW-20')).stripe).toEqual({ state: 'in_step' });
  });

  it('gives a replaced promotion code only the uses left after every use the old one took', async () => {
    const made = await newCode('OVER-5', 20, 5);
    expect((await ended(made.jobId)).state).toBe('done');
    redeemPromotionCode(w.sim.state, 'OVER-5');
    expect((await runJob(w.c.core, 'sync'))?.state).toBe('done');

    holdRoute('POST /v1/promotion_codes/');
    const change = await call('man', 'codes.update', { codeId: made.codeId, expiresOn: '2027-06-30' });
    await untilWrite('Retire the old promotion code of OVER-5', 'pending');
    // Two learners use the old code before Stripe retires it; the console has not synced them.
    redeemPromotionCode(w.sim.state, 'OVER-5');
    redeemPromotionCode(w.sim.state, 'OVER-5');
    release();

    const job = await ended(change.jobId, 'man');
    expect(job.items.map((i) => [i.label, i.state])).toEqual([
      ['Retire the old promotion code of OVER-5', 'succeeded'],
      ['Create OVER-5', 'succeeded'],
    ]);
    const [old, replacement] = promotionsWith('OVER-5');
    expect(old).toMatchObject({ active: false, timesRedeemed: 3 });
    expect(replacement).toMatchObject({ active: true, maxRedemptions: 2 });
    expect((await row('OVER-5')).stripe).toEqual({ state: 'in_step' });
  });

  it('waits for another process’s commit to the workspace instead of failing', async () => {
    const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    const script = `
      const Database = require(${JSON.stringify(betterSqlite)});
      const db = new Database(${JSON.stringify(join(w.c.dir, 'lplate.sqlite'))});
      db.pragma('busy_timeout = 5000');
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO code_definitions (id, kind, code, discount_percentage, is_active, origin, created_at, updated_at)"
        + " VALUES ('5f0c2b8e-7d1a-4c3e-9b2f-0a1b2c3d4e5f', 'discount', 'ELSEWHERE', 10, 1, 'console', 0, 0)").run();
      console.log('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1000);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()),
    );
    const made = await newCode('RACE-10', 10);
    expect((await ended(made.jobId)).state).toBe('done');
    expect(await exited).toBe(0);
  });
});
