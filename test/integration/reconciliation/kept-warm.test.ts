// The Stripe read kept warm in the background (src/main/recon/kept-warm.ts), through the real stripe SDK against the
// simulator: after a refresh, a month-end run of last month reads only Stripe's changes and finds what a whole read
// finds; the span moves forward when the month rolls over; a run of an older period leaves it; a refresh Stripe breaks
// off changes nothing and says so; nothing runs without Stripe connected.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/main/clock';
import { KEPT_JOB, REFRESH_EVERY_MS, rollingSpan } from '../../../src/main/recon/kept-warm';
import { spanOf } from '../../../src/main/recon/period';
import { readStripe, type StripeRead } from '../../../src/main/recon/stripe-kept';
import { syncEngineOf } from '../../../src/main/sync/registry';
import type { ReconPeriod } from '../../../src/shared/contract/recon';
import { formatInstant } from '../../../src/shared/dates';
import { payLesson } from '../../fixtures/lesson-payment';
import { OPERATOR_PASSWORD, openSyncCore, startSmallSimulator } from '../sync/harness';
import { syncedWorkspace } from '../sync/workspace';
import { FIRST_WEEK, importScenarioCompletions, JULY, runJob } from './workspace';

/** The console's clock, moved by the tests: 10 August 2026, so July is last month. */
const clock: Clock & { at: number } = {
  at: Date.parse('2026-08-10T09:00:00Z'),
  now: () => clock.at,
};
const ws = syncedWorkspace({
  seed: 23,
  operators: [
    { username: 'fin', name: 'Fin Ance', role: 'finance' },
    { username: 'man', name: 'Mandy Ager', role: 'manager' },
    { username: 'sup', name: 'Sue Port', role: 'support' },
  ],
  core: { clock },
  then: async (c, sim) => importScenarioCompletions(c, sim),
});
const core = () => ws.c.core;
const db = () => core().services.sqlite;
const gateway = () => syncEngineOf(db()).connectedGateway()!;
const SECOND_WEEK: ReconPeriod = { kind: 'week', from: '2026-07-06', to: '2026-07-12' };
const AUGUST: ReconPeriod = { kind: 'month', from: '2026-08-01', to: '2026-08-31' };

const kept = () => ({
  read: db().prepare('SELECT * FROM recon_stripe_read').all(),
  objects: db().prepare('SELECT * FROM recon_stripe_objects ORDER BY kind, id').all(),
});
const sideOf = ({ side }: StripeRead) => ({ ...side, balanceAt: undefined, kept: undefined });

/** Sessions end when the clock jumps (idle lock, lifetime): everyone signs in again. */
async function signInAgain() {
  for (const who of ['fin', 'man', 'sup'])
    await ws.call(who, 'auth.signIn', { username: who, password: OPERATOR_PASSWORD });
}

/** A refresh as its schedule starts it, a refresh interval after the last one, followed to its end. */
async function refreshed() {
  clock.at += REFRESH_EVERY_MS;
  const jobId = core().keptRead.tick();
  expect(jobId).not.toBeNull();
  return ws.ended(jobId);
}

/** Changes made in Stripe by someone else: a refund, a transfer reversal and a new lesson paid. */
async function changeStripe(n: number) {
  const stripe = ws.stripe();
  const charge = [...ws.sim.state.payments.items].find(
    (p) => p.account === null && p.status === 'succeeded' && p.amountRefunded === 0 && !p.disputeId,
  )!;
  await stripe.refunds.create({ payment_intent: charge.id, amount: 150 });
  const transfer = ws.sim.state.transfers.items.find((t) => t.amount - t.amountReversed >= 100)!;
  await stripe.transfers.createReversal(transfer.id, { amount: 100 });
  const s = ws.sim.scenario!;
  await payLesson(stripe, s.learners[n % s.learners.length]!, s.instructors[n % s.instructors.length]!);
}

describe('the Stripe read kept warm in the background', () => {
  it('spans last month and this one, London time', () => {
    const span = rollingSpan(Date.parse('2026-08-10T09:00:00Z'));
    expect(span).toEqual(spanOf({ from: '2026-07-01', to: '2026-08-31' }));
    // Half past midnight on 1 April in London is still 31 March in UTC.
    expect(rollingSpan(Date.parse('2026-03-31T23:30:00Z'))).toEqual(
      spanOf({ from: '2026-03-01', to: '2026-04-30' }),
    );
    expect(rollingSpan(Date.parse('2027-01-15T12:00:00Z'))).toEqual(
      spanOf({ from: '2026-12-01', to: '2027-01-31' }),
    );
  });

  it('keeps nothing of a first fill that is cancelled or that Stripe breaks off', async () => {
    const nothing = { read: [], objects: [] };
    // Slow, so the cancel lands while Stripe is still being read, however loaded the machine.
    const slow = { delay: 1, delayMs: 400 };
    ws.sim.control.setFaults({ routes: { 'GET /v1/transfers': slow, 'GET /v1/payouts': slow } });
    try {
      clock.at += REFRESH_EVERY_MS;
      const jobId = core().keptRead.tick()!;
      let job = await ws.call('fin', 'jobs.get', { jobId });
      while (job.done === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await ws.call('fin', 'jobs.get', { jobId });
      }
      expect(job.cancellable).toBe(true);
      await ws.call('fin', 'jobs.cancel', { jobId });
      job = await ws.ended(jobId);
      expect(job).toMatchObject({
        state: 'cancelled',
        message: 'Cancelled: the kept read was left as it was.',
      });
    } finally {
      ws.sim.control.clearFaults();
    }
    expect(kept()).toEqual(nothing);
    ws.sim.control.setFaults({ routes: { 'GET /v1/payouts': { error500: 1, shouldRetry: false } } });
    try {
      const failed = await refreshed();
      expect(failed.state).toBe('failed');
      expect(failed.parts[0]!.done).toBeGreaterThan(0);
    } finally {
      ws.sim.control.clearFaults();
    }
    expect(kept()).toEqual(nothing);
  });

  it('makes a month-end run of last month read only the changes, with the discrepancies of a whole read', async () => {
    const first = await refreshed();
    expect(first.state).toBe('done');
    expect(first.message).toMatch(
      /^Stripe read whole for 2026-07-01 – 2026-08-31: [\d,]+ objects kept\. Last month’s payments were checked: its run checks again only what changes\.$/,
    );
    // July is over: its payment checks are proven in the background, so its month-end run checks only what changes.
    const proof = () =>
      db().prepare('SELECT span_start AS start, span_end AS end FROM recon_payment_proof').get();
    expect(proof()).toEqual(spanOf(JULY));
    let status = await ws.call('man', 'recon.keptRead', {});
    expect(status.kept).toMatchObject({ from: '2026-07-01', to: '2026-08-31', background: true });
    expect(status.refresh).toMatchObject({ jobId: first.jobId, state: 'done' });

    await changeStripe(1);
    const second = await refreshed();
    expect(second.message).toMatch(/brought up to date: [1-9]\d* objects? changed since [^.]+\.$/);
    // Already proven, July is not checked again; the refund and the new charge are noted for its run to check.
    expect(db().prepare('SELECT count(*) FROM recon_payment_unproven').pluck().get()).toBeGreaterThan(0);
    status = await ws.call('fin', 'recon.keptRead', {});
    const warm = kept();

    const run = await runJob(ws.call, 'fin', JULY);
    expect(run.state).toBe('done');
    expect(run.message).toMatch(/Stripe: only the changes since .+ were read\.$/);
    expect(run.message).toContain(`only the changes since ${formatInstant(status.kept!.upTo)} were read`);
    const changes = await ws.call('fin', 'recon.get', { reportId: run.resultId! });
    // Served from the warm read as it stands, the run keeps July's proof, with only what it found noted.
    expect(proof()).toEqual(spanOf(JULY));
    const whole = await runJob(ws.call, 'fin', JULY, true);
    // A whole read is not the kept read, so it keeps no proof.
    expect(proof()).toBeUndefined();
    expect(whole.message).toMatch(/Stripe was read whole\.$/);
    const wholeRun = await ws.call('fin', 'recon.get', { reportId: whole.resultId! });
    expect(changes.discrepancies).toEqual(wholeRun.discrepancies);
    // The refund and the new lesson are not synced yet: both runs saw them.
    expect(changes.discrepancies.map((d) => d.kind)).toContain('charge_missing_in_ledger');
    // The whole read did not replace the warm one, and a week inside it is served from it too.
    const { span_start, span_end } = warm.read[0] as { span_start: number; span_end: number };
    expect(kept().read[0]).toMatchObject({ span_start, span_end, background: 1 });
    expect((await runJob(ws.call, 'fin', SECOND_WEEK)).message).toMatch(/only the changes since/);
    await ws.sync();
  });

  it('keeps the refreshed read when a cancel lands while last month is checked, and says its run checks all', async () => {
    const july = spanOf(JULY);
    const julyProof = () =>
      db()
        .prepare('SELECT count(*) FROM recon_payment_proof WHERE span_start = ? AND span_end = ?')
        .pluck()
        .get(july.start, july.end);
    expect(julyProof()).toBe(0); // the whole read of the test before dropped it, and a week's run took its place
    await changeStripe(2);
    const before = kept();
    // Slow events, so the cancel lands while the check's own read of Stripe's changes waits.
    ws.sim.control.setFaults({ routes: { 'GET /v1/events': { delay: 1, delayMs: 1500 } } });
    try {
      clock.at += REFRESH_EVERY_MS;
      const jobId = core().keptRead.tick()!;
      let job = await ws.call('fin', 'jobs.get', { jobId });
      while (!job.message.startsWith('Checking last month’s payments')) {
        expect(job.state).toBe('running');
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await ws.call('fin', 'jobs.get', { jobId });
      }
      await ws.call('fin', 'jobs.cancel', { jobId });
      expect(await ws.ended(jobId)).toMatchObject({
        state: 'cancelled',
        message:
          'Cancelled after the kept read was brought up to date: last month’s payments were not checked ahead, so its run checks them all.',
      });
    } finally {
      ws.sim.control.clearFaults();
    }
    // The refresh itself was kept (it read the changes made above); July's check was not.
    expect(kept().objects).not.toEqual(before.objects);
    expect(julyProof()).toBe(0);
    expect((await refreshed()).message).toMatch(/Last month’s payments were checked/);
    expect(julyProof()).toBe(1);
    await ws.sync();
  });

  it('leaves the warm read as it was when a run of a period outside it reads Stripe whole', async () => {
    await refreshed();
    const before = kept();
    // The week of 29 June starts before the span (1 July).
    const outside = await runJob(ws.call, 'fin', FIRST_WEEK);
    expect(outside.state).toBe('done');
    expect(outside.message).toMatch(/Stripe was read whole\.$/);
    expect(kept()).toEqual(before);
    expect((await runJob(ws.call, 'fin', JULY)).message).toMatch(/only the changes since/);
  });

  it('keeps nothing of a refresh Stripe breaks off, says why and what to do, and the next one catches up', async () => {
    await refreshed();
    await changeStripe(3);
    const before = kept();
    // The balance is the refresh's last request: the events and the new objects were read by then.
    ws.sim.control.setFaults({ routes: { 'GET /v1/balance': { error500: 1, shouldRetry: false } } });
    try {
      const failed = await refreshed();
      expect(failed.state).toBe('failed');
      expect(failed.message).toMatch(
        /^Stripe could not be read, so the kept read was left as it was: .+ tried again within 5 minutes.+Settings → Stripe\.$/,
      );
      const status = await ws.call('fin', 'recon.keptRead', {});
      expect(status.refresh).toMatchObject({ state: 'failed', message: failed.message });
    } finally {
      ws.sim.control.clearFaults();
    }
    expect(kept()).toEqual(before);
    expect((await refreshed()).state).toBe('done');
    const changes = await readStripe(db(), gateway(), spanOf(JULY));
    expect(changes.changesSince).not.toBeNull();
    expect(sideOf(changes)).toEqual(sideOf(await readStripe(db(), gateway(), spanOf(JULY), undefined, true)));
    await ws.sync();
  });

  it('is not refreshed while a run holds the kept read, nor again within its interval', async () => {
    await refreshed();
    expect(core().keptRead.tick()).toBeNull(); // the interval has not passed
    clock.at += REFRESH_EVERY_MS;
    const { jobId } = await ws.call('fin', 'recon.run', { period: JULY });
    expect(core().keptRead.tick()).toBeNull();
    await ws.ended(jobId);
    const next = core().keptRead.tick();
    expect(next).not.toBeNull();
    expect((await ws.ended(next)).state).toBe('done');
  });

  it('moves forward when the month rolls over: what falls out is dropped, nothing is read again', async () => {
    // A lesson paid in August, so the moved span keeps something.
    ws.sim.control.jumpTo('2026-08-05T10:00:00Z');
    const s = ws.sim.scenario!;
    await payLesson(ws.stripe(), s.learners[5]!, s.instructors[1]!);
    await refreshed();
    const august = spanOf(AUGUST);
    const inAugust = () =>
      db().prepare('SELECT count(*) FROM recon_stripe_objects WHERE created >= ?').pluck().get(august.start);
    expect(inAugust()).toBeGreaterThan(0);
    const keptBefore = inAugust();
    const fill = core()
      .services.jobs.list({ state: 'finished', kind: KEPT_JOB, limit: 50 })
      .find((j) => j.message.startsWith('Stripe read whole'))!;
    // 2 September: the span is now August and September.
    clock.at = Date.parse('2026-09-02T08:00:00Z') - REFRESH_EVERY_MS;
    await signInAgain();
    const moved = await refreshed();
    expect(moved.state).toBe('done');
    expect(moved.message).toMatch(/^Kept read of 2026-08-01 – 2026-09-30 brought up to date/);
    // Only the events page and the balance were read, not July again nor August whole.
    expect(moved.done).toBeLessThan(fill.done / 10);
    const span = spanOf({ from: '2026-08-01', to: '2026-09-30' });
    const read = kept().read[0] as { span_start: number; span_end: number; background: number };
    expect(read).toMatchObject({ span_start: span.start, span_end: span.end, background: 1 });
    const oldest = db()
      .prepare(`SELECT kind, min(created) AS created FROM recon_stripe_objects GROUP BY kind`)
      .all() as { kind: string; created: number }[];
    expect(oldest.length).toBeGreaterThan(0);
    for (const o of oldest)
      expect(o.created).toBeGreaterThanOrEqual(span.start - (o.kind === 'charge' ? 86_400_000 : 0));
    expect(inAugust()).toBe(keptBefore);
    // What is kept is what a whole read of the new span gives.
    const changes = await readStripe(db(), gateway(), span);
    expect(changes.changesSince).not.toBeNull();
    expect(sideOf(changes)).toEqual(sideOf(await readStripe(db(), gateway(), span, undefined, true)));
    // July is now outside the span: its run reads whole, and leaves the warm read.
    const before = kept();
    expect((await runJob(ws.call, 'fin', JULY)).message).toMatch(/Stripe was read whole\.$/);
    expect(kept()).toEqual(before);
    expect((await runJob(ws.call, 'fin', AUGUST)).message).toMatch(/only the changes since/);
  });

  it('is read by finance, managers and admins only, and refuses bad input', async () => {
    const refused = async (who: string, input: unknown) => {
      try {
        await ws.call(who, 'recon.keptRead', input as Record<string, never>);
      } catch (e) {
        return (e as { code: string }).code;
      }
      throw new Error('recon.keptRead succeeded');
    };
    await signInAgain();
    expect(await refused('sup', {})).toBe('forbidden');
    expect(await refused('fin', { span: 'all' })).toBe('validation');
    expect(await refused('fin', 'now')).toBe('validation');
  });
});

describe('the background refresh without Stripe connected', () => {
  it('never starts', async () => {
    const sim = await startSmallSimulator(5);
    const c = await openSyncCore(sim.port, { clock });
    try {
      clock.at += REFRESH_EVERY_MS;
      expect(c.core.keptRead.tick()).toBeNull();
      c.core.keptRead.start();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(c.core.services.jobs.list({ state: 'all', kind: KEPT_JOB, limit: 1 })).toEqual([]);
      expect(c.core.services.sqlite.prepare('SELECT count(*) FROM recon_stripe_read').pluck().get()).toBe(0);
    } finally {
      c.close();
      await sim.close();
    }
  });
});
