// The outbox's sender against the simulator through the real SDK: retries with the same key (dropped answers, 5xx,
// 429), final refusals in plain words, write permissions, a create whose key expired, cancellation and restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import type { Core } from '../../../src/main/core';
import type { JobProgress } from '../../../src/shared/contract';
import { submitStripeWrites } from '../../../src/main/outbox/index';
import { requestById, type StripeRequest } from '../../../src/main/outbox/requests';
import { connectStripe } from '../../../src/main/sync/connect';
import Stripe from 'stripe';
import {
  contractCaller,
  markConnected,
  memorySecrets,
  openSyncCore,
  runJob,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from '../sync/harness';
import { STRIPE_KEY_SECRET } from '../../../src/main/sync/engine';
import { READ_ALL } from '../../fixtures/stripe-keys';

let sim: RunningSimulator;
let payable: string[];
const opened: SyncCore[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSmallSimulator(17);
  sim.control.setPayoutSchedule('manual');
  sim.control.advance(7 * 86_400);
  payable = sim.state.accounts.items.filter((a) => a.transfersActive).map((a) => a.id);
});
afterEach(() => {
  sim.control.clearFaults();
  while (opened.length) opened.pop()!.close();
});
afterAll(async () => {
  await sim?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function open(options: Parameters<typeof openSyncCore>[1] = {}): Promise<Core> {
  const c = await openSyncCore(sim.port, {
    ...options,
    outbox: { retry: { baseDelayMs: 5, maxDelayMs: 40 }, ...options.outbox },
  });
  opened.push(c);
  return c.core;
}

/** An operator to ask for the writes (their id is on the requests and the job). */
function operator(core: Core): { id: string; name: string } {
  const id = randomUUID();
  core.services.sqlite
    .prepare("INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, ?, 'Fin Ance', 0, 0)")
    .run(id, `${id}@lplate.test`);
  return { id, name: 'Fin Ance' };
}

/** Commits `n` transfers (as the payout run will) and returns their job. */
function transfers(core: Core, n: number, amount = 150): { jobId: string; requestIds: string[] } {
  const { jobId, requestIds } = submitStripeWrites(core.services, {
    title: `${n} test transfers`,
    by: operator(core),
    record: () =>
      Array.from({ length: n }, (_, i) => {
        const id = randomUUID();
        return {
          id,
          kind: 'transfer.create' as const,
          params: { amount: amount + i, currency: 'gbp', destination: payable[i % payable.length]! },
          idempotencyKey: `test-transfer:${id}`,
          intent: { type: 'test_transfer', id },
          description: `Test transfer ${i + 1}`,
        };
      }),
  });
  return { jobId: jobId!, requestIds };
}

const requests = (core: Core, ids: string[]): StripeRequest[] =>
  ids.map((id) => requestById(core.services.sqlite, id)!);
const made = (requestId: string) =>
  sim.state.transfers.items.filter((t) => t.metadata.lplate_request_id === requestId);

async function finished(core: Core, jobId: string): Promise<JobProgress> {
  const job = await core.services.jobs.wait(jobId, 30_000);
  expect(job?.state).not.toBe('running');
  return job!;
}

describe('retries with the same key', () => {
  it('makes exactly one transfer per write when answers are dropped, Stripe fails or asks to wait', async () => {
    const core = await open();
    markConnected(core);
    sim.control.setFaults({
      seed: 3,
      routes: {
        'POST /v1/transfers': {
          dropAfter: 0.3,
          dropBefore: 0.1,
          error500: 0.1,
          rateLimit429: 0.1,
          retryAfterSeconds: 0,
        },
      },
    });
    const { jobId, requestIds } = transfers(core, 12);
    const job = await finished(core, jobId);
    expect(job).toMatchObject({ state: 'done', message: 'All 12 writes done in Stripe.' });
    const rows = requests(core, requestIds);
    for (const r of rows) {
      expect(made(r.id).map((t) => t.id)).toEqual([r.stripeObjectId]);
      expect(r.state).toBe('succeeded');
    }
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    expect(sim.control.summary().faultsInjected.dropAfter).toBeGreaterThan(0);
  });
});

describe('refusals', () => {
  it('records a refusal as final, in plain words, audited, and never sends it again', async () => {
    const core = await open();
    markConnected(core);
    sim.control.failNextTransfer();
    const { jobId, requestIds } = transfers(core, 1);
    const job = await finished(core, jobId);
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/^Stripe refused \(balance_insufficient\): .*insufficient available funds/);
    const [r] = requests(core, requestIds);
    expect(r).toMatchObject({
      state: 'failed',
      attempts: 1,
      errorType: 'invalid_request_error',
      errorCode: 'balance_insufficient',
      errorStatus: 400,
    });
    expect(made(r!.id)).toEqual([]);
    const audit = core.services.sqlite
      .prepare("SELECT action FROM audit_logs WHERE entity_type = 'stripe_request' AND entity_id = ?")
      .pluck()
      .all(r!.id);
    expect(audit).toEqual(['failed']);
    core.services.outbox.sender.kick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requests(core, requestIds)[0]!.attempts).toBe(1);
  });

  it('holds a write the key may not make, names the permission, and sends it once a key that may is connected', async () => {
    const key = 'rk_test_writesOnlyCodes42';
    const reads = { ...READ_ALL, promotion_code: 'write' } as const;
    sim.control.registerRestrictedKey(key, reads);
    const core = await open({ secrets: memorySecrets({ [STRIPE_KEY_SECRET]: key }) });
    const backfill = await connectStripe(core.services, core.sync, key, { userId: null });
    await core.sync.wait(backfill);
    const status = core.services.sqlite
      .prepare("SELECT value FROM sync_state WHERE key = 'unwritable'")
      .pluck()
      .get() as string;
    expect((JSON.parse(status) as { resource: string }[]).map((u) => u.resource)).toEqual([
      'transfers',
      'transfer_reversals',
      'refunds',
      'coupons',
    ]);
    expect(sim.state.transfers.items.filter((t) => t.metadata.lplate_permission_probe)).toEqual([]);

    const { jobId, requestIds } = transfers(core, 1);
    await expect
      .poll(() => requests(core, requestIds)[0]!.heldReason)
      .toContain('“Connect → Transfers: Write”');
    expect(requests(core, requestIds)[0]).toMatchObject({ state: 'pending', errorStatus: 403, attempts: 1 });
    const waiting = await core.services.jobs.wait(jobId, 1_500);
    expect(waiting).toMatchObject({ state: 'running', cancellable: true });
    expect(waiting!.message).toMatch(/^Waiting for a person: The Stripe key may not do this/);
    expect(made(requestIds[0]!)).toEqual([]);

    // The admin gives the key the permission and connects it again: the held write goes, with its key.
    sim.control.registerRestrictedKey(key, { ...reads, transfer: 'write' });
    await core.sync.wait(await connectStripe(core.services, core.sync, key, { userId: null }));
    const job = await finished(core, jobId);
    expect(job.state).toBe('done');
    const [r] = requests(core, requestIds);
    expect(r).toMatchObject({ state: 'succeeded', heldReason: null, attempts: 2 });
    expect(made(r!.id).map((t) => t.id)).toEqual([r!.stripeObjectId]);
  });

  it('never sends a write to another account than the one it was asked of', async () => {
    const core = await open();
    markConnected(core);
    core.services.sqlite
      .prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('account', ?, 0)")
      .run(JSON.stringify({ id: 'acct_lplateplatformA', name: 'A' }));
    const { jobId, requestIds } = transfers(core, 1);
    // Before the sender runs, the workspace is pointed at another platform account.
    core.services.sqlite
      .prepare("UPDATE sync_state SET value = ? WHERE key = 'account'")
      .run(JSON.stringify({ id: 'acct_lplateplatformB', name: 'B' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests(core, requestIds)[0]).toMatchObject({ state: 'pending', attempts: 0 });
    expect(made(requestIds[0]!)).toEqual([]);
    core.services.jobs.cancel(jobId);
    expect((await finished(core, jobId)).state).toBe('cancelled');
  });
});

describe('a create whose key has expired in Stripe', () => {
  it('is not sent again but waits, and sync links the transfer Stripe made by its metadata', async () => {
    const core = await open({ outbox: { keyWindowMs: 0, retry: { baseDelayMs: 5, maxDelayMs: 40 } } });
    markConnected(core);
    sim.control.setFaults({ seed: 1, routes: { 'POST /v1/transfers': { dropAfter: 1 } } });
    const { jobId, requestIds } = transfers(core, 1);
    const job = await finished(core, jobId);
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/unconfirmed: Stripe may have made them/);
    const [r] = requests(core, requestIds);
    expect(r).toMatchObject({ state: 'unknown', attempts: 1, nextAttemptAt: null });
    expect(made(r!.id)).toHaveLength(1);

    sim.control.clearFaults();
    core.services.sqlite
      .prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('events_cursor', ?, 0)")
      .run(String(sim.control.now() - 600));
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    expect(requests(core, requestIds)[0]).toMatchObject({
      state: 'succeeded',
      stripeObjectId: made(r!.id)[0]!.id,
    });
    const confirmed = core.services.sqlite
      .prepare("SELECT actor FROM audit_logs WHERE action = 'confirmed_by_sync' AND entity_id = ?")
      .pluck()
      .all(r!.id);
    expect(confirmed).toEqual(['sync']);
    // The job that ended with it unconfirmed ends again, as its write did.
    await expect.poll(() => core.services.jobs.get(jobId)?.state).toBe('done');
  });
});

describe('a create that names its object', () => {
  it('is sent again after Stripe forgot its key, and the coupon Stripe made for it makes it done', async () => {
    const core = await open({ outbox: { keyWindowMs: 0, retry: { baseDelayMs: 5, maxDelayMs: 40 } } });
    markConnected(core);
    // The first attempt is applied and its answer lost.
    sim.control.setFaults({ seed: 1, routes: { 'POST /v1/coupons': { dropAfter: 1 } } });
    const id = randomUUID();
    const { jobId, requestIds } = submitStripeWrites(core.services, {
      title: 'A test coupon',
      by: operator(core),
      record: () => [
        {
          id,
          kind: 'coupon.create' as const,
          params: { id: `test-coupon-${id}`, percent_off: 12, duration: 'once' as const },
          idempotencyKey: `test-coupon:${id}`,
          intent: { type: 'test_coupon', id },
          description: 'Create a test coupon',
        },
      ],
    });
    await expect.poll(() => requests(core, requestIds)[0]!.maybeApplied).toBe(true);
    // A day on, Stripe has forgotten the key: the retry is answered "already exists", and the coupon is read.
    sim.control.advance(25 * 3600);
    sim.control.clearFaults();
    const job = await finished(core, jobId!);
    expect(job.state).toBe('done');
    expect(requests(core, requestIds)[0]).toMatchObject({
      state: 'succeeded',
      stripeObjectId: `test-coupon-${id}`,
    });
    expect(sim.state.coupons.items.filter((c) => c.id === `test-coupon-${id}`)).toHaveLength(1);
  });
});

describe('a person settles a write sync has not confirmed', () => {
  /** A transfer whose answer was lost and whose key Stripe may have forgotten: it waits for sync or a person. */
  async function unconfirmedTransfer(fault: 'dropAfter' | 'dropBefore') {
    const core = await open({ outbox: { keyWindowMs: 0 } });
    markConnected(core);
    await signedInOperators(core, [
      { username: 'fin', name: 'Fin Ance', role: 'finance' },
      { username: 'sup', name: 'Sue Port', role: 'support' },
    ]);
    sim.control.setFaults({ seed: 1, routes: { 'POST /v1/transfers': { [fault]: 1 } } });
    const { jobId, requestIds } = transfers(core, 1);
    expect((await finished(core, jobId)).state).toBe('failed');
    sim.control.clearFaults();
    const call = contractCaller(core);
    const settle = (who: string, stripeId: string | null, note = 'Looked in the Dashboard') =>
      call(who, 'jobs.settleWrite', { writeId: requestIds[0]!, stripeId, note });
    return { core, jobId, writeId: requestIds[0]!, settle };
  }

  const auditOf = (core: Core, writeId: string) =>
    core.services.sqlite
      .prepare(
        `SELECT a.action, u.name, json_extract(a.new_values, '$.note') AS note FROM audit_logs a
           LEFT JOIN users u ON u.id = a.user_id WHERE a.entity_id = ? AND a.action LIKE 'settled%'`,
      )
      .all(writeId);

  it('checks the object named in Stripe, links it, audits who, and the job then ends done', async () => {
    const { core, jobId, writeId, settle } = await unconfirmedTransfer('dropAfter');
    const [transfer] = made(writeId);
    const other = await new Stripe('sk_test_dashboard', {
      host: '127.0.0.1',
      port: sim.port,
      protocol: 'http',
    }).transfers.create({ amount: 500, currency: 'gbp', destination: payable[0]! });
    const unchanged = () => requests(core, [writeId])[0]!.state;

    await expect(settle('sup', transfer!.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(settle('fin', transfer!.id, 'ok')).rejects.toMatchObject({ code: 'validation' });
    await expect(settle('fin', 'tr_doesnotexist')).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('Stripe has no transfer tr_doesnotexist'),
    });
    await expect(settle('fin', other.id)).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('was not made by the console'),
    });
    expect(unchanged()).toBe('unknown');

    expect(await settle('fin', transfer!.id)).toEqual({
      state: 'succeeded',
      detail: `Done in Stripe (${transfer!.id}).`,
    });
    expect(requests(core, [writeId])[0]).toMatchObject({ state: 'succeeded', stripeObjectId: transfer!.id });
    expect(auditOf(core, writeId)).toEqual([
      { action: 'settled_made', name: 'Fin Ance', note: 'Looked in the Dashboard' },
    ]);
    await expect.poll(() => core.services.jobs.get(jobId)?.state).toBe('done');
    expect(core.services.jobs.get(jobId)?.message).toBe('Done in Stripe.');
    await expect(settle('fin', transfer!.id)).rejects.toMatchObject({
      code: 'conflict',
      message: 'This write is not waiting for a decision: it is succeeded.',
    });
  });

  it('records a write Stripe did not make as failed, never sends it, and the job says so', async () => {
    const { core, jobId, writeId, settle } = await unconfirmedTransfer('dropBefore');
    expect(made(writeId)).toEqual([]);
    await settle('fin', null, 'No transfer with this id in the Dashboard');
    expect(requests(core, [writeId])[0]).toMatchObject({
      state: 'failed',
      errorMessage: 'Not made in Stripe, as Fin Ance found: No transfer with this id in the Dashboard',
    });
    expect(auditOf(core, writeId)).toEqual([
      { action: 'settled_not_made', name: 'Fin Ance', note: 'No transfer with this id in the Dashboard' },
    ]);
    await expect
      .poll(() => core.services.jobs.get(jobId)?.message)
      .toBe('Not made in Stripe, as Fin Ance found: No transfer with this id in the Dashboard');
    core.services.outbox.sender.kick();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(made(writeId)).toEqual([]);
  });
});

describe('jobs of writes', () => {
  it('refuses writes while Stripe is not connected', async () => {
    const core = await open();
    expect(() => transfers(core, 1)).toThrow('Stripe is not connected');
    expect(core.services.sqlite.prepare('SELECT count(*) FROM stripe_requests').pluck().get()).toBe(0);
  });

  it('waits while Stripe is disconnected, saying so, and cancelling cancels the writes not sent (audited)', async () => {
    const core = await open();
    markConnected(core);
    const { jobId, requestIds } = transfers(core, 3);
    // Disconnected before the sender got to them.
    core.services.sqlite.prepare("UPDATE sync_state SET value = 'false' WHERE key = 'connected'").run();
    await expect
      .poll(async () => (await core.services.jobs.wait(jobId, 0))?.message)
      .toBe('Waiting for Stripe to be connected (Settings → Stripe).');
    expect(requests(core, requestIds).map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    expect(core.services.jobs.cancel(jobId)).toBe(true);
    const job = await finished(core, jobId);
    expect(job).toMatchObject({ state: 'cancelled' });
    expect(job.message).toBe('Cancelled: 3 writes not sent; what Stripe already had stays done.');
    expect(requests(core, requestIds).map((r) => r.state)).toEqual(['canceled', 'canceled', 'canceled']);
    for (const id of requestIds) expect(made(id)).toEqual([]);
    const audit = core.services.sqlite
      .prepare("SELECT count(*) FROM audit_logs WHERE action = 'canceled' AND entity_type = 'stripe_request'")
      .pluck()
      .get();
    expect(audit).toBe(3);
  });

  it('resumes after a restart: the job and its writes carry on where they were left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lplate-outbox-restart-'));
    dirs.push(dir);
    const first = await openSyncCore(sim.port, { dir });
    markConnected(first.core);
    const { jobId, requestIds } = transfers(first.core, 2);
    first.close(); // closed before its sender got to them: nothing was sent

    const again = await open({ dir });
    const job = await finished(again, jobId);
    expect(job).toMatchObject({ jobId, state: 'done', title: '2 test transfers' });
    for (const r of requests(again, requestIds))
      expect(made(r.id).map((t) => t.id)).toEqual([r.stripeObjectId]);
  });
});

describe('the rule that only the outbox writes', () => {
  it('keeps every Stripe write call of the core in one file', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const root = join(__dirname, '../../../src/main');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'simulator') walk(path);
        } else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(root);
    const writers = files.filter((f) =>
      /\.(transfers|refunds|coupons|promotionCodes|payouts)\.(create|update|del|createReversal|cancel)\(/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(writers.map((f) => f.slice(root.length + 1))).toEqual(['outbox/stripe-writes.ts']);
  });
});
