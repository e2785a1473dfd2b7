// The sync engine end to end over HTTP: first backfill, incremental events, refetch, healing, cancel and resume.
import { afterEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { Sqlite } from '../../../src/main/db/open';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { readState } from '../../../src/main/sync/state';
import { buildStatus } from '../../../src/main/sync/status';
import { OVERLAP_SECONDS } from '../../../src/main/sync/poll';
import type { JobProgress } from '../../../src/shared/contract';
import {
  connectAndSync,
  count,
  ledgerProblems,
  openSyncCore,
  runJob,
  startSmallSimulator,
  syncHash,
  TEST_KEY,
  type SyncCore,
} from './harness';

let sim: RunningSimulator | undefined;
const cores: SyncCore[] = [];
async function open(port: number, options: Parameters<typeof openSyncCore>[1] = {}) {
  const c = await openSyncCore(port, options);
  cores.push(c);
  return c;
}
afterEach(async () => {
  for (const c of cores.splice(0)) {
    // After every test: the ledger balances, and its Stripe balance is the simulator's.
    expect(ledgerProblems(c.core.services.sqlite, sim)).toEqual([]);
    c.close();
  }
  await sim?.close();
  sim = undefined;
});

/** How many times the sync fetched this object again. */
const fetches = (sqlite: Sqlite, id: string) =>
  count(sqlite, "SELECT count(*) FROM stripe_observations WHERE object_id = ? AND source = 'fetch'", id);

const sdk = (port: number) =>
  new Stripe(TEST_KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });

describe('sync engine', () => {
  it('backfills every resource on first connect, then picks up new events incrementally', async () => {
    sim = await startSmallSimulator(21);
    const { core } = await open(sim.port);
    const progress: JobProgress[] = [];
    core.push.subscribe((event, payload) => {
      if (event === 'progress') progress.push(payload as JobProgress);
    });
    const job = await connectAndSync(core);
    expect(job?.state).toBe('done');
    const { sqlite } = core.services;
    const counts = sim.control.summary().counts;
    expect(count(sqlite, "SELECT count(*) FROM stripe_objects WHERE object_type = 'payment_intent'")).toBe(
      counts.paymentIntents,
    );
    expect(count(sqlite, "SELECT count(*) FROM stripe_objects WHERE object_type = 'account'")).toBe(
      counts.accounts,
    );
    let platformTransactions = 0;
    for await (const _ of sdk(sim.port).balanceTransactions.list({ limit: 100 })) platformTransactions += 1;
    expect(
      count(sqlite, "SELECT count(*) FROM stripe_objects WHERE object_type = 'balance_transaction'"),
    ).toBe(platformTransactions);
    const final = progress.at(-1)!;
    expect(final).toMatchObject({ kind: 'backfill', state: 'done' });
    expect(final.parts.find((p) => p.name === 'payment_intents')?.done).toBe(counts.paymentIntents);

    // New activity: a payment and a partial transfer reversal, then "Sync now".
    const stripe = sdk(sim.port);
    const pi = await stripe.paymentIntents.create({
      amount: 4720,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      metadata: { lplate_payment_type: 'lesson' },
    });
    const transfer = (await stripe.transfers.list({ limit: 1 })).data[0]!;
    await stripe.transfers.createReversal(transfer.id, { amount: 100 });
    sim.control.advance(60);
    const cursorBefore = readState(sqlite, 'events_cursor')!;
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    expect(count(sqlite, 'SELECT count(*) FROM stripe_objects WHERE id = ?', pi.id)).toBe(1);
    expect(count(sqlite, 'SELECT count(*) FROM stripe_events WHERE object_id = ?', pi.id)).toBeGreaterThan(0);
    expect(count(sqlite, "SELECT count(*) FROM stripe_objects WHERE object_type = 'transfer_reversal'")).toBe(
      1,
    );
    expect(readState(sqlite, 'events_cursor')!).toBeGreaterThan(cursorBefore);

    // A pass with nothing new changes nothing but the cursor bookkeeping.
    const before = syncHash(sqlite);
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    expect(syncHash(sqlite)).toBe(before);
    const status = buildStatus(sqlite, core.sync.job(), core.services.clock.now());
    expect(status).toMatchObject({
      connected: true,
      mode: 'test',
      keyLast4: TEST_KEY.slice(-4),
      openErrors: 0,
    });
    expect(status.lastEventAt).toBeGreaterThan(0);
    // Stripe's own balance is read after each pass, for the Overview to set beside the ledger's.
    const platform = sim.control.summary().balances.platform!;
    expect(readState(sqlite, 'stripe_balance')?.pence).toBe(platform.available + platform.pending);
  });

  it('tries an input that failed to apply again at every later sync until it applies, showing it as an open error meanwhile', async () => {
    sim = await startSmallSimulator(24);
    const { core } = await open(sim.port);
    await connectAndSync(core);
    const { sqlite } = core.services;
    const known = sqlite.prepare('SELECT learner_id, instructor_id FROM payments LIMIT 1').get() as {
      learner_id: string;
      instructor_id: string;
    };
    const pi = await sdk(sim.port).paymentIntents.create({
      amount: 5900,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
      metadata: {
        lplate_payment_type: 'lesson',
        lplate_learner_id: known.learner_id,
        lplate_instructor_id: known.instructor_id,
        lplate_hours: '1',
        lplate_rate_pence: '5000',
      },
    });
    const account = (await sdk(sim.port).accounts.list({ limit: 1 })).data[0]!;
    sim.control.restrictAccount(account.id);
    // Past the overlap window: the next event lists start after these events, so only a retry can apply them.
    sim.control.advance(OVERLAP_SECONDS + 60);
    // A deliberately failing input: anything about this payment intent is refused while it is being applied.
    sqlite.exec(
      `CREATE TEMP TRIGGER poison BEFORE INSERT ON main.stripe_objects WHEN NEW.id = '${pi.id}'
       BEGIN SELECT RAISE(ABORT, 'poisoned for the test'); END`,
    );
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    const openFailures = () =>
      count(sqlite, "SELECT count(*) FROM sync_errors WHERE code = 'apply_failed' AND resolved_at IS NULL");
    expect(count(sqlite, 'SELECT count(*) FROM stripe_objects WHERE id = ?', pi.id)).toBe(0);
    expect(fetches(sqlite, account.id)).toBe(1);
    const failing = count(sqlite, 'SELECT count(*) FROM sync_retries');
    expect(failing).toBeGreaterThan(0);
    expect(openFailures()).toBe(failing);
    expect(buildStatus(sqlite, core.sync.job(), core.services.clock.now()).openErrors).toBeGreaterThanOrEqual(
      failing,
    );

    // A later pass, which does not list those events again: still failing, still open, tried again.
    sim.control.advance(60);
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    expect(count(sqlite, 'SELECT min(attempts) FROM sync_retries')).toBe(2);
    expect(openFailures()).toBe(failing);

    // Once the cause is gone, the next sync applies them: nothing was lost.
    sqlite.exec('DROP TRIGGER temp.poison');
    sim.control.advance(60);
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    expect(count(sqlite, 'SELECT count(*) FROM stripe_objects WHERE id = ?', pi.id)).toBe(1);
    expect(count(sqlite, 'SELECT count(*) FROM payments WHERE stripe_payment_intent_id = ?', pi.id)).toBe(1);
    expect(count(sqlite, 'SELECT count(*) FROM sync_retries')).toBe(0);
    expect(openFailures()).toBe(0);
  });

  it('refetches an account when account.updated arrives and keeps the fetched state', async () => {
    sim = await startSmallSimulator(22);
    const { core } = await open(sim.port);
    await connectAndSync(core);
    const account = (await sdk(sim.port).accounts.list({ limit: 1 })).data[0]!;
    sim.control.restrictAccount(account.id);
    sim.control.advance(60);
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    const sqlite = core.services.sqlite;
    const stored = JSON.parse(
      sqlite
        .prepare('SELECT payload FROM stripe_object_states WHERE id = ?')
        .pluck()
        .get(account.id) as string,
    ) as Stripe.Account;
    expect(stored.payouts_enabled).toBe(false);
    expect(fetches(sqlite, account.id)).toBe(1);
  });

  it('heals a gap longer than Stripe keeps events by backfilling, and says so', async () => {
    sim = await startSmallSimulator(23);
    const { core } = await open(sim.port);
    await connectAndSync(core);
    const sqlite = core.services.sqlite;
    expect(readState(sqlite, 'healed_by_backfill_at')).toBeNull();
    const pi = await sdk(sim.port).paymentIntents.create({
      amount: 3000,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    sim.control.advance(26 * 86_400);
    const job = await runJob(core, 'sync');
    expect(job?.state).toBe('done');
    expect(job?.message).toMatch(/objects listed/);
    expect(readState(sqlite, 'healed_by_backfill_at')).toBe(core.services.clock.now());
    expect(buildStatus(sqlite, null, core.services.clock.now()).healedByBackfillAt).not.toBeNull();
    expect(count(sqlite, 'SELECT count(*) FROM stripe_objects WHERE id = ?', pi.id)).toBe(1);
    // The cursor now follows Stripe's clock again: the next pass is an ordinary one.
    expect(readState(sqlite, 'events_cursor')!).toBeGreaterThanOrEqual(sim.control.now() - 300);
  });

  it('cancels a backfill between pages and resumes where it stopped, ending as an uninterrupted one', async () => {
    sim = await startSmallSimulator(24);
    const reference = await open(sim.port, { sync: { pageSize: 5 } });
    expect((await connectAndSync(reference.core))?.state).toBe('done');

    let pages = 0;
    const { core } = await open(sim.port, {
      sync: {
        pageSize: 5,
        // "Cancel" pressed while the sixth page is being read.
        checkpoint: (point) => {
          if (point === 'page' && ++pages === 6) core.services.jobs.cancel(core.sync.job()!.jobId);
        },
      },
    });
    const first = await connectAndSync(core);
    expect(first?.state).toBe('cancelled');
    const saved = readState(core.services.sqlite, 'backfill');
    expect(saved).not.toBeNull();
    const listedSoFar = Object.values(saved!.cursors).reduce((sum, c) => sum + c.count, 0);
    expect(listedSoFar).toBeGreaterThan(0);

    const resumed = await runJob(core, 'sync');
    expect(resumed?.state).toBe('done');
    expect(readState(core.services.sqlite, 'backfill')).toBeNull();
    expect(syncHash(core.services.sqlite)).toBe(syncHash(reference.core.services.sqlite));
  });

  it('records a request that still fails after retries, reports the job failed, and clears it once Stripe answers', async () => {
    sim = await startSmallSimulator(25);
    const { core } = await open(sim.port, {
      sync: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
    });
    await connectAndSync(core);
    sim.control.setFaults({ seed: 1, routes: { '/v1/events': { error500: 1 } } });
    const failed = await runJob(core, 'sync');
    expect(failed?.state).toBe('failed');
    const sqlite = core.services.sqlite;
    const status = buildStatus(sqlite, core.sync.job(), core.services.clock.now());
    expect(status.openErrors).toBe(1);
    expect(status.errors[0]).toMatchObject({ scope: 'request', code: 'stripe_unreachable' });
    expect(status.errors[0]!.hint).not.toBe('');
    expect(status.job?.state).toBe('failed');
    sim.control.clearFaults();
    expect((await runJob(core, 'sync'))?.state).toBe('done');
    expect(buildStatus(sqlite, null, core.services.clock.now()).openErrors).toBe(0);
  });
});
